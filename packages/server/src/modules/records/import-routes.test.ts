// A patient brings their history from another system (POST /api/records/import): a FHIR R4 bundle
// lands in their own record as patient-provided entries with their origin kept; bad uploads are
// refused with a clear problem and store nothing; nobody else can import into a record.
import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { resources } from '../../db/schema.ts';
import { createTestUser, openTestSession, type TestSession } from '../../testing/accounts.ts';
import { sharedData, syntheaBundle } from '../../testing/fixtures.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { FhirExportBundle } from './export-bundle.ts';
import { importBundleSystem, patientProvidedTag } from './import-bundle.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let alice: TestSession;
let alicePatientId: string;
let bob: TestSession;
let bobPatientId: string;
let doctor: TestSession;

type SyntheaBundle = {
  entry: {
    fullUrl: string;
    resource: { resourceType: string; id: string; meta?: Record<string, unknown> };
  }[];
};
type Stored = {
  id: string;
  resourceType: string;
  authorId: string;
  source: string;
  resource: Record<string, unknown>;
};
type ImportResult = {
  total: number;
  byType: Record<string, number>;
  skipped: Record<string, number>;
  bundle: string;
};

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
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
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const upload = (session: TestSession | undefined, payload: unknown, contentType = 'application/json') =>
  app.inject({
    method: 'POST',
    url: '/api/records/import',
    headers: { ...session?.headers, 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const storedCount = async (patientId: string) =>
  (await t.platform.db.select({ n: count() }).from(resources).where(eq(resources.patientId, patientId)))[0]!
    .n;

const myRecord = async (session: TestSession) =>
  (await app.inject({ url: '/api/records', headers: session.headers })).json<Stored[]>();

describe('POST /api/records/import', () => {
  it('imports a Synthea bundle as patient-provided history, without its Patient resource', async () => {
    const bundle = syntheaBundle(0) as SyntheaBundle;
    bundle.entry[1]!.resource.meta = {
      source: 'https://ehr.example.org/fhir',
      tag: [{ system: 'https://ehr.example.org/tags', code: 'x' }],
    };
    const response = await upload(alice, {
      ...bundle,
      identifier: { system: 'https://ehr.example.org/exports', value: 'export-42' },
    });
    expect(response.statusCode).toBe(201);
    const result = response.json<ImportResult>();
    const expected: Record<string, number> = {};
    for (const { resource } of bundle.entry)
      if (resource.resourceType !== 'Patient')
        expected[resource.resourceType] = (expected[resource.resourceType] ?? 0) + 1;
    expect(result).toEqual({
      total: bundle.entry.length - 1,
      byType: expected,
      skipped: { Patient: 1 },
      bundle: 'export-42',
    });

    const record = await myRecord(alice);
    expect(record).toHaveLength(bundle.entry.length - 1);
    expect(record.some((e) => e.resourceType === 'Patient')).toBe(false);
    expect(record.every((e) => e.source === 'patient-import')).toBe(true);
    for (const { resource } of record) {
      expect((resource['meta'] as { tag: unknown[] }).tag).toEqual(
        expect.arrayContaining([patientProvidedTag, { system: importBundleSystem, code: 'export-42' }]),
      );
    }
    // The original meta is kept (source and the other system's own tags).
    const kept = record.find(
      (e) => (e.resource['meta'] as { source?: string }).source === 'https://ehr.example.org/fhir',
    );
    expect(kept?.resource['meta']).toMatchObject({
      tag: [{ system: 'https://ehr.example.org/tags', code: 'x' }, patientProvidedTag, { code: 'export-42' }],
    });

    // References to the bundle's patient now lead to the importing patient, the rest to the new entries.
    const text = JSON.stringify(record.map((e) => e.resource));
    expect(text).not.toContain('urn:uuid:');
    const ids = new Set([...record.map((e) => `${e.resourceType}/${e.id}`), `Patient/${alicePatientId}`]);
    const references = [...text.matchAll(/"reference":"([A-Za-z]+\/[0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(references.filter((ref) => ref === `Patient/${alicePatientId}`).length).toBeGreaterThan(10);
    expect(references.filter((ref) => !ids.has(ref))).toEqual([]);
    expect(await storedCount(bobPatientId)).toBe(0);
  });

  it('takes a bundle larger than the usual request limit', async () => {
    // The longest Synthea history, as Synthea writes it: 419 entries, 1.3 MB.
    const payload = readFileSync(
      `${sharedData}synthea/bundles/Dirk_Kuhlman_1e503533-b8c2-42cb-a6d5-bbd7d70d07ad.json`,
      'utf8',
    );
    const bundle = JSON.parse(payload) as SyntheaBundle;
    expect(Buffer.byteLength(payload)).toBeGreaterThan(1_048_576);
    const response = await upload(bob, payload);
    expect(response.statusCode).toBe(201);
    expect(response.json<ImportResult>().total).toBe(bundle.entry.length - 1);
    expect(await storedCount(bobPatientId)).toBe(bundle.entry.length - 1);
  });

  it('takes back what MedConnect exported, references and all', async () => {
    const exported = (
      await app.inject({ url: '/api/records/export/fhir', headers: alice.headers })
    ).json<FhirExportBundle>();
    const c = await createTestUser(t.platform, { role: 'patient' });
    const carol = await openTestSession(t.platform, c.user);
    const response = await upload(carol, exported);
    expect(response.statusCode).toBe(201);
    // Alice's record had no Patient resource: the export made one from her Health ID, and it is skipped.
    expect(response.json<ImportResult>()).toMatchObject({
      total: exported.entry.length - 1,
      skipped: { Patient: 1 },
    });
    const text = JSON.stringify((await myRecord(carol)).map((e) => e.resource));
    expect(text).toContain(`"reference":"Patient/${c.user.patientId!}"`);
    expect(text).not.toContain(alicePatientId);
  });

  const bad: [string, unknown, number, RegExp][] = [
    ['a body that is not JSON', '{"resourceType": "Bundle", ', 400, /JSON/],
    ['an empty body', '', 400, /FHIR Bundle/],
    ['a JSON array', [], 400, /FHIR Bundle/],
    ['a resource that is not a bundle', { resourceType: 'Patient', id: 'x' }, 400, /Expected a FHIR Bundle/],
    [
      'a bundle type other systems do not export history in',
      { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Observation' } }] },
      400,
      /"searchset" cannot be imported/,
    ],
    ['an empty bundle', { resourceType: 'Bundle', type: 'collection', entry: [] }, 400, /no entries/],
    [
      'an entry without a resource',
      {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ resource: { resourceType: 'Condition' } }, { fullUrl: 'urn:uuid:1' }],
      },
      400,
      /entry 1 has no resource/,
    ],
    [
      'a bundle of only a Patient',
      { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient' } }] },
      400,
      /nothing to import/,
    ],
    [
      'two patients',
      {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: { resourceType: 'Patient' } }, { resource: { resourceType: 'Patient' } }],
      },
      400,
      /2 Patient resources/,
    ],
    [
      'an entry about someone else',
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:uuid:0b8f7a60-0000-4000-8000-000000000001', resource: { resourceType: 'Patient' } },
          {
            resource: {
              resourceType: 'Condition',
              code: { text: 'Mine' },
              subject: { reference: 'urn:uuid:0b8f7a60-0000-4000-8000-000000000001' },
            },
          },
          {
            resource: {
              resourceType: 'Condition',
              code: { text: 'Not mine' },
              subject: { reference: 'Patient/someone-else' },
            },
          },
        ],
      },
      400,
      /entry 2 refers to a patient outside this bundle/,
    ],
  ];

  it.each(bad)(
    'refuses %s with a clear problem and stores nothing',
    async (_name, payload, status, detail) => {
      const before = await storedCount(alicePatientId);
      const response = await upload(alice, payload);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json<{ detail: string }>().detail).toMatch(detail);
      expect(await storedCount(alicePatientId)).toBe(before);
    },
  );

  it('refuses a body over 10 MiB with 413 and one that is not JSON with 415', async () => {
    const before = await storedCount(alicePatientId);
    const huge = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Basic', text: 'x'.repeat(10 * 1024 * 1024) } }],
    });
    const tooLarge = await upload(alice, huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
    const xml = await upload(alice, '<Bundle xmlns="http://hl7.org/fhir"/>', 'application/fhir+xml');
    expect(xml.statusCode).toBe(415);
    expect(await storedCount(alicePatientId)).toBe(before);
  });

  it('refuses the signed-out, professionals, and a missing CSRF token', async () => {
    const bundle = syntheaBundle(8);
    const before = await t.platform.db.select({ n: count() }).from(resources);
    expect((await upload(undefined, bundle)).statusCode).toBe(401);
    const refused = await upload(doctor, bundle);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toBe('Only patients can import into their own record.');
    const forged = await app.inject({
      method: 'POST',
      url: '/api/records/import',
      headers: { cookie: alice.headers.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify(bundle),
    });
    expect(forged.statusCode).toBe(403);
    expect((await t.platform.db.select({ n: count() }).from(resources))[0]!.n).toBe(before[0]!.n);
  });

  it('is described in the API documentation with the other record routes', async () => {
    const paths = (await app.inject({ url: '/api/docs/json' })).json<{ paths: Record<string, unknown> }>()
      .paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/records/import', '/api/records/export/fhir', '/api/records/export/pdf']),
    );
  });
});
