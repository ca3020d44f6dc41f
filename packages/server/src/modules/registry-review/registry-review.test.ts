// Licence review over HTTP: the registrar's queue, approve / reject / suspend / reinstate with their
// transitions, the on-chain Registry following through the outbox, the audit trail, the mail to the
// professional, and what the professional sees in their session.
import { registryAbi } from '@medconnect/contracts';
import { verhoeffValid, type Hex } from '@medconnect/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { createTestUser, freshIp, openTestSession, type TestSession, type TestUser } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { Application } from './schemas.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let registrar: TestUser;
let registrarSession: TestSession;

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  registrar = await createTestUser(t.platform, { role: 'registrar', totp: true });
  registrarSession = await openTestSession(t.platform, registrar.user);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const request = (method: 'GET' | 'POST', url: string, session?: TestSession, payload?: object) =>
  app.inject({
    method,
    url,
    remoteAddress: freshIp(),
    headers: session?.headers ?? {},
    ...(payload ? { payload } : {}),
  });

const decide = (userId: string, decision: string, payload?: object, session = registrarSession) =>
  request('POST', `/api/registry/applications/${userId}/${decision}`, session, payload ?? {});

const queue = async (status?: string) => {
  const response = await request('GET', `/api/registry/applications${status ? `?status=${status}` : ''}`, registrarSession);
  expect(response.statusCode).toBe(200);
  return response.json<{ applications: Application[] }>().applications;
};

/** Relayer ticks until every queued contract call is sent (each tick sends at most 20). */
async function sendChainCalls() {
  for (let i = 0; i < 50; i++) {
    const [open] = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from chain_calls where status in ('pending', 'submitted')`,
    );
    if (open!.n === 0) {
      const failed = await queryRows(t.platform.db, sql`select id from chain_calls where status = 'failed'`);
      expect(failed).toEqual([]);
      return;
    }
    await t.platform.relayer.tick();
  }
  throw new Error('chain calls were not sent');
}

async function chainStatus(address: string): Promise<number> {
  const entry = await t.platform.chain.publicClient.readContract({
    address: t.platform.addresses.registry,
    abi: registryAbi,
    functionName: 'entryOf',
    args: [address as Hex],
  });
  return entry.status;
}

async function auditActions(userId: string) {
  return queryRows<{ action: string; actor_id: string; actor_role: string; entity_type: string; outcome: string }>(
    t.platform.db,
    sql`select action, actor_id, actor_role, entity_type, outcome from audit_events
        where entity_id = ${userId} and entity_type = 'professional' order by seq`,
  );
}

async function mailsTo(address: string) {
  await t.platform.mailer.drain();
  return queryRows<{ subject: string; text: string }>(
    t.platform.db,
    sql`select subject, text from mail_messages where "to" = ${address} order by sent_at, id`,
  );
}

async function professionalInSession(person: TestUser) {
  const session = await openTestSession(t.platform, person.user);
  const response = await request('GET', '/api/auth/session', session);
  expect(response.statusCode).toBe(200);
  return response.json<{ user: { professional: Record<string, unknown> | null } }>().user.professional;
}

describe('the licence review queue', () => {
  it('lists pending professionals with their submitted details, and filters by status', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const pharmacist = await createTestUser(t.platform, { role: 'pharmacist' });
    await createTestUser(t.platform, { role: 'patient' });
    const pending = await queue();
    const entry = pending.find((a) => a.userId === doctor.user.id);
    expect(entry).toMatchObject({
      displayName: 'Test doctor',
      email: doctor.email,
      kind: 'doctor',
      status: 'pending',
      licenceNumber: 'LIC-1',
      council: 'Medical Council',
      registrationYear: 2010,
      qualification: 'MBBS',
      specialization: 'GP',
      practitionerId: null,
      reviewedAt: null,
    });
    expect(entry!.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Object.keys(entry!)).not.toContain('ethAddress');
    expect(pending.find((a) => a.userId === pharmacist.user.id)).toMatchObject({
      kind: 'pharmacist',
      organisation: 'Corner Pharmacy',
    });
    expect(pending.every((a) => a.status === 'pending')).toBe(true);
    expect(await queue('verified')).toEqual([]);
  });
});

describe('approving, suspending and reinstating', () => {
  it('verifies the professional on chain, assigns a practitioner identifier, audits and mails', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const address = doctor.user.ethAddress;
    await sendChainCalls(); // the registration reaches the Registry first
    expect(await chainStatus(address)).toBe(1); // Pending

    const approved = await decide(doctor.user.id, 'approve');
    expect(approved.statusCode).toBe(200);
    const body = approved.json<Application>();
    expect(body).toMatchObject({ userId: doctor.user.id, status: 'verified', reviewReason: null });
    expect(body.practitionerId).toMatch(/^MC-PR-\d{9}$/);
    expect(verhoeffValid(body.practitionerId!.slice(6))).toBe(true);

    const [call] = await queryRows<{ function_name: string; args: unknown[]; idempotency_key: string }>(
      t.platform.db,
      sql`select function_name, args, idempotency_key from chain_calls
          where idempotency_key like ${`registry.setStatus:${doctor.user.id}:verified:%`}`,
    );
    expect(call).toMatchObject({ function_name: 'setStatus', args: [address, '2'] });
    await sendChainCalls();
    expect(await chainStatus(address)).toBe(2); // Verified

    expect(await professionalInSession(doctor)).toMatchObject({
      status: 'verified',
      practitionerId: body.practitionerId,
      reviewReason: null,
    });
    const [mail] = await mailsTo(doctor.email);
    expect(mail!.subject).toBe('Your MedConnect licence is verified');
    expect(mail!.text).toContain(body.practitionerId);
    expect((await queue('verified')).map((a) => a.userId)).toContain(doctor.user.id);
    expect((await queue()).map((a) => a.userId)).not.toContain(doctor.user.id);

    // Suspend (Registry Suspended), then reinstate: the identifier stays the same.
    const suspended = await decide(doctor.user.id, 'suspend', { reason: 'Licence lapsed with the council' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json<Application>()).toMatchObject({ status: 'suspended', reviewReason: 'Licence lapsed with the council' });
    await sendChainCalls();
    expect(await chainStatus(address)).toBe(3);
    expect(await professionalInSession(doctor)).toMatchObject({
      status: 'suspended',
      reviewReason: 'Licence lapsed with the council',
    });

    const reinstated = await decide(doctor.user.id, 'reinstate');
    expect(reinstated.statusCode).toBe(200);
    expect(reinstated.json<Application>()).toMatchObject({ status: 'verified', practitionerId: body.practitionerId });
    await sendChainCalls();
    expect(await chainStatus(address)).toBe(2);

    expect(await auditActions(doctor.user.id)).toEqual(
      ['licence-approve', 'licence-suspend', 'licence-reinstate'].map((action) => ({
        action,
        actor_id: registrar.user.id,
        actor_role: 'registrar',
        entity_type: 'professional',
        outcome: 'success',
      })),
    );
    const mails = await mailsTo(doctor.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Your MedConnect licence is verified',
      'Your MedConnect licence verification is suspended',
      'Your MedConnect licence is verified again',
    ]);
    expect(mails[1]!.text).toContain('Licence lapsed with the council');
  });

  it.each([
    ['pharmacist', /^MC-PH-\d{9}$/],
    ['staff', /^MC-OR-\d{9}$/],
  ] as const)('gives a %s an identifier with the prefix of the kind', async (role, pattern) => {
    const person = await createTestUser(t.platform, { role });
    const approved = await decide(person.user.id, 'approve');
    expect(approved.json<Application>().practitionerId).toMatch(pattern);
  });
});

describe('rejecting', () => {
  it('records the reason, shows it to the professional and mails it, without a chain call', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const rejected = await decide(doctor.user.id, 'reject', { reason: '  Licence number not on the council register ' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json<Application>()).toMatchObject({
      status: 'rejected',
      practitionerId: null,
      reviewReason: 'Licence number not on the council register',
    });
    const calls = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from chain_calls where idempotency_key like ${`registry.setStatus:${doctor.user.id}:%`}`,
    );
    expect(calls[0]!.n).toBe(0);
    expect(await professionalInSession(doctor)).toMatchObject({
      status: 'rejected',
      practitionerId: null,
      reviewReason: 'Licence number not on the council register',
    });
    expect((await auditActions(doctor.user.id)).map((a) => a.action)).toEqual(['licence-reject']);
    const [mail] = await mailsTo(doctor.email);
    expect(mail!.subject).toBe('Your MedConnect licence could not be verified');
    expect(mail!.text).toContain('Licence number not on the council register');
    expect((await queue('rejected')).map((a) => a.userId)).toContain(doctor.user.id);
  });
});

describe('refusals', () => {
  it.each([
    ['approve a rejected application', 'reject', 'approve', undefined, /Only a pending application can be approved\. This one is rejected\./],
    ['reject twice', 'reject', 'reject', { reason: 'again' }, /Only a pending application can be rejected/],
    ['suspend a rejected application', 'reject', 'suspend', { reason: 'nope' }, /Only a verified professional can be suspended/],
    ['reinstate a verified professional', 'approve', 'reinstate', undefined, /Only a suspended professional can be reinstated/],
    ['approve twice', 'approve', 'approve', undefined, /Only a pending application can be approved\. This one is verified\./],
  ] as const)('answers 409 to %s and changes nothing', async (_name, first, second, body, detail) => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    expect((await decide(doctor.user.id, first, first === 'reject' ? { reason: 'Not on the register' } : {})).statusCode).toBe(200);
    const before = await auditActions(doctor.user.id);
    const refused = await decide(doctor.user.id, second, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toMatch(detail);
    expect(await auditActions(doctor.user.id)).toEqual(before);
  });

  it('answers 404 for an unknown user and for someone who is not a professional', async () => {
    const patient = await createTestUser(t.platform, { role: 'patient' });
    for (const id of ['00000000-0000-4000-8000-000000000000', patient.user.id, registrar.user.id]) {
      const response = await decide(id, 'approve');
      expect(response.statusCode).toBe(404);
      expect(response.json<{ detail: string }>().detail).toBe('No professional with that id.');
    }
  });

  it.each([
    ['a malformed user id', 'POST', '/api/registry/applications/not-a-uuid/approve', {}, /params.userId: must be a user id/],
    ['an unknown status', 'GET', '/api/registry/applications?status=archived', undefined, /status/],
    ['an unknown query field', 'GET', '/api/registry/applications?page=2', undefined, /querystring/],
    ['a missing reason', 'POST', 'reject', {}, /reason: is required/],
    ['a too short reason', 'POST', 'reject', { reason: ' x ' }, /reason: must be at least 3 characters/],
    ['a too long reason', 'POST', 'suspend', { reason: 'x'.repeat(501) }, /reason: must be at most 500 characters/],
    ['an unknown body field', 'POST', 'reject', { reason: 'fine reason', extra: 1 }, /body/],
  ] as const)('answers 400 to %s', async (_name, method, target, body, detail) => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const url = target.startsWith('/') ? target : `/api/registry/applications/${doctor.user.id}/${target}`;
    const response = await request(method, url, registrarSession, body);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(detail);
    expect(await auditActions(doctor.user.id)).toEqual([]);
    expect((await professionalInSession(doctor))?.status).toBe('pending');
  });
});

describe('who may review', () => {
  it('refuses everyone but registrars', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true });
    expect((await request('GET', '/api/registry/applications')).statusCode).toBe(401);
    expect((await request('POST', `/api/registry/applications/${doctor.user.id}/approve`, undefined, {})).statusCode).toBe(401);
    for (const role of ['patient', 'doctor', 'admin'] as const) {
      const person = await createTestUser(t.platform, { role, totp: role !== 'patient' });
      const session = await openTestSession(t.platform, person.user);
      expect((await request('GET', '/api/registry/applications', session)).statusCode, role).toBe(403);
      expect((await decide(doctor.user.id, 'approve', {}, session)).statusCode, role).toBe(403);
    }
    expect((await professionalInSession(doctor))?.status).toBe('pending');
  });
});
