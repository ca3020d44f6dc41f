// A patient reads their own record over HTTP; nobody else can, and every read is audited.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { auditEvents } from '../../db/schema.ts';
import { systemActor } from '../../repository/actor.ts';
import { createTestUser, openTestSession, type TestSession } from '../../testing/accounts.ts';
import { observation } from '../../testing/fixtures.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let alice: TestSession;
let bob: TestSession;
let doctor: TestSession;
let halfSignedIn: TestSession;
let aliceEntry: string;

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  const a = await createTestUser(t.platform, { role: 'patient' });
  const b = await createTestUser(t.platform, { role: 'patient' });
  const d = await createTestUser(t.platform, { role: 'doctor', totp: true });
  alice = await openTestSession(t.platform, a.user);
  bob = await openTestSession(t.platform, b.user);
  doctor = await openTestSession(t.platform, d.user);
  halfSignedIn = await openTestSession(t.platform, d.user, { mfaSatisfied: false });
  const importer = systemActor('importer', 'import');
  const written = await t.platform.store.create(importer, a.user.patientId!, [
    { resource: observation('alice', 128), source: 'clinic' },
    { resource: { resourceType: 'Condition', code: { text: 'Hypertension' } }, source: 'clinic' },
  ]);
  aliceEntry = written[0]!.id;
  await t.platform.store.amend(
    { id: a.user.id, role: 'patient', patientId: a.user.patientId!, purpose: 'patient-request' },
    aliceEntry,
    observation('alice', 121),
    'patient',
  );
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string, session?: TestSession) => app.inject({ url, ...(session ? { headers: session.headers } : {}) });

describe('GET /api/records', () => {
  it('gives a patient their own record, newest version of each entry', async () => {
    const response = await get('/api/records', alice);
    expect(response.statusCode).toBe(200);
    const entries = response.json<{ resourceType: string; version: number; source: string }[]>();
    expect(entries.map((e) => [e.resourceType, e.version]).sort()).toEqual([
      ['Condition', 1],
      ['Observation', 2],
    ]);
    const filtered = await get('/api/records?type=Condition', alice);
    expect(filtered.json<unknown[]>()).toHaveLength(1);
  });

  it('gives another patient only their own (empty) record', async () => {
    expect((await get('/api/records', bob)).json()).toEqual([]);
  });

  it('refuses the signed-out and the half-signed-in, and bad filters', async () => {
    expect((await get('/api/records')).statusCode).toBe(401);
    expect((await get('/api/records', halfSignedIn)).statusCode).toBe(401);
    const bad = await get('/api/records?type=drop%20table', alice);
    expect(bad.statusCode).toBe(400);
    expect((await get('/api/records?include=all', alice)).statusCode).toBe(400);
  });
});

describe('GET /api/records/:id and /history', () => {
  it('lets the patient read any version and the history of their entry', async () => {
    const latest = await get(`/api/records/${aliceEntry}`, alice);
    expect(latest.json()).toMatchObject({ version: 2, resource: { valueQuantity: { value: 121 } } });
    const first = await get(`/api/records/${aliceEntry}?version=1`, alice);
    expect(first.json()).toMatchObject({ version: 1, resource: { valueQuantity: { value: 128 } } });
    const history = await get(`/api/records/${aliceEntry}/history`, alice);
    expect(history.json<{ version: number }[]>().map((v) => v.version)).toEqual([1, 2]);
  });

  it('answers another patient, a doctor without consent and a missing entry with the same 404', async () => {
    const bodies = [];
    for (const [url, session] of [
      [`/api/records/${aliceEntry}`, bob],
      [`/api/records/${aliceEntry}/history`, bob],
      [`/api/records/${aliceEntry}`, doctor],
      [`/api/records/${randomUUID()}`, alice],
    ] as const) {
      const response = await get(url, session);
      expect(response.statusCode).toBe(404);
      bodies.push(response.body);
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toContain('alice');
  });

  it('audits the reads and the refusals', async () => {
    const reads = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, aliceEntry), eq(auditEvents.outcome, 'denied')));
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });
});
