// Consent end to end over HTTP: a verified doctor asks by Health ID, the patient's code arrives by mail,
// the doctor confirms it and reads what the scope covers; the patient revokes and the very next read is
// refused (T04). One-time passwords: hashed, five tries, three sends a quarter hour (T08); ten minutes
// on the database clock, exactly one of many parallel confirmations wins, no cross-request codes (T09).
import { consentLedgerAbi } from '@medconnect/contracts';
import { and, desc, eq, like, sql } from 'drizzle-orm';
import type { Hex } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { auditEvents, chainCalls, consents, mailMessages, patients, professionalProfiles, throttleEvents } from '../../db/schema.ts';
import { systemActor, type Actor } from '../../repository/actor.ts';
import { createTestUser, freshIp, openTestSession, type TestSession, type TestUser } from '../../testing/accounts.ts';
import { observation } from '../../testing/fixtures.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { ConsentView } from './schemas.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let patient: TestUser;
let patientSession: TestSession;
let healthId: string;
let doctor: TestUser;
let doctorSession: TestSession;
let otherPatientSession: TestSession;
const entries: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  patient = await createTestUser(t.platform, { role: 'patient' });
  patientSession = await openTestSession(t.platform, patient.user);
  otherPatientSession = await openTestSession(t.platform, (await createTestUser(t.platform, { role: 'patient' })).user);
  doctor = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true, displayName: 'Dr Ada Okafor' });
  doctorSession = await openTestSession(t.platform, doctor.user);
  const [row] = await t.platform.db.select({ healthId: patients.healthId }).from(patients).where(eq(patients.id, patient.user.patientId!));
  healthId = row!.healthId;
  const written = await t.platform.store.create(systemActor('importer', 'import'), patient.user.patientId!, [
    { resource: { resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } }, source: 'clinic' },
    { resource: { resourceType: 'Condition', code: { text: 'Asthma' } }, source: 'clinic' },
    { resource: observation('bp', 130), source: 'clinic' },
  ]);
  for (const w of written) entries[w.resourceType] = w.id;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (url: string, session: TestSession, payload: unknown = {}) =>
  app.inject({ method: 'POST', url, headers: { ...session.headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload), remoteAddress: freshIp() });
const get = (url: string, session: TestSession) => app.inject({ url, headers: session.headers, remoteAddress: freshIp() });

const asDoctor = (): Actor => ({ id: doctor.user.id, role: 'doctor', purpose: 'treatment' });

/** The code in the newest mail to the patient. */
async function latestCode(): Promise<string> {
  await t.platform.mailer.drain();
  const [mail] = await t.platform.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.to, patient.email))
    .orderBy(desc(mailMessages.sentAt))
    .limit(1);
  const code = /\n {4}(\d{6})\n/.exec(mail?.text ?? '')?.[1];
  if (!code) throw new Error('no code in the mail');
  return code;
}

/** Asks as the doctor. Each test starts a fresh quarter hour for the per-patient request limit. */
async function ask(scope: string[] = ['allergies', 'diagnoses'], extra: Record<string, unknown> = {}): Promise<ConsentView> {
  await t.platform.db.delete(throttleEvents).where(like(throttleEvents.key, 'consent-request:%'));
  const response = await post('/api/consents', doctorSession, { healthId, purpose: 'treatment', scope, duration: 'visit', ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ConsentView>();
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('asking for access', () => {
  it('sends the patient a code naming the doctor, and stores only its fingerprint', async () => {
    const request = await ask();
    expect(request).toMatchObject({ state: 'requested', scope: ['allergies', 'diagnoses'], grantee: { name: 'Dr Ada Okafor', verified: true } });
    const code = await latestCode();
    const [mail] = await t.platform.db.select().from(mailMessages).where(eq(mailMessages.to, patient.email)).orderBy(desc(mailMessages.sentAt)).limit(1);
    expect(mail!.text).toContain('Dr Ada Okafor');
    expect(mail!.text).toMatch(/MC-PR-\d{9}/);
    // T08: no table holds the code in plain text.
    const dump = JSON.stringify(await t.platform.db.select().from(consents));
    expect(dump).not.toContain(code);
    const patientView = (await get('/api/consents', patientSession)).json<{ consents: ConsentView[] }>().consents;
    expect(patientView.find((c) => c.id === request.id)?.state).toBe('requested');
  });

  it.each([
    ['a Health ID with a bad check digit', { healthId: 'CHANGE-LAST' }, 400, /check digit/],
    ['an unknown purpose', { purpose: 'curiosity' }, 400, /purpose/],
    ['an empty scope', { scope: [] }, 400, /scope/],
    ['days without a number', { duration: 'days' }, 400, /days/],
    ['an extra field', { grantScope: 'all' }, 400, /grantScope|Unrecognized/i],
  ])('refuses %s and changes nothing', async (_name, change, status, detail) => {
    const before = (await t.platform.db.select().from(consents)).length;
    const body: Record<string, unknown> = { healthId, purpose: 'treatment', scope: ['allergies'], duration: 'visit', ...change };
    if (body.healthId === 'CHANGE-LAST') body.healthId = healthId.slice(0, -1) + String((Number(healthId.at(-1)) + 1) % 10);
    const response = await post('/api/consents', doctorSession, body);
    expect(response.statusCode).toBe(status);
    expect(response.json<{ detail: string }>().detail).toMatch(detail);
    expect((await t.platform.db.select().from(consents)).length).toBe(before);
  });

  it('takes at most three requests per doctor and patient in a quarter hour, each replacing the last', async () => {
    const first = await ask();
    const body = { healthId, purpose: 'treatment', scope: ['allergies'], duration: 'visit' };
    expect((await post('/api/consents', doctorSession, body)).statusCode).toBe(201);
    expect((await post('/api/consents', doctorSession, body)).statusCode).toBe(201);
    const fourth = await post('/api/consents', doctorSession, body);
    expect(fourth.statusCode).toBe(429);
    const [replaced] = await t.platform.db.select().from(consents).where(eq(consents.id, first.id));
    expect(replaced!.status).toBe('cancelled');
  });

  it('answers an unknown Health ID with 404', async () => {
    const digits = '1'.repeat(healthId.length - 1);
    const { verhoeffCheckDigit } = await import('@medconnect/core');
    const response = await post('/api/consents', doctorSession, { healthId: digits + verhoeffCheckDigit(digits), purpose: 'treatment', scope: ['all'], duration: 'visit' });
    expect(response.statusCode).toBe(404);
  });

  it('refuses unverified and suspended doctors, and everyone who is not a doctor', async () => {
    const unverified = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const response = await post('/api/consents', await openTestSession(t.platform, unverified.user), { healthId, purpose: 'treatment', scope: ['all'], duration: 'visit' });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ detail: string }>().detail).toMatch(/not been verified/);
    const suspended = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true });
    await t.platform.db.update(professionalProfiles).set({ status: 'suspended' }).where(eq(professionalProfiles.userId, suspended.user.id));
    const refused = await post('/api/consents', await openTestSession(t.platform, suspended.user), { healthId, purpose: 'treatment', scope: ['all'], duration: 'visit' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toMatch(/suspended/);
    expect((await post('/api/consents', patientSession, { healthId, purpose: 'treatment', scope: ['all'], duration: 'visit' })).statusCode).toBe(403);
  });
});

describe('one-time passwords (T08, T09)', () => {
  it('dies after five wrong codes: the right code no longer works', async () => {
    const request = await ask();
    const code = await latestCode();
    for (let i = 1; i <= 5; i++) {
      const response = await post(`/api/consents/${request.id}/confirm`, doctorSession, { code: wrongCode(code) });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ detail: string }>().detail).toMatch(i < 5 ? `${5 - i} tr` : /stopped working/);
    }
    const late = await post(`/api/consents/${request.id}/confirm`, doctorSession, { code });
    expect(late.statusCode).toBe(409);
    const failures = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.entityId, request.id));
    expect(failures.filter((e) => e.action === 'otp-verify' && e.outcome === 'failed')).toHaveLength(5);
  });

  it('sends at most three codes per request in a quarter hour', async () => {
    const request = await ask();
    expect((await post(`/api/consents/${request.id}/otp`, doctorSession)).statusCode).toBe(200);
    expect((await post(`/api/consents/${request.id}/otp`, doctorSession)).statusCode).toBe(200);
    const fourth = await post(`/api/consents/${request.id}/otp`, doctorSession);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers['retry-after']).toBeDefined();
  });

  it('a re-sent code replaces the old one', async () => {
    const request = await ask();
    const first = await latestCode();
    await post(`/api/consents/${request.id}/otp`, doctorSession);
    const second = await latestCode();
    if (first !== second) {
      expect((await post(`/api/consents/${request.id}/confirm`, doctorSession, { code: first })).statusCode).toBe(400);
    }
    expect((await post(`/api/consents/${request.id}/confirm`, doctorSession, { code: second })).statusCode).toBe(200);
  });

  it('works until ten minutes on the database clock and not a second after', async () => {
    const request = await ask();
    const code = await latestCode();
    // Age the code: one second past its life, then one second left.
    await t.platform.db.update(consents).set({ otpExpiresAt: sql`now() - interval '1 second'` }).where(eq(consents.id, request.id));
    const expired = await post(`/api/consents/${request.id}/confirm`, doctorSession, { code });
    expect(expired.statusCode).toBe(400);
    expect(expired.json<{ detail: string }>().detail).toMatch(/expired/);
    await t.platform.db.update(consents).set({ otpExpiresAt: sql`now() + interval '1 second'` }).where(eq(consents.id, request.id));
    expect((await post(`/api/consents/${request.id}/confirm`, doctorSession, { code })).statusCode).toBe(200);
  });

  it('sets the code to expire ten minutes after it is sent', async () => {
    const request = await ask();
    const [row] = await t.platform.db
      .select({ seconds: sql<number>`extract(epoch from ${consents.otpExpiresAt} - now())::int` })
      .from(consents)
      .where(eq(consents.id, request.id));
    expect(row!.seconds).toBeGreaterThan(590);
    expect(row!.seconds).toBeLessThanOrEqual(600);
  });

  it('never accepts one request’s code for another', async () => {
    const a = await ask(['allergies']);
    const codeA = await latestCode();
    const other = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true });
    const otherSession = await openTestSession(t.platform, other.user);
    const b = await post('/api/consents', otherSession, { healthId, purpose: 'treatment', scope: ['allergies'], duration: 'visit' });
    const codeB = await latestCode();
    const bId = b.json<ConsentView>().id;
    if (codeA !== codeB) expect((await post(`/api/consents/${bId}/confirm`, otherSession, { code: codeA })).statusCode).toBe(400);
    // Nor can another doctor confirm someone else's request, even with its code.
    expect((await post(`/api/consents/${a.id}/confirm`, otherSession, { code: codeA })).statusCode).toBe(404);
  });

  it('lets exactly one of fifty parallel confirmations succeed', async () => {
    const request = await ask();
    const code = await latestCode();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => post(`/api/consents/${request.id}/confirm`, doctorSession, { code })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200 && r.statusCode !== 409)).toEqual([]);
    const grants = await t.platform.db.select().from(chainCalls).where(eq(chainCalls.idempotencyKey, `consent-grant:${request.id}`));
    expect(grants).toHaveLength(1);
  });
});

describe('a grant', () => {
  // Each test starts with no grant of this doctor (earlier tests left some active).
  beforeEach(async () => {
    await t.platform.db
      .update(consents)
      .set({ status: 'revoked', revokedAt: sql`now()` })
      .where(and(eq(consents.granteeId, doctor.user.id), eq(consents.status, 'active')));
  });

  it('gives the doctor what its scope covers and nothing else (T03), and is signed onto ConsentLedger', async () => {
    // Nothing before consent.
    await expect(t.platform.store.read(asDoctor(), entries.AllergyIntolerance!)).rejects.toThrow(/not found/i);
    const request = await ask(['allergies']);
    const confirmed = await post(`/api/consents/${request.id}/confirm`, doctorSession, { code: await latestCode() });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<ConsentView>()).toMatchObject({ state: 'active', grantedVia: 'otp' });
    const visible = await t.platform.store.listForPatient(asDoctor(), patient.user.patientId!);
    expect(visible.map((v) => v.resourceType)).toEqual(['AllergyIntolerance']);
    await expect(t.platform.store.read(asDoctor(), entries.Condition!)).rejects.toThrow(/not found/i);
    expect((await t.platform.store.read(asDoctor(), entries.AllergyIntolerance!)).resourceType).toBe('AllergyIntolerance');

    await drainOutbox(t.platform);
    for (let i = 0; i < 3; i++) await t.platform.relayer.tick();
    const grantId = (await t.platform.db.select().from(consents).where(eq(consents.id, request.id)))[0]!.chainGrantId as Hex;
    const onChain = await t.platform.chain.publicClient.readContract({
      address: t.platform.addresses.consentLedger,
      abi: consentLedgerAbi,
      functionName: 'grantOf',
      args: [grantId],
    });
    expect(onChain.patient).toBe(patient.user.ethAddress);
    expect(onChain.grantee).toBe(doctor.user.ethAddress);
    expect(
      await t.platform.chain.publicClient.readContract({ address: t.platform.addresses.consentLedger, abi: consentLedgerAbi, functionName: 'isActive', args: [grantId] }),
    ).toBe(true);
  });

  it('stops at the first request after the patient revokes it (T04), and the ledger follows', async () => {
    const request = await ask(['allergies']);
    await post(`/api/consents/${request.id}/confirm`, doctorSession, { code: await latestCode() });
    await drainOutbox(t.platform);
    for (let i = 0; i < 3; i++) await t.platform.relayer.tick();
    const [active] = await t.platform.db.select().from(consents).where(eq(consents.id, request.id));
    expect((await t.platform.store.read(asDoctor(), entries.AllergyIntolerance!)).id).toBe(entries.AllergyIntolerance);
    const revoked = await post(`/api/consents/${active!.id}/revoke`, patientSession);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<ConsentView>().state).toBe('revoked');
    await expect(t.platform.store.read(asDoctor(), entries.AllergyIntolerance!)).rejects.toThrow(/not found/i);
    expect((await post(`/api/consents/${active!.id}/revoke`, patientSession)).statusCode).toBe(409);

    await drainOutbox(t.platform);
    for (let i = 0; i < 3; i++) await t.platform.relayer.tick();
    expect(
      await t.platform.chain.publicClient.readContract({ address: t.platform.addresses.consentLedger, abi: consentLedgerAbi, functionName: 'isActive', args: [active!.chainGrantId as Hex] }),
    ).toBe(false);
    const view = (await get('/api/consents', patientSession)).json<{ consents: ConsentView[] }>().consents.find((c) => c.id === active!.id)!;
    expect(view.onChain).toMatchObject({ grant: { status: 'recorded' }, revoke: { status: 'recorded' } });
  });

  it('stops working at its expiry', async () => {
    const request = await ask(['all']);
    await post(`/api/consents/${request.id}/approve`, patientSession);
    expect((await t.platform.store.read(asDoctor(), entries.Condition!)).id).toBe(entries.Condition);
    await t.platform.db.update(consents).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(consents.id, request.id));
    await expect(t.platform.store.read(asDoctor(), entries.Condition!)).rejects.toThrow(/not found/i);
    const view = (await get('/api/consents', patientSession)).json<{ consents: ConsentView[] }>().consents.find((c) => c.id === request.id)!;
    expect(view.state).toBe('expired');
    expect((await post(`/api/consents/${request.id}/revoke`, patientSession)).statusCode).toBe(409);
  });

  it('leaves the doctor their own entries after it ends', async () => {
    const request = await ask(['all']);
    await post(`/api/consents/${request.id}/approve`, patientSession);
    const [note] = await t.platform.store.create(asDoctor(), patient.user.patientId!, [
      { resource: { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' } }, source: 'consultation' },
    ]);
    await post(`/api/consents/${request.id}/revoke`, patientSession);
    expect((await t.platform.store.read(asDoctor(), note!.id)).id).toBe(note!.id);
    await expect(t.platform.store.read(asDoctor(), entries.Condition!)).rejects.toThrow(/not found/i);
    const own = await t.platform.store.listForPatient(asDoctor(), patient.user.patientId!);
    expect(own.map((v) => v.id)).toEqual([note!.id]);
    // Writing needs a live grant.
    await expect(
      t.platform.store.create(asDoctor(), patient.user.patientId!, [{ resource: observation('x', 1), source: 'consultation' }]),
    ).rejects.toThrow(/not found/i);
  });

  it('cannot be approved, declined or revoked by another patient (404), nor twice', async () => {
    const request = await ask();
    for (const action of ['approve', 'decline', 'revoke']) {
      expect((await post(`/api/consents/${request.id}/${action}`, otherPatientSession)).statusCode).toBe(404);
    }
    expect((await post(`/api/consents/${request.id}/decline`, patientSession)).json<ConsentView>().state).toBe('declined');
    expect((await post(`/api/consents/${request.id}/approve`, patientSession)).statusCode).toBe(409);
    expect((await get('/api/consents', otherPatientSession)).json<{ consents: unknown[] }>().consents).toEqual([]);
  });

  it('shows the doctor their requests and lets them withdraw an open one', async () => {
    const request = await ask();
    const mine = (await get('/api/consents/requested', doctorSession)).json<{ consents: ConsentView[] }>().consents;
    expect(mine.find((c) => c.id === request.id)?.patient.healthId).toBe(healthId);
    expect((await post(`/api/consents/${request.id}/cancel`, doctorSession)).json<ConsentView>().state).toBe('cancelled');
    expect((await post(`/api/consents/${request.id}/confirm`, doctorSession, { code: '123456' })).statusCode).toBe(409);
  });
});
