// Correcting an entry over HTTP: a new version by the patient or a doctor whose consent covers it,
// with the reason kept in it; the old version stays as it was, a stale correction gets 409, anyone else
// 404, and the new version is anchored like every other.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { consents, patients } from '../../db/schema.ts';
import { systemActor } from '../../repository/actor.ts';
import { createTestUser, freshIp, openTestSession, type TestSession, type TestUser } from '../../testing/accounts.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { correctionReasonUrl } from './correction.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let patient: TestUser;
let patientSession: TestSession;
let otherPatientSession: TestSession;
let doctorSession: TestSession;
let healthId: string;
let conditionId: string;

type Version = {
  id: string;
  version: number;
  source: string;
  author: { name: string; role: string } | null;
  resource: Record<string, unknown> & { meta?: { tag?: unknown[] } };
};

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  patient = await createTestUser(t.platform, { role: 'patient', displayName: 'Amara Nwosu' });
  patientSession = await openTestSession(t.platform, patient.user);
  otherPatientSession = await openTestSession(t.platform, (await createTestUser(t.platform, { role: 'patient' })).user);
  const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true, displayName: 'Dr Lena Fischer' });
  doctorSession = await openTestSession(t.platform, doctor.user);
  const [row] = await t.platform.db.select({ healthId: patients.healthId }).from(patients).where(eq(patients.id, patient.user.patientId!));
  healthId = row!.healthId;
  const [condition] = await t.platform.store.create(systemActor('importer', 'import'), patient.user.patientId!, [
    { resource: { resourceType: 'Condition', clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Asthma' } }, source: 'clinic' },
  ]);
  conditionId = condition!.id;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const send = (method: 'POST' | 'GET', url: string, session: TestSession, payload?: unknown) =>
  app.inject({
    method,
    url,
    remoteAddress: freshIp(),
    headers: { ...session.headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

async function grant(scope: string[]) {
  const asked = await send('POST', '/api/consents', doctorSession, { healthId, purpose: 'consultation', scope, duration: 'visit' });
  expect(asked.statusCode, asked.body).toBe(201);
  const approved = await send('POST', `/api/consents/${asked.json<{ id: string }>().id}/approve`, patientSession, {});
  expect(approved.statusCode).toBe(200);
}

async function revokeAll() {
  await t.platform.db.update(consents).set({ status: 'revoked', revokedAt: sql`now()` }).where(eq(consents.status, 'active'));
  await t.platform.db.execute(sql`delete from throttle_events where key like 'consent-request:%'`);
}

const history = async (id: string, session: TestSession) => (await send('GET', `/api/records/${id}/history`, session)).json<Version[]>();

const resolvedAsthma = {
  resourceType: 'Condition',
  id: 'ignored',
  meta: { versionId: '99', tag: [{ system: 'https://medconnect.health/fhir/provenance', code: 'patient-reported' }] },
  clinicalStatus: { coding: [{ code: 'resolved' }] },
  code: { text: 'Asthma' },
};

describe('a doctor correcting an entry', () => {
  it('writes version 2 under a whole-record grant; version 1 stays, and the patient sees who changed what', async () => {
    await grant(['all']);
    const response = await send('POST', `/api/records/${conditionId}/versions`, doctorSession, {
      resource: resolvedAsthma,
      expectedVersion: 1,
      reason: 'Symptom-free for three years',
    });
    expect(response.statusCode, response.body).toBe(201);
    const written = response.json<Version>();
    expect(written).toMatchObject({ id: conditionId, version: 2, source: 'correction', author: { name: 'Dr Lena Fischer', role: 'doctor' } });
    expect(written.resource['extension']).toEqual([{ url: correctionReasonUrl, valueString: 'Symptom-free for three years' }]);
    // The body's id and meta count for nothing: the entry keeps its id and its (absent) provenance tags.
    expect(written.resource['id']).toBe(conditionId);
    expect(written.resource.meta?.tag).toBeUndefined();

    const versions = await history(conditionId, patientSession);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.resource).toMatchObject({ clinicalStatus: { coding: [{ code: 'active' }] } });
    expect(versions[0]!.resource['extension']).toBeUndefined();
    expect(versions[0]!.author).toBeNull();
    expect(versions[1]!.resource).toMatchObject({ clinicalStatus: { coding: [{ code: 'resolved' }] } });
    expect(versions[1]!.author).toMatchObject({ name: 'Dr Lena Fischer' });
    const doctorsView = await history(conditionId, doctorSession);
    expect(doctorsView.map((v) => v.version)).toEqual([1, 2]);
  });

  it('answers a correction of an old version with 409 and writes nothing', async () => {
    const response = await send('POST', `/api/records/${conditionId}/versions`, doctorSession, {
      resource: { ...resolvedAsthma, code: { text: 'Chronic asthma' } },
      expectedVersion: 1,
      reason: 'Wrong name',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ detail: string }>().detail).toMatch(/corrected this entry first/);
    expect((await history(conditionId, patientSession)).map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a change of resource type and a bad body with 400', async () => {
    for (const body of [
      { resource: { resourceType: 'Observation', status: 'final' }, expectedVersion: 2, reason: 'Wrong kind' },
      { resource: resolvedAsthma, expectedVersion: 2, reason: 'no' },
      { resource: resolvedAsthma, expectedVersion: 2 },
      { resource: resolvedAsthma, expectedVersion: 2, reason: 'A reason', patientId: 'someone' },
      {},
    ]) {
      expect((await send('POST', `/api/records/${conditionId}/versions`, doctorSession, body)).statusCode).toBe(400);
    }
    expect((await history(conditionId, patientSession)).map((v) => v.version)).toEqual([1, 2]);
    await revokeAll();
  });

  it('answers 404 without a grant, and under a grant that covers only allergies', async () => {
    // An entry the doctor never wrote (their own entries stay theirs to read under any grant).
    const [other] = await t.platform.store.create(systemActor('importer', 'import'), patient.user.patientId!, [
      { resource: { resourceType: 'Condition', code: { text: 'Hypertension' } }, source: 'clinic' },
    ]);
    const body = { resource: { resourceType: 'Condition', code: { text: 'None' } }, expectedVersion: 1, reason: 'Trying without consent' };
    const without = await send('POST', `/api/records/${other!.id}/versions`, doctorSession, body);
    expect(without.statusCode).toBe(404);
    await grant(['allergies']);
    const allergiesOnly = await send('POST', `/api/records/${other!.id}/versions`, doctorSession, body);
    expect(allergiesOnly.statusCode).toBe(404);
    expect(allergiesOnly.body).toBe(without.body);
    await revokeAll();
    expect((await history(other!.id, patientSession)).map((v) => v.version)).toEqual([1]);
  });

  it('anchors the new version like any other', async () => {
    await drainOutbox(t.platform);
    const proof = await send('GET', `/api/records/${conditionId}/proof?version=2`, patientSession);
    expect(proof.statusCode).toBe(200);
    expect(proof.json()).toMatchObject({ version: 2, status: 'anchored' });
  });
});

describe('a patient correcting an entry', () => {
  it('corrects their own patient-reported entry, which stays patient-reported', async () => {
    const added = await send('POST', '/api/records', patientSession, { kind: 'allergy', text: 'Peanuts' });
    expect(added.statusCode, added.body).toBe(201);
    const entry = added.json<Version>();
    const response = await send('POST', `/api/records/${entry.id}/versions`, patientSession, {
      resource: { ...entry.resource, meta: {}, code: { text: 'Tree nuts' } },
      expectedVersion: 1,
      reason: 'It was tree nuts, not peanuts',
    });
    expect(response.statusCode, response.body).toBe(201);
    const written = response.json<Version>();
    expect(written).toMatchObject({ version: 2, resource: { code: { text: 'Tree nuts' } } });
    expect(written.resource.meta?.tag).toEqual([expect.objectContaining({ code: 'patient-reported' })]);
    expect(written.author).toMatchObject({ role: 'patient' });

    const stranger = await send('POST', `/api/records/${entry.id}/versions`, otherPatientSession, {
      resource: { ...entry.resource, code: { text: 'Nothing' } },
      expectedVersion: 2,
      reason: 'Not my record',
    });
    expect(stranger.statusCode).toBe(404);
    expect((await history(entry.id, patientSession)).map((v) => v.resource['code'])).toEqual([{ text: 'Peanuts' }, { text: 'Tree nuts' }]);
  });
});
