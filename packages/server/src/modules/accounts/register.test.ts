// Sign-up and email verification over HTTP: every role, the professional's pending status and
// Registry entry, validation, the same answer for a taken address (T11), nothing partial on failure,
// and single-use links.
import { registryAbi } from '@medconnect/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToBytes, type Address } from 'viem';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { freshIp, tokenFromMail } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { licenceHash } from './create-account.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const password = 'violet kettle umbrella 42';
const professional = {
  licenceNumber: 'GMC-1234567',
  council: 'General Medical Council',
  registrationYear: 2012,
  qualification: 'MBBS',
  specialization: 'Paediatrics',
};
const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: freshIp() });
const register = (body: Record<string, unknown>) =>
  post('/api/auth/register', { role: 'patient', password, displayName: 'Ann Lee', ...body });

async function mailsTo(address: string) {
  await t.platform.mailer.drain();
  return queryRows<{ subject: string; text: string }>(
    t.platform.db,
    sql`select subject, text from mail_messages where "to" = ${address} order by sent_at, id`,
  );
}

async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    t.platform.db,
    sql`select (select count(*) from users)::int as users, (select count(*) from patients)::int as patients,
               (select count(*) from patient_keys)::int as keys, (select count(*) from professional_profiles)::int as profiles,
               (select count(*) from chain_calls)::int as calls, (select count(*) from one_time_tokens)::int as links,
               (select count(*) from audit_events)::int as audit, (select count(*) from outbox)::int as outbox`,
  );
  return row!;
}

async function signUpAndVerify(body: Record<string, unknown>) {
  expect((await register(body)).statusCode).toBe(202);
  const [mail] = await mailsTo(body.email as string);
  const verified = await post('/api/auth/verify-email', { token: tokenFromMail(mail!.text) });
  expect(verified.statusCode).toBe(200);
  const login = await post('/api/auth/login', { email: body.email, password });
  expect(login.statusCode).toBe(200);
  return login.json<{ status: string; session: { user: Record<string, unknown> } }>();
}

describe('registration', () => {
  it('signs up a patient with a Health ID once the address is confirmed', async () => {
    const email = 'ann.lee@example.org';
    const answer = await register({ email: 'Ann.Lee@Example.org ' });
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual({ message: 'Check your email to finish signing up.' });
    const early = await post('/api/auth/login', { email, password });
    expect(early.statusCode).toBe(403);
    expect(early.json<{ detail: string }>().detail).toBe(
      'Verify your email address first. We have sent you a new link.',
    );
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Confirm your email address for MedConnect',
      'Confirm your email address for MedConnect',
    ]);
    expect(mails[0]!.text).toMatch(/^Welcome to MedConnect\./);
    expect(mails[0]!.text).toContain('http://localhost:3000/verify-email#token=');
    // The first link was replaced by the one sent at the refused sign-in.
    const old = await post('/api/auth/verify-email', { token: tokenFromMail(mails[0]!.text) });
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({
      type: 'https://medconnect.health/problems/link-expired',
      detail: expect.stringMatching(/^This link has expired because a newer one was sent/) as unknown,
    });
    const token = tokenFromMail(mails[1]!.text);
    expect((await post('/api/auth/verify-email', { token })).json()).toEqual({
      message: 'Your email address is confirmed. You can sign in now.',
    });
    const again = await post('/api/auth/verify-email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json<{ detail: string }>().detail).toMatch(/^This link was already used/);
    const login = await post('/api/auth/login', { email, password });
    expect(login.json()).toMatchObject({
      status: 'signed-in',
      session: {
        user: {
          email,
          role: 'patient',
          emailVerified: true,
          healthId: expect.stringMatching(/^\d{2}-\d{4}-\d{4}-\d{4}$/) as unknown,
          professional: null,
          walletAddress: null,
        },
      },
    });
  });

  it('registers a doctor as a pending professional, also a patient, with a salted licence hash queued for the Registry', async () => {
    const before = await counts();
    const { session } = await signUpAndVerify({
      role: 'doctor',
      email: 'dr.khan@example.org',
      displayName: 'Dr Omar Khan',
      professional,
    });
    expect(session.user).toMatchObject({
      role: 'doctor',
      healthId: expect.stringMatching(/^\d{2}-/) as unknown,
      professional: { kind: 'doctor', status: 'pending', ...professional, organisation: null },
    });
    const after = await counts();
    expect(after.calls! - before.calls!).toBe(1);
    const [profile] = await queryRows<{ licence_salt: Uint8Array; licence_hash: string }>(
      t.platform.db,
      sql`select licence_salt, licence_hash from professional_profiles where user_id = ${session.user.id as string}`,
    );
    const [call] = await queryRows<{ args: unknown[]; idempotency_key: string; function_name: string }>(
      t.platform.db,
      sql`select args, idempotency_key, function_name from chain_calls where idempotency_key = ${`registry.register:${session.user.id as string}`}`,
    );
    const ethAddress = session.user.ethAddress as Address;
    expect(call).toMatchObject({ function_name: 'register', args: [ethAddress, profile!.licence_hash, '0'] });
    expect(profile!.licence_hash).toBe(
      licenceHash(new Uint8Array(profile!.licence_salt), professional.council, professional.licenceNumber),
    );
    expect(profile!.licence_hash).not.toBe(
      licenceHash(new Uint8Array(32), professional.council, professional.licenceNumber),
    );
    await t.platform.relayer.tick();
    const entry = await t.platform.chain.publicClient.readContract({
      address: t.platform.addresses.registry,
      abi: registryAbi,
      functionName: 'entryOf',
      args: [ethAddress],
    });
    expect(entry).toMatchObject({ licenceHash: profile!.licence_hash, kind: 0, status: 1 }); // Practitioner, Pending
  });

  it.each([
    ['pharmacist', 1],
    ['staff', 2],
  ] as const)(
    'registers a %s into an organisation (Registry kind %i), without a Health ID',
    async (role, kind) => {
      const email = `${role}@example.org`;
      const { session } = await signUpAndVerify({
        role,
        email,
        displayName: 'Sam Okafor',
        organisation: { name: 'Hill Street Pharmacy', licenceNumber: 'PH-77' },
      });
      expect(session.user).toMatchObject({
        role,
        healthId: null,
        professional: {
          kind: role,
          status: 'pending',
          organisation: 'Hill Street Pharmacy',
          licenceNumber: null,
        },
      });
      const [call] = await queryRows<{ args: unknown[] }>(
        t.platform.db,
        sql`select args from chain_calls where idempotency_key = ${`registry.register:${session.user.id as string}`}`,
      );
      expect(call!.args[2]).toBe(String(kind));
    },
  );

  it('answers a taken address exactly like a new one, and mails its owner instead (T11)', async () => {
    const email = 'taken@example.org';
    await signUpAndVerify({ email });
    const fresh = await register({ email: 'not-taken@example.org' });
    const taken = await register({ email });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.body).toBe(fresh.body);
    expect((await mailsTo(email)).at(-1)!.subject).toBe(
      'Someone tried to sign up to MedConnect with your address',
    );
    // Resending a link: the same answer for an address with an account waiting, one without, and one already confirmed.
    const answers = await Promise.all(
      ['not-taken@example.org', 'nobody@example.org', email].map((address) =>
        post('/api/auth/resend-verification', { email: address }),
      ),
    );
    expect(new Set(answers.map((a) => `${a.statusCode} ${a.body}`)).size).toBe(1);
    expect(answers[0]!.statusCode).toBe(202);
  });

  it('creates one account when the same address signs up twice at once (meaningful on PostgreSQL)', async () => {
    const email = 'twice@example.org';
    const answers = await Promise.all([register({ email }), register({ email }), register({ email })]);
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202]);
    const [row] = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from users where email = ${email}`,
    );
    expect(row!.n).toBe(1);
  });

  it('sends at most three mails of a kind per address per quarter hour', async () => {
    const email = 'flooded@example.org';
    await register({ email });
    for (let i = 0; i < 5; i++)
      expect((await post('/api/auth/resend-verification', { email })).statusCode).toBe(202);
    expect(await mailsTo(email)).toHaveLength(3);
  });

  it.each([
    ['an unknown field', { email: 'x1@example.org', isAdmin: true }, /body: Unrecognized key/i, 'body'],
    [
      'a weak password',
      { email: 'x2@example.org', password: 'password1234' },
      /most common passwords/,
      'body.password',
    ],
    [
      'a password with the name in it',
      { email: 'x3@example.org', password: 'ann-lee-forever-and-ever' },
      /your name/,
      'body.password',
    ],
    [
      'a doctor without licence details',
      { email: 'x4@example.org', role: 'doctor' },
      /is required for doctors/,
      'body.professional',
    ],
    [
      'a patient with licence details',
      { email: 'x5@example.org', professional },
      /only for doctors/,
      'body.professional',
    ],
    [
      'a pharmacist without an organisation',
      { email: 'x6@example.org', role: 'pharmacist' },
      /is required for pharmacists/,
      'body.organisation',
    ],
    [
      'a registration year in the future',
      { email: 'x7@example.org', role: 'doctor', professional: { ...professional, registrationYear: 2999 } },
      /future/,
      'body.professional.registrationYear',
    ],
    ['a malformed address', { email: 'not-an-address' }, /email address/, 'body.email'],
    ['a registrar role', { email: 'x8@example.org', role: 'registrar' }, /role/, 'body.role'],
  ])('refuses %s with a 400 naming the field', async (_name, body, detail, path) => {
    const before = await counts();
    const answer = await register(body);
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = answer.json<{ detail: string; errors: { path: string; message: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toContain(path);
    expect(problem.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(detail);
    expect(await counts()).toEqual(before);
  });

  it('lists every password problem at once', async () => {
    const answer = await register({ email: 'x9@example.org', password: 'aaaa' });
    const messages = answer
      .json<{ errors: { path: string; message: string }[] }>()
      .errors.filter((e) => e.path === 'body.password');
    expect(messages.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'text/plain' },
      payload: 'role=patient',
      remoteAddress: freshIp(),
    });
    expect(answer.statusCode).toBe(415);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    const form = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a',
      remoteAddress: freshIp(),
    });
    expect(form.statusCode).toBe(415);
  });

  it('saves nothing when a registration fails half-way', async () => {
    // A fault in the last insert of the transaction: the profile row is refused by a trigger.
    await t.platform.db.execute(
      sql`create function refuse_profile() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`,
    );
    await t.platform.db.execute(
      sql`create trigger refuse_profile before insert on professional_profiles for each row execute function refuse_profile()`,
    );
    try {
      const before = await counts();
      const answer = await register({ role: 'doctor', email: 'half@example.org', professional });
      expect(answer.statusCode).toBe(500);
      expect(answer.json<{ detail: string }>().detail).toBe(
        'Something went wrong on our side. Please try again.',
      );
      expect(await counts()).toEqual(before);
      expect(await mailsTo('half@example.org')).toEqual([]);
    } finally {
      await t.platform.db.execute(sql`drop trigger refuse_profile on professional_profiles`);
      await t.platform.db.execute(sql`drop function refuse_profile`);
    }
    expect((await register({ role: 'doctor', email: 'half@example.org', professional })).statusCode).toBe(
      202,
    );
  });

  it('says when a link has expired or was never valid', async () => {
    const email = 'late@example.org';
    await register({ email });
    const token = tokenFromMail((await mailsTo(email))[0]!.text);
    await t.platform.db.execute(
      sql`update one_time_tokens set expires_at = now() - interval '1 second' where user_id = (select id from users where email = ${email})`,
    );
    const late = await post('/api/auth/verify-email', { token });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({
      type: 'https://medconnect.health/problems/link-expired',
      detail: 'This link has expired. Ask for a new one from the sign-in page.',
    });
    const forged = await post('/api/auth/verify-email', { token: 'A'.repeat(43) });
    expect(forged.json()).toMatchObject({
      status: 400,
      type: 'https://medconnect.health/problems/link-invalid',
    });
    const [stored] = await queryRows<{ id: string }>(
      t.platform.db,
      sql`select id from one_time_tokens where user_id = (select id from users where email = ${email})`,
    );
    expect(stored!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.id).not.toContain(token);
    expect(Buffer.from(hexToBytes(`0x${stored!.id}`)).toString('base64url')).not.toBe(token);
  });
});
