// T02: substituting another patient's ids. Generated requests put patient B's record ids, versions,
// consent ids and filters into patient A's calls (and a doctor's calls without consent); "exists but not
// yours" must answer exactly like "does not exist", and not one byte of B's data may come back.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { patients } from '../db/schema.ts';
import { consentService } from '../modules/consent/index.ts';
import { createTestUser, freshIp, openTestSession, type TestSession, type TestUser } from '../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../testing/test-platform.ts';
import { systemActor } from './actor.ts';

const RUNS = 2_000;
const canary = `b-secret-${randomUUID()}`;

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let a: TestSession;
let doctor: TestSession;
let bRecords: string[] = [];
let bConsents: string[] = [];
let bHealthId: string;

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  const alice = await createTestUser(t.platform, { role: 'patient' });
  const bob: TestUser = await createTestUser(t.platform, { role: 'patient' });
  const dr = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true });
  a = await openTestSession(t.platform, alice.user);
  doctor = await openTestSession(t.platform, dr.user);
  const importer = systemActor('importer', 'import');
  await t.platform.store.create(importer, alice.user.patientId!, [{ resource: { resourceType: 'Condition', code: { text: 'mine' } }, source: 'clinic' }]);
  const written = await t.platform.store.create(importer, bob.user.patientId!, [
    { resource: { resourceType: 'Condition', code: { text: canary } }, source: 'clinic' },
    { resource: { resourceType: 'AllergyIntolerance', code: { text: canary } }, source: 'clinic' },
    { resource: { resourceType: 'Observation', status: 'final', code: { text: canary } }, source: 'clinic' },
  ]);
  bRecords = written.map((w) => w.id);
  await t.platform.store.amend(
    { id: bob.user.id, role: 'patient', patientId: bob.user.patientId!, purpose: 'patient-request' },
    bRecords[0]!,
    { resourceType: 'Condition', code: { text: `${canary}-v2` } },
    'patient',
  );
  const [row] = await t.platform.db.select({ healthId: patients.healthId }).from(patients).where(eq(patients.id, bob.user.patientId!));
  bHealthId = row!.healthId;
  const meta = { ip: '127.0.0.1', userAgent: undefined };
  const consent = consentService(t.platform);
  const pending = await consent.request(dr.user, { healthId: bHealthId, purpose: 'treatment', scope: ['diagnoses'], duration: 'visit' }, meta);
  bConsents = [pending.id];
});
afterAll(async () => {
  await app.close();
  await t.close();
});

type Call = { method: 'GET' | 'POST'; url: string; body?: object };

/** A request template with an id slot, filled with B's real id or an id that exists nowhere. */
const templates: ((id: string, n: number) => Call)[] = [
  (id) => ({ method: 'GET', url: `/api/records/${id}` }),
  (id, n) => ({ method: 'GET', url: `/api/records/${id}?version=${n}` }),
  (id) => ({ method: 'GET', url: `/api/records/${id}/history` }),
  (id) => ({ method: 'POST', url: `/api/consents/${id}/approve`, body: {} }),
  (id) => ({ method: 'POST', url: `/api/consents/${id}/decline`, body: {} }),
  (id) => ({ method: 'POST', url: `/api/consents/${id}/revoke`, body: {} }),
];

async function send(session: TestSession, call: Call) {
  const response = await app.inject({
    method: call.method,
    url: call.url,
    remoteAddress: freshIp(),
    headers: { ...session.headers, ...(call.body ? { 'content-type': 'application/json' } : {}) },
    ...(call.body ? { payload: JSON.stringify(call.body) } : {}),
  });
  return { status: response.statusCode, body: response.body };
}

describe('foreign ids (T02)', () => {
  it(`answer like missing ones and leak nothing, over ${RUNS} generated requests`, async () => {
    const realId = () => fc.constantFrom(...bRecords, ...bConsents);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: templates.length - 1 }),
        realId(),
        fc.uuid(),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(a, doctor),
        async (which, foreign, missing, version, who) => {
          const template = templates[which]!;
          const theirs = await send(who, template(foreign, version));
          const nobodys = await send(who, template(missing, version));
          expect(theirs.body).not.toContain(canary);
          for (const id of [...bRecords, ...bConsents]) expect(theirs.body).not.toContain(id);
          expect(theirs.status).toBe(nobodys.status);
          expect(theirs.body.replaceAll(foreign, 'ID')).toBe(nobodys.body.replaceAll(missing, 'ID'));
        },
      ),
      { numRuns: RUNS / 2 },
    );
    // Two thousand audited requests: slow on a busy machine.
  }, 300_000);

  it('lists never count or show hidden entries, whatever the filter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', 'Condition', 'AllergyIntolerance', 'Observation', 'Patient'), async (type) => {
        const list = await send(a, { method: 'GET', url: `/api/records${type ? `?type=${type}` : ''}` });
        expect(list.status).toBe(200);
        expect(list.body).not.toContain(canary);
        const consents = await send(a, { method: 'GET', url: '/api/consents' });
        expect(JSON.parse(consents.body)).toEqual({ consents: [] });
        const log = await send(a, { method: 'GET', url: '/api/access-log' });
        expect(log.body).not.toContain(bRecords[0]!);
      }),
      { numRuns: 20 },
    );
  });

  it('keep the doctor without consent out of the chart of B', async () => {
    const chart = await send(doctor, { method: 'GET', url: `/api/clinic/patients/${bHealthId}/chart` });
    expect(chart.status).toBe(403);
    expect(chart.body).not.toContain(canary);
  });
});
