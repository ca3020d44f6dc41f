// A patient adds their own history over HTTP (POST /api/records): it lands in their record as the
// matching FHIR resource, tagged patient-reported; nobody else can write it, and bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestUser, openTestSession, type TestSession } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { provenanceSystem } from './patient-history.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let alice: TestSession;
let alicePatientId: string;
let doctor: TestSession;
let registrar: TestSession;

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  const a = await createTestUser(t.platform, { role: 'patient' });
  alicePatientId = a.user.patientId!;
  alice = await openTestSession(t.platform, a.user);
  doctor = await openTestSession(t.platform, (await createTestUser(t.platform, { role: 'doctor', totp: true })).user);
  registrar = await openTestSession(t.platform, (await createTestUser(t.platform, { role: 'registrar', totp: true })).user);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (session: TestSession | undefined, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/records',
    headers: { ...session?.headers, 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

type Stored = { id: string; version: number; resourceType: string; authorId: string; source: string; resource: Record<string, unknown> };

describe('POST /api/records', () => {
  it.each([
    ['condition', 'Condition'],
    ['allergy', 'AllergyIntolerance'],
    ['medication', 'MedicationStatement'],
    ['symptom', 'Observation'],
    ['family-history', 'FamilyMemberHistory'],
  ])('stores a patient-reported %s as a %s', async (kind, resourceType) => {
    const response = await post(alice, { kind, text: `Reported ${kind}`, onset: '2019-04-01', note: 'Since spring' });
    expect(response.statusCode).toBe(201);
    const stored = response.json<Stored>();
    expect(stored).toMatchObject({ version: 1, resourceType, source: 'patient-reported' });
    expect(stored.resource['meta']).toMatchObject({ tag: [{ system: provenanceSystem, code: 'patient-reported' }] });
    expect(JSON.stringify(stored.resource)).toContain(`Reported ${kind}`);
    const again = await app.inject({ url: `/api/records/${stored.id}`, headers: alice.headers });
    expect(again.json<Stored>()).toMatchObject({ id: stored.id, version: 1, resourceType });
  });

  it('records a condition on the problem list, recorded and asserted by the patient', async () => {
    const response = await post(alice, { kind: 'condition', text: 'Asthma' });
    const { resource, authorId } = response.json<Stored>();
    expect(resource).toMatchObject({
      resourceType: 'Condition',
      code: { text: 'Asthma' },
      category: [{ coding: [{ code: 'problem-list-item' }] }],
      subject: { reference: `Patient/${alicePatientId}` },
      recorder: { reference: `Patient/${alicePatientId}` },
      asserter: { reference: `Patient/${alicePatientId}` },
    });
    expect(resource).not.toHaveProperty('onsetDateTime');
    expect(authorId).not.toBe('');
    const list = await app.inject({ url: '/api/records?type=Condition', headers: alice.headers });
    expect(list.json<Stored[]>().some((e) => e.resource['code'] && JSON.stringify(e.resource).includes('Asthma'))).toBe(true);
  });

  it('refuses a doctor and a registrar with a clear 403, and the signed-out with 401', async () => {
    for (const session of [doctor, registrar]) {
      const response = await post(session, { kind: 'allergy', text: 'Penicillin' });
      expect(response.statusCode).toBe(403);
      expect(response.json<{ detail: string }>().detail).toBe('Only patients can add history to their own record.');
    }
    expect((await post(undefined, { kind: 'allergy', text: 'Penicillin' })).statusCode).toBe(401);
  });

  it('answers bad input with 400 and the fields at fault', async () => {
    const response = await post(alice, { kind: 'diagnosis', text: '', onset: '12/03/2020', note: 'x'.repeat(1001) });
    expect(response.statusCode).toBe(400);
    const paths = response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort();
    expect(paths).toEqual(['body.kind', 'body.note', 'body.onset', 'body.text']);
    const tooLong = await post(alice, { kind: 'symptom', text: 'y'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    expect(await post(alice, { kind: 'symptom' }).then((r) => r.statusCode)).toBe(400);
  });

  it('refuses unknown fields, a body that is not JSON, and a missing CSRF token', async () => {
    const extra = await post(alice, { kind: 'allergy', text: 'Latex', authorId: 'someone-else' });
    expect(extra.statusCode).toBe(400);
    const text = await post(alice, 'kind=allergy', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    const noCsrf = await post(alice, { kind: 'allergy', text: 'Latex' }, { 'x-csrf-token': 'wrong' });
    expect(noCsrf.statusCode).toBe(403);
    const list = await app.inject({ url: '/api/records?type=AllergyIntolerance', headers: alice.headers });
    expect(JSON.stringify(list.json())).not.toContain('Latex');
  });
});
