// A patient downloads their record (GET /api/records/export/fhir and /pdf): a FHIR R4 collection
// Bundle valid against the official R4 JSON schema, whose references resolve inside it, and a readable
// PDF summary. Nobody else can export it, and every export is audited.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { auditEvents, users } from '../../db/schema.ts';
import { systemActor } from '../../repository/actor.ts';
import { createTestUser, openTestSession, type TestSession } from '../../testing/accounts.ts';
import { sharedData } from '../../testing/fixtures.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { FhirExportBundle } from './export-bundle.ts';
import { importBundle } from './import-bundle.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let validateFhir: ValidateFunction;
let alice: TestSession;
let alicePatientId: string;
let bob: TestSession;
let bobPatientId: string;
let doctor: TestSession;
let halfSignedIn: TestSession;
let importedCount: number;
let amendedId: string;

const demoBundle = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../demo/synthea/${file}`, import.meta.url), 'utf8'));

/** The official R4 JSON schema (draft-06; its root names itself with the old `id` keyword). */
function fhirSchemaValidator(): ValidateFunction {
  const require = createRequire(import.meta.url);
  const { id, ...schema } = JSON.parse(
    readFileSync(`${sharedData}fhir-r4/fhir.schema.json`, 'utf8'),
  ) as { id: string } & Record<string, unknown>;
  const ajv = new Ajv({ strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  return ajv.compile({ ...schema, $id: id });
}

const history = [
  { kind: 'condition', text: 'Migraine', onset: '2015-06-01', note: 'Worse in spring' },
  { kind: 'allergy', text: 'Penicillin', onset: '2001-01-01' },
  { kind: 'medication', text: 'Ibuprofen 200 mg as needed', onset: '2020-02-02' },
  { kind: 'symptom', text: 'Dizzy spells', onset: '2024-03-03' },
  { kind: 'family-history', text: 'Type 2 diabetes', onset: '1990-01-01' },
];

const post = (session: TestSession, url: string, body: unknown) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...session.headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
const get = (url: string, session?: TestSession) =>
  app.inject({ url, ...(session ? { headers: session.headers } : {}) });

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  validateFhir = fhirSchemaValidator();
  const a = await createTestUser(t.platform, { role: 'patient' });
  const b = await createTestUser(t.platform, { role: 'patient' });
  alicePatientId = a.user.patientId!;
  bobPatientId = b.user.patientId!;
  alice = await openTestSession(t.platform, a.user);
  bob = await openTestSession(t.platform, b.user);
  doctor = await openTestSession(
    t.platform,
    (await createTestUser(t.platform, { role: 'doctor', totp: true })).user,
  );
  halfSignedIn = await openTestSession(t.platform, b.user, { mfaSatisfied: false });

  const written = await importBundle(
    t.platform.store,
    systemActor('importer', 'import'),
    alicePatientId,
    demoBundle('alfreda-wyman.json'),
    'demo:synthea/alfreda-wyman.json',
  );
  importedCount = written.length;
  for (const entry of history) expect((await post(alice, '/api/records', entry)).statusCode).toBe(201);
  // One entry amended by the patient: the export carries its latest version only.
  const condition = written.find((w) => w.resourceType === 'Condition')!;
  amendedId = condition.id;
  await t.platform.store.amend(
    { id: a.user.id, role: 'patient', patientId: alicePatientId, purpose: 'patient-request' },
    condition.id,
    { ...condition.resource, note: [{ text: 'Amended by the patient' }] },
    'patient',
  );
  expect(
    (await post(bob, '/api/records', { kind: 'allergy', text: 'Bob-only latex allergy' })).statusCode,
  ).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

function expectResolvable(bundle: FhirExportBundle) {
  const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
  expect(fullUrls.size).toBe(bundle.entry.length);
  for (const url of fullUrls) expect(url).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  const references = [
    ...JSON.stringify(bundle.entry.map((e) => e.resource)).matchAll(/"reference":"([^"]+)"/g),
  ].map((m) => m[1]!);
  const internal = references.filter(
    (ref) => ref.startsWith('urn:uuid:') || /^[A-Z][A-Za-z]+\/[0-9a-f-]{36}$/.test(ref),
  );
  expect(internal.length).toBeGreaterThan(0);
  expect(internal.filter((ref) => !fullUrls.has(ref))).toEqual([]);
}

function expectValidFhir(bundle: unknown) {
  const valid = validateFhir(bundle);
  expect(valid ? [] : validateFhir.errors?.slice(0, 10)).toEqual([]);
}

describe('GET /api/records/export/fhir', () => {
  it('checks bundles against a schema that does reject invalid FHIR', () => {
    const observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Pulse' },
      valueQuantity: { value: 'fast' },
    };
    expect(
      validateFhir({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ fullUrl: 'urn:uuid:1', resource: observation }],
      }),
    ).toBe(false);
    expect(validateFhir({ resourceType: 'Bundle', type: 'archive' })).toBe(false);
  });

  it('gives the patient their whole record as a valid R4 collection bundle, as a download', async () => {
    const response = await get('/api/records/export/fhir', alice);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const healthId = (await app.inject({ url: '/api/account', headers: alice.headers })).json<{
      healthId: string;
    }>().healthId;
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="medconnect-record-${healthId}.json"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');

    const bundle = response.json<FhirExportBundle>();
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      identifier: { value: expect.stringMatching(/^urn:uuid:/) as unknown },
    });
    expect(Date.parse(bundle.timestamp)).not.toBeNaN();
    // The record's own Patient stands for the patient: no Patient entry is added.
    expect(bundle.entry).toHaveLength(importedCount + history.length);
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Patient')).toHaveLength(1);
    const amended = bundle.entry.find((e) => e.resource.id === amendedId)!;
    expect(amended.resource).toMatchObject({
      meta: { versionId: '2' },
      note: [{ text: 'Amended by the patient' }],
    });
    expectResolvable(bundle);
    // Patient-reported entries refer to the record's Patient resource.
    const patientUrl = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.fullUrl;
    const reported = bundle.entry.filter((e) => JSON.stringify(e.resource).includes('patient-reported'));
    expect(reported).toHaveLength(history.length);
    for (const entry of reported)
      expect(JSON.stringify(entry.resource)).toContain(`"reference":"${patientUrl}"`);
    expect(response.body).not.toContain(`Patient/${alicePatientId}`);
    expectValidFhir(bundle);
  });

  it('exports a record without a Patient resource with a Patient entry from the Health ID', async () => {
    const response = await get('/api/records/export/fhir', bob);
    expect(response.statusCode).toBe(200);
    const bundle = response.json<FhirExportBundle>();
    expect(bundle.entry.map((e) => e.resource.resourceType).sort()).toEqual([
      'AllergyIntolerance',
      'Patient',
    ]);
    const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!;
    expect(patient).toMatchObject({
      fullUrl: `urn:uuid:${bobPatientId}`,
      resource: { identifier: [{ value: expect.any(String) as unknown }] },
    });
    expectResolvable(bundle);
    expectValidFhir(bundle);
    expect(response.body).not.toContain('Penicillin');
    expect(response.body).not.toContain(alicePatientId);
  });

  it('exports history the patient imported from another system as valid FHIR too', async () => {
    const d = await createTestUser(t.platform, { role: 'patient' });
    const dana = await openTestSession(t.platform, d.user);
    const imported = await post(dana, '/api/records/import', demoBundle('liz-conn.json'));
    expect(imported.statusCode).toBe(201);
    expect((await post(dana, '/api/records', history[0])).statusCode).toBe(201);
    const bundle = (await get('/api/records/export/fhir', dana)).json<FhirExportBundle>();
    expect(bundle.entry).toHaveLength(imported.json<{ total: number }>().total + 2);
    expect(bundle.entry[0]!.fullUrl).toBe(`urn:uuid:${d.user.patientId!}`);
    expectResolvable(bundle);
    expectValidFhir(bundle);
  });

  it('audits every export', async () => {
    const events = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, alicePatientId), eq(auditEvents.action, 'export')));
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]).toMatchObject({ outcome: 'success', entityType: 'patient-record' });
  });
});

describe('GET /api/records/export/pdf', () => {
  it('gives a readable summary over several pages for a long record', async () => {
    const response = await get('/api/records/export/pdf', alice);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="medconnect-summary-[\d-]+\.pdf"$/,
    );
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(response.rawPayload, { updateMetadata: false });
    expect(pdf.getTitle()).toMatch(/^Health record summary: Alfreda/);
    expect(pdf.getAuthor()).toBe('MedConnect');
    expect(pdf.getSubject()).toMatch(/^Health ID [\d-]+$/);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
    const exports = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, alicePatientId), eq(auditEvents.action, 'export')));
    expect(exports.length).toBeGreaterThanOrEqual(2);
  });

  it('does not stumble on names and entries that standard fonts cannot show', async () => {
    const c = await createTestUser(t.platform, { role: 'patient' });
    await t.platform.db
      .update(users)
      .set({ displayName: '王小明 Łukasz Ólafsdóttir Ærø Дмитрий' })
      .where(eq(users.id, c.user.id));
    const carol = await openTestSession(t.platform, c.user);
    for (const text of ['Аллергия на пенициллин', 'アレルギー 🤧', 'Café au lait spots — “mild”']) {
      expect((await post(carol, '/api/records', { kind: 'allergy', text })).statusCode).toBe(201);
    }
    const response = await get('/api/records/export/pdf', carol);
    expect(response.statusCode).toBe(200);
    const pdf = await PDFDocument.load(response.rawPayload, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('Health record summary: 王小明 Łukasz Ólafsdóttir Ærø Дмитрий');
    expect(pdf.getPageCount()).toBe(1);
  });
});

describe('who may export', () => {
  it('refuses the signed-out, the half-signed-in and professionals, and shows nothing of the record', async () => {
    for (const url of ['/api/records/export/fhir', '/api/records/export/pdf']) {
      const anonymous = await get(url);
      expect(anonymous.statusCode).toBe(401);
      expect((await get(url, halfSignedIn)).statusCode).toBe(401);
      const refused = await get(url, doctor);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json<{ detail: string }>().detail).toBe('Only patients can export their own record.');
      for (const body of [anonymous.body, refused.body]) expect(body).not.toMatch(/Alfreda|Penicillin/);
    }
  });
});
