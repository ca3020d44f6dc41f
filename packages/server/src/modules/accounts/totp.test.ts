// Two-step sign-in with TOTP: enrolment with a QR code, the two-step sign-in with a rotated session,
// refusal of a replayed code, single-use recovery codes, the roles that must enrol before anything
// else, and turning it off.
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import {
  createTestUser,
  freshIp,
  openTestSession,
  TEST_PASSWORD,
  totpCode,
  type TestSession,
} from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { matchingStep } from './totp.ts';

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

type Answer = Awaited<ReturnType<typeof app.inject>>;
const as = (session: TestSession | { headers: Record<string, string> }) => ({
  get: (url: string) => app.inject({ url, headers: session.headers, remoteAddress: freshIp() }),
  post: (url: string, payload?: object) =>
    app.inject({
      method: 'POST',
      url,
      headers: session.headers,
      remoteAddress: freshIp(),
      ...(payload ? { payload } : {}),
    }),
});
const login = (email: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD },
    remoteAddress: freshIp(),
  });
const cookie = (answer: Answer) => ({
  headers: { cookie: `${SESSION_COOKIE}=${answer.cookies.find((c) => c.name === SESSION_COOKIE)!.value}` },
});

/** Sets up TOTP for a signed-in person through the API; answers the secret and recovery codes. */
async function enrol(session: TestSession) {
  const setup = await as(session).post('/api/account/mfa/totp/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl, qrCodeDataUrl } = setup.json<{
    secret: string;
    otpauthUrl: string;
    qrCodeDataUrl: string;
  }>();
  const enabled = await as(session).post('/api/account/mfa/totp/enable', { code: totpCode(secret) });
  expect(enabled.statusCode).toBe(200);
  return {
    secret,
    otpauthUrl,
    qrCodeDataUrl,
    recoveryCodes: enabled.json<{ recoveryCodes: string[] }>().recoveryCodes,
  };
}

describe('enrolment', () => {
  it('gives a secret, an otpauth URL and a QR code, turns on with a right code, and answers ten recovery codes once', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const session = await openTestSession(t.platform, person.user);
    const setup = await as(session).post('/api/account/mfa/totp/setup');
    const { secret, otpauthUrl, qrCodeDataUrl } = setup.json<{
      secret: string;
      otpauthUrl: string;
      qrCodeDataUrl: string;
    }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toBe(
      `otpauth://totp/MedConnect:${encodeURIComponent(person.email)}?issuer=MedConnect&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const wrong = await as(session).post('/api/account/mfa/totp/enable', {
      code: '123456' === totpCode(secret) ? '654321' : '123456',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.code');
    const enabled = await as(session).post('/api/account/mfa/totp/enable', { code: totpCode(secret) });
    const codes = enabled.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await as(session).get('/api/auth/session')).json()).toMatchObject({
      mfa: { enabled: true, required: false },
    });
    expect((await as(session).post('/api/account/mfa/totp/setup')).statusCode).toBe(409);
    // Neither the secret nor any recovery code is stored readable.
    const dump = JSON.stringify(
      await queryRows(
        t.platform.db,
        sql`select u.*, r.* from users u left join recovery_codes r on r.user_id = u.id where u.id = ${person.user.id}`,
      ),
    );
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(Buffer.from(Secret.fromBase32(secret).bytes).toString('hex'));
    for (const code of codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replaceAll('-', ''));
    }
  });

  it('is required first for a doctor: only MFA setup, the session and sign-out work until it is on', async () => {
    const doctor = await createTestUser(t.platform, { role: 'doctor' });
    const signedIn = await login(doctor.email);
    expect(signedIn.json()).toMatchObject({
      status: 'signed-in',
      session: { mfa: { enabled: false, required: true }, mfaEnrolmentRequired: true },
    });
    const csrf = signedIn.json<{ session: { csrfToken: string } }>().session.csrfToken;
    const session = { headers: { ...cookie(signedIn).headers, 'x-csrf-token': csrf } };
    const refused = await as(session).get('/api/account');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toMatch(/Set up two-step sign-in first/);
    expect((await as(session).post('/api/account/wallet/nonce')).statusCode).toBe(403);
    await enrol({ token: '', csrfToken: csrf, headers: session.headers });
    expect((await as(session).get('/api/account')).statusCode).toBe(200);
    expect((await as(session).get('/api/auth/session')).json()).toMatchObject({
      mfaEnrolmentRequired: false,
      mfa: { enabled: true },
    });
    // It cannot be turned off for a role that requires it.
    const off = await as(session).post('/api/account/mfa/totp/disable', {
      password: TEST_PASSWORD,
      code: '000000',
    });
    expect(off.statusCode).toBe(403);
  });
});

describe('signing in with TOTP', () => {
  it('takes a password, then a code, and only then signs in, with a new session', async () => {
    const person = await createTestUser(t.platform, { role: 'patient', totp: true });
    const first = await login(person.email);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'mfa-required' });
    const half = cookie(first);
    expect((await as(half).get('/api/auth/session')).statusCode).toBe(401);
    expect((await as(half).get('/api/account')).statusCode).toBe(401);
    const done = await as(half).post('/api/auth/login/totp', { code: totpCode(person.totpSecret!) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'signed-in',
      session: { user: { id: person.user.id }, mfa: { enabled: true } },
    });
    const full = cookie(done);
    expect(full.headers.cookie).not.toBe(half.headers.cookie);
    expect((await as(full).get('/api/account')).statusCode).toBe(200);
    expect(
      (await as(half).post('/api/auth/login/totp', { code: totpCode(person.totpSecret!) })).statusCode,
    ).toBe(401);
    const [audit] = await queryRows(
      t.platform.db,
      sql`select outcome, purpose from audit_events where action = 'sign-in' and actor_id = ${person.user.id}`,
    );
    expect(audit).toEqual({ outcome: 'success', purpose: 'totp' });
  });

  it('refuses a code that was already used, even in another sign-in', async () => {
    const person = await createTestUser(t.platform, { role: 'patient', totp: true });
    const code = totpCode(person.totpSecret!);
    expect(
      (await as(cookie(await login(person.email))).post('/api/auth/login/totp', { code })).statusCode,
    ).toBe(200);
    const replay = await as(cookie(await login(person.email))).post('/api/auth/login/totp', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json<{ detail: string }>().detail).toBe('That code is not right.');
    // An older code of the window is refused too once a newer one was accepted.
    const earlier = await as(cookie(await login(person.email))).post('/api/auth/login/totp', {
      code: totpCode(person.totpSecret!, -1),
    });
    expect(earlier.statusCode).toBe(401);
  });

  it('accepts a code once even when several sign-ins race with it (meaningful on PostgreSQL)', async () => {
    const person = await createTestUser(t.platform, { role: 'patient', totp: true });
    const halves = await Promise.all(Array.from({ length: 4 }, () => login(person.email)));
    const code = totpCode(person.totpSecret!);
    const answers = await Promise.all(
      halves.map((half) => as(cookie(half)).post('/api/auth/login/totp', { code })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401, 401]);
  });

  it('accepts one step of clock drift either way and nothing further', () => {
    const secret = new Secret({ size: 20 });
    const now = Date.now();
    const at = (steps: number) => TOTP.generate({ secret, timestamp: now + steps * 30_000 });
    const step = Math.floor(now / 30_000);
    expect(matchingStep(secret, at(0), now)).toBe(step);
    expect(matchingStep(secret, at(-1), now)).toBe(step - 1);
    expect(matchingStep(secret, at(1), now)).toBe(step + 1);
    for (const far of [-2, 2])
      if (![at(-1), at(0), at(1)].includes(at(far)))
        expect(matchingStep(secret, at(far), now)).toBeUndefined();
    expect(matchingStep(secret, '12 34 5', now)).toBeUndefined();
    expect(matchingStep(secret, `${at(0).slice(0, 3)} ${at(0).slice(3)}`, now)).toBe(step);
  });

  it('accepts each recovery code once', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { recoveryCodes } = await enrol(await openTestSession(t.platform, person.user));
    const use = async (code: string) =>
      as(cookie(await login(person.email))).post('/api/auth/login/recovery', { code });
    const first = await use(recoveryCodes[3]!.toUpperCase());
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'signed-in' });
    const again = await use(recoveryCodes[3]!);
    expect(again.statusCode).toBe(401);
    expect((await use('aaaa-bbbb-cccc-dddd')).statusCode).toBe(401);
    expect((await use(recoveryCodes[4]!.replaceAll('-', ''))).statusCode).toBe(200);
  });
});

describe('turning TOTP off', () => {
  it('needs the password and a code, for a patient', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const session = await openTestSession(t.platform, person.user);
    const { secret } = await enrol(session);
    const noPassword = await as(session).post('/api/account/mfa/totp/disable', {
      password: 'not my password',
      code: totpCode(secret, 1),
    });
    expect(noPassword.json()).toMatchObject({ status: 400, errors: [{ path: 'body.password' }] });
    const noCode = await as(session).post('/api/account/mfa/totp/disable', {
      password: TEST_PASSWORD,
      code: '000000',
    });
    expect(noCode.json()).toMatchObject({ status: 400, errors: [{ path: 'body.code' }] });
    expect(
      (
        await as(session).post('/api/account/mfa/totp/disable', {
          password: TEST_PASSWORD,
          code: totpCode(secret, 1),
        })
      ).statusCode,
    ).toBe(204);
    expect((await login(person.email)).json()).toMatchObject({ status: 'signed-in' });
    const [row] = await queryRows(
      t.platform.db,
      sql`select totp_secret, (select count(*)::int from recovery_codes where user_id = ${person.user.id}) as codes from users where id = ${person.user.id}`,
    );
    expect(row).toEqual({ totp_secret: null, codes: 0 });
  });
});
