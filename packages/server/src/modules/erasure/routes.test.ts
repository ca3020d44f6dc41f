// Erasure by crypto-shredding over HTTP (RELIABILITY T18, erasure part): only the patient, only with
// their password (and code), and afterwards nothing of theirs can be read or signed in with, while
// their leaves stay anchored, their audit trail verifies, other patients are untouched, and registrars
// see the tombstone.
import { randomBytes, randomUUID } from 'node:crypto';
import { consentLedgerAbi } from '@medconnect/contracts';
import type { Hex } from 'viem';
import { decryptRecord, NotFound } from '@medconnect/core';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import {
  chainCalls,
  auditEvents,
  consents,
  oneTimeTokens,
  patientKeys,
  patients,
  recoveryCodes,
  resources,
  sessions,
  users,
} from '../../db/schema.ts';
import { systemActor, type Actor } from '../../repository/actor.ts';
import { verifyIntegrity } from '../verify/verify-integrity.ts';
import { createTestUser, freshIp, openTestSession, totpCode, type TestSession, type TestUser } from '../../testing/accounts.ts';
import { observation } from '../../testing/fixtures.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { issueLink } from '../accounts/links.ts';
import { replaceRecoveryCodes } from '../accounts/recovery-codes.ts';
import { consentService } from '../consent/index.ts';
import type { Erasure } from './schemas.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let doctor: TestUser;
let registrar: TestUser;
let aliceSession: TestSession;
let aliceEntries: string[];
let bobEntry: string;
let aliceGrant: string;

async function healthIdOf(user: TestUser) {
  const [row] = await t.platform.db.select({ healthId: patients.healthId }).from(patients).where(eq(patients.id, user.user.patientId!));
  return row!.healthId;
}
const canary = `canary-${randomUUID()}`;

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  [alice, bob, carol, doctor, registrar] = await Promise.all([
    createTestUser(t.platform, { role: 'patient' }),
    createTestUser(t.platform, { role: 'patient' }),
    createTestUser(t.platform, { role: 'patient', totp: true }),
    createTestUser(t.platform, { role: 'doctor', totp: true, verified: true }),
    createTestUser(t.platform, { role: 'registrar', totp: true }),
  ]);
  aliceSession = await openTestSession(t.platform, alice.user);
  const importer = systemActor('importer', 'import');
  const written = await t.platform.store.create(importer, alice.user.patientId!, [
    { resource: observation(canary, 131), source: 'clinic' },
    { resource: { resourceType: 'Condition', code: { text: `Asthma ${canary}` } }, source: 'clinic' },
  ]);
  aliceEntries = written.map((w) => w.id);
  await t.platform.store.amend(selfOf(alice), aliceEntries[0]!, observation(canary, 125), 'patient');
  const [bobWritten] = await t.platform.store.create(importer, bob.user.patientId!, [
    { resource: observation('bob', 118), source: 'clinic' },
  ]);
  bobEntry = bobWritten!.id;
  // Things an erasure must end: an open consent, a pending link, recovery codes.
  const consent = consentService(t.platform);
  const meta = { ip: '127.0.0.1', userAgent: undefined };
  const asked = await consent.request(doctor.user, { healthId: await healthIdOf(alice), purpose: 'treatment', scope: ['all'], duration: 'until-revoked' }, meta);
  aliceGrant = (await consent.approve(alice.user, asked.id, meta)).id;
  await issueLink(t.platform.db, alice.user.id, 'change-email', `new-${canary}@example.org`);
  await replaceRecoveryCodes(t.platform.db, alice.user.id);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

function selfOf(user: TestUser): Actor {
  return { id: user.user.id, role: 'patient', patientId: user.user.patientId!, purpose: 'patient-request' };
}

const erase = (session: TestSession | undefined, payload: object) =>
  app.inject({
    method: 'POST',
    url: '/api/account/erase',
    remoteAddress: freshIp(),
    headers: { ...session?.headers, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });

const tombstones = (session?: TestSession) =>
  app.inject({ url: '/api/registry/erasures', remoteAddress: freshIp(), headers: session?.headers ?? {} });

/** The tables with a row that shows the canary, as text or as bytes (bytea prints as hex). */
async function tablesHoldingCanary(): Promise<string[]> {
  const tables = await queryRows<{ table_name: string }>(
    t.platform.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  expect(tables.length).toBeGreaterThan(10);
  const hex = Buffer.from(canary).toString('hex');
  const holding: string[] = [];
  for (const { table_name } of tables) {
    const [found] = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from ${sql.identifier(table_name)} x
          where position(${canary} in x::text) > 0 or position(${hex} in x::text) > 0`,
    );
    if (found!.n > 0) holding.push(table_name);
  }
  return holding;
}

async function keyOf(user: TestUser) {
  const [row] = await t.platform.db.select().from(patientKeys).where(eq(patientKeys.patientId, user.user.patientId!));
  return row!;
}

async function expectUntouched(user: TestUser, session: TestSession) {
  expect((await keyOf(user)).wrappedKey).not.toBeNull();
  const [row] = await t.platform.db.select().from(users).where(eq(users.id, user.user.id));
  expect(row).toMatchObject({ status: 'active', email: user.email });
  expect((await app.inject({ url: '/api/account', headers: session.headers })).statusCode).toBe(200);
}

describe('POST /api/account/erase refuses', () => {
  it('anyone not signed in, and professionals, with a reason', async () => {
    expect((await erase(undefined, { password: 'x', confirm: 'ERASE' })).statusCode).toBe(401);
    const refused = await erase(await openTestSession(t.platform, doctor.user), { password: doctor.password, confirm: 'ERASE' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toMatch(/Only a patient account can be erased/);
    const registrarRefused = await erase(await openTestSession(t.platform, registrar.user), {});
    expect(registrarRefused.statusCode).toBe(403);
  });

  it('a wrong password, a missing or wrong confirmation, and changes nothing', async () => {
    const wrong = await erase(aliceSession, { password: 'not-the-password', confirm: 'ERASE' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'body.password', message: 'Your current password is not right.' },
    ]);
    for (const body of [{ password: alice.password }, { password: alice.password, confirm: 'erase' }, {}]) {
      const response = await erase(aliceSession, body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await expectUntouched(alice, aliceSession);
  });

  it('a missing or wrong authenticator code when two-step sign-in is on', async () => {
    const session = await openTestSession(t.platform, carol.user);
    const missing = await erase(session, { password: carol.password, confirm: 'ERASE' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.code');
    const wrongCode = totpCode(carol.totpSecret!) === '000000' ? '111111' : '000000';
    const wrong = await erase(session, { password: carol.password, confirm: 'ERASE', code: wrongCode });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ detail: string }>().detail).toMatch(/code is not right/);
    await expectUntouched(carol, session);

    const erased = await erase(session, { password: carol.password, confirm: 'ERASE', code: totpCode(carol.totpSecret!) });
    expect(erased.statusCode).toBe(200);
  });
});

describe('after a patient erases their account', () => {
  let erasedAt: string;

  beforeAll(async () => {
    const other = await openTestSession(t.platform, alice.user);
    // The scan does see plaintext: the pending email-change link carries the canary until erasure.
    expect(await tablesHoldingCanary()).toEqual(['one_time_tokens']);
    const response = await erase(aliceSession, { password: alice.password, confirm: 'ERASE' });
    expect(response.statusCode).toBe(200);
    erasedAt = response.json<{ erasedAt: string }>().erasedAt;
    expect(response.headers['set-cookie']).toMatch(/__Host-mc_session=;/);
    // Every session of the account ended, not just the one that asked.
    expect((await app.inject({ url: '/api/account', headers: other.headers })).statusCode).toBe(401);
  });

  it('destroyed the data key and recorded the erasure, in one go', async () => {
    const key = await keyOf(alice);
    expect(key.wrappedKey).toBeNull();
    expect(key.destroyedAt?.toISOString()).toBe(erasedAt);
    const [patient] = await t.platform.db.select().from(patients).where(eq(patients.id, alice.user.patientId!));
    expect(patient!.erasedAt?.toISOString()).toBe(erasedAt);
    const events = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.patientId, alice.user.patientId!));
    const erasures = events.filter((e) => e.action === 'erase');
    expect(erasures).toHaveLength(1);
    expect(erasures[0]).toMatchObject({ actorId: alice.user.id, patientId: alice.user.patientId, entityType: 'patient', outcome: 'success' });
  });

  it('revoked their live grants on ConsentLedger with the key before it went', async () => {
    const [grant] = await t.platform.db.select().from(consents).where(eq(consents.id, aliceGrant));
    expect(grant!.status).toBe('revoked');
    await drainOutbox(t.platform);
    for (let i = 0; i < 3; i++) await t.platform.relayer.tick();
    const calls = await t.platform.db.select().from(chainCalls).where(eq(chainCalls.idempotencyKey, `consent-revoke:${aliceGrant}`));
    expect(calls.map((c) => c.status)).toEqual(['done']);
    const active = await t.platform.chain.publicClient.readContract({
      address: t.platform.addresses.consentLedger,
      abi: consentLedgerAbi,
      functionName: 'isActive',
      args: [grant!.chainGrantId as Hex],
    });
    expect(active).toBe(false);
  });

  it('stripped the account of everything that signs in or identifies the person', async () => {
    const [user] = await t.platform.db.select().from(users).where(eq(users.id, alice.user.id));
    expect(user).toMatchObject({
      status: 'disabled',
      email: `erased-${alice.user.id}@erased.invalid`,
      displayName: 'Erased account',
      passwordHash: null,
      totpSecret: null,
      walletAddress: null,
    });
    expect(user!.custodialKey).toHaveLength(0);
    const live = await t.platform.db.select().from(sessions).where(eq(sessions.userId, alice.user.id));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    expect(await t.platform.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, alice.user.id))).toEqual([]);
    expect(await t.platform.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, alice.user.id))).toEqual([]);
    const grants = await t.platform.db.select().from(consents).where(eq(consents.patientId, alice.user.patientId!));
    expect(grants.map((g) => g.status)).toEqual(['revoked']);
    expect(grants[0]!.revokedAt).not.toBeNull();
  });

  it('leaves nothing of theirs readable', async () => {
    for (const id of aliceEntries) await expect(t.platform.store.read(selfOf(alice), id)).rejects.toBeInstanceOf(NotFound);
    await expect(t.platform.store.listForPatient(selfOf(alice), alice.user.patientId!)).rejects.toBeInstanceOf(NotFound);
    await expect(t.platform.keyring.dataKey(t.platform.db, alice.user.patientId!)).rejects.toBeInstanceOf(NotFound);
    // The ciphertext stays; no key there is opens it (and AES-GCM binds it to the patient anyway).
    const rows = await t.platform.db.select().from(resources).where(eq(resources.patientId, alice.user.patientId!));
    expect(rows).toHaveLength(3);
    const otherKey = await t.platform.keyring.dataKey(t.platform.db, bob.user.patientId!);
    for (const row of rows) {
      const aad = { patientId: row.patientId, recordId: row.id, version: row.version };
      for (const key of [otherKey, new Uint8Array(randomBytes(32))]) expect(() => decryptRecord(key, row.ciphertext, aad)).toThrow();
    }
    // Not one row of any table holds the canary in plaintext, as text or as bytes.
    expect(await tablesHoldingCanary()).toEqual([]);
  });

  it('keeps their leaves and audit trail anchored and verifiable', async () => {
    const leaves = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from outbox o join resources r on r.leaf = o.leaf where r.patient_id = ${alice.user.patientId!}`,
    );
    expect(leaves[0]!.n).toBe(3);
    await drainOutbox(t.platform);
    const deps = { db: t.platform.db, keyring: t.platform.keyring, chain: t.platform.chain, anchorLog: t.platform.addresses.anchorLog };
    const scoped = await verifyIntegrity(deps, { patientId: alice.user.patientId! });
    expect(scoped.summary).toMatchObject({ erased: 3, TAMPERED: 0, pending: 0, missing: 0 });
    const audits = scoped.items.filter((i) => i.kind === 'audit');
    expect(audits.length).toBeGreaterThan(0);
    expect(audits.every((i) => i.status === 'verified')).toBe(true);
    const full = await verifyIntegrity(deps);
    expect(full.summary.TAMPERED).toBe(0);
    expect(full.items.filter((i) => i.status === 'erased')).toHaveLength(3);
  });

  it('leaves other patients untouched', async () => {
    const session = await openTestSession(t.platform, bob.user);
    const records = await app.inject({ url: '/api/records', headers: session.headers });
    expect(records.statusCode).toBe(200);
    expect(records.json<{ id: string }[]>().map((r) => r.id)).toEqual([bobEntry]);
    expect((await t.platform.store.read(selfOf(bob), bobEntry)).resource).toMatchObject({ valueQuantity: { value: 118 } });
  });

  it('does not let the erased person sign in or erase again', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: freshIp(),
      payload: { email: alice.email, password: alice.password },
    });
    expect(signIn.statusCode).toBe(401);
    expect(signIn.json<{ detail: string }>().detail).toBe('Email or password is incorrect.');
    expect((await erase(aliceSession, { password: alice.password, confirm: 'ERASE' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/records', headers: aliceSession.headers })).statusCode).toBe(401);
  });
});

describe('GET /api/registry/erasures', () => {
  it('shows registrars the tombstones, newest first', async () => {
    const response = await tombstones(await openTestSession(t.platform, registrar.user));
    expect(response.statusCode).toBe(200);
    const { erasures } = response.json<{ erasures: Erasure[] }>();
    expect(erasures.map((e) => e.patientId)).toEqual([alice.user.patientId, carol.user.patientId]);
    const [patient] = await t.platform.db.select().from(patients).where(eq(patients.id, alice.user.patientId!));
    const aliceAudits = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.patientId, alice.user.patientId!));
    expect(erasures[0]!.healthId).toMatch(/^\d{2}-\d{4}-\d{4}-\d{4}$/);
    expect(erasures[0]).toEqual({
      patientId: alice.user.patientId,
      healthId: erasures[0]!.healthId,
      erasedAt: patient!.erasedAt!.toISOString(),
      recordVersions: 3,
      auditEvents: aliceAudits.length,
    });
    expect(Object.keys(erasures[0]!).sort()).toEqual(['auditEvents', 'erasedAt', 'healthId', 'patientId', 'recordVersions']);
  });

  it('refuses everyone else', async () => {
    expect((await tombstones()).statusCode).toBe(401);
    expect((await tombstones(await openTestSession(t.platform, bob.user))).statusCode).toBe(403);
    expect((await tombstones(await openTestSession(t.platform, doctor.user))).statusCode).toBe(403);
  });
});
