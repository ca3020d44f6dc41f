// Abuse resistance (RELIABILITY T07, T08, T11): per-IP limits that a forged X-Forwarded-For cannot
// dodge, the per-account budget of failed sign-ins that expires instead of locking anyone out for
// good, and second-factor guessing bounded by both.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import { createTestUser, freshIp, TEST_PASSWORD, totpCode } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { FAILED_SIGN_INS_PER_HOUR } from './login-budget.ts';

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
afterEach(() => {
  vi.useRealTimers();
});

const login = (
  email: string,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress,
    headers,
  });

function expectLimited(response: Awaited<ReturnType<typeof login>>) {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
}

describe('per-IP limits', () => {
  it('answer the 6th sign-in in a minute from one address with 429, whatever X-Forwarded-For says', async () => {
    const victim = await createTestUser(t.platform, { role: 'patient' });
    const attacker = freshIp();
    for (let i = 0; i < 5; i++) {
      const response = await login(victim.email, `guess number ${i}`, attacker, {
        'x-forwarded-for': `203.0.113.${i}`,
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['ratelimit-limit']).toBe('5');
      expect(response.headers['ratelimit-remaining']).toBe(String(4 - i));
    }
    const sixth = await login(victim.email, 'guess number 6', attacker, {
      'x-forwarded-for': '198.51.100.7',
    });
    expectLimited(sixth);
    expect(sixth.json<{ detail: string }>().detail).toMatch(
      /^Too many attempts from your network\. Try again in/,
    );
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Even the right password is not looked at from that address now…
    expectLimited(await login(victim.email, TEST_PASSWORD, attacker, { 'x-forwarded-for': victim.email }));
    // …but the person signs in from their own address at once,
    expect((await login(victim.email, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    // and from the attacker's address once the minute is over.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await login(victim.email, TEST_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('allow 160 requests a minute to the other account routes', async () => {
    const address = freshIp();
    const forgot = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email: 'someone@example.org' },
        remoteAddress: address,
      });
    for (let i = 0; i < 160; i++) expect((await forgot()).statusCode).toBe(202);
    expectLimited(await forgot());
    // A separate budget from signing in.
    expect((await login('someone@example.org', 'whatever it is', address)).statusCode).toBe(401);
  });
});

describe('the per-account budget', () => {
  it('evaluates at most 100 failed sign-ins per account per hour, then answers 429 without checking, and expires', async () => {
    const victim = await createTestUser(t.platform, { role: 'patient' });
    // A distributed guessing campaign: every attempt from another address.
    for (let i = 0; i < FAILED_SIGN_INS_PER_HOUR; i++) {
      expect((await login(victim.email, `wrong password ${i}`, freshIp())).statusCode).toBe(401);
    }
    const blocked = await login(victim.email, TEST_PASSWORD, freshIp());
    expectLimited(blocked);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3500);
    expect(blocked.json<{ detail: string }>().detail).toMatch(
      /^Too many failed sign-in attempts for this account/,
    );
    expect(blocked.cookies).toHaveLength(0);
    // An address without an account behaves the same (T11).
    const ghost = 'ghost@example.org';
    await t.platform.db.execute(
      sql`insert into throttle_events (key) select 'sign-in-failure:' || encode(sha256(convert_to(${ghost}, 'UTF8')), 'hex') from generate_series(2, ${FAILED_SIGN_INS_PER_HOUR})`,
    );
    expect((await login(ghost, 'the hundredth wrong guess', freshIp())).statusCode).toBe(401);
    const ghostBlocked = await login(ghost, TEST_PASSWORD, freshIp());
    expect(ghostBlocked.statusCode).toBe(429);
    expect(ghostBlocked.json<{ title: string }>().title).toBe(blocked.json<{ title: string }>().title);
    // Other accounts are unaffected, and every attempt was audited.
    const bystander = await createTestUser(t.platform, { role: 'patient' });
    expect((await login(bystander.email, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    const [audited] = await queryRows<{ failed: number; denied: number }>(
      t.platform.db,
      sql`select count(*) filter (where outcome = 'failed')::int as failed, count(*) filter (where outcome = 'denied')::int as denied
            from audit_events where action = 'sign-in' and actor_id = ${victim.user.id}`,
    );
    expect(audited).toEqual({ failed: FAILED_SIGN_INS_PER_HOUR, denied: 1 });
    // An hour later (the database clock decides), the person signs in again: no permanent lock-out.
    await t.platform.db.execute(
      sql`update throttle_events set occurred_at = occurred_at - interval '1 hour'`,
    );
    expect((await login(victim.email, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    // Expired counts are deleted as new ones arrive.
    await login(bystander.email, 'one more wrong password', freshIp());
    const [left] = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from throttle_events where occurred_at < now() - interval '1 hour'`,
    );
    expect(left!.n).toBe(0);
  }, 60_000);
});

describe('second-factor guessing (T08)', () => {
  const code = (remoteAddress: string, cookie: string, value: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { code: value },
      remoteAddress,
      headers: { cookie },
    });

  async function halfSignIn(email: string, remoteAddress = freshIp()) {
    const response = await login(email, TEST_PASSWORD, remoteAddress);
    expect(response.json()).toEqual({ status: 'mfa-required' });
    return `${SESSION_COOKIE}=${response.cookies[0]!.value}`;
  }

  it('shares the sign-in limit of the address: a password and four codes, then 429', async () => {
    const person = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const address = freshIp();
    const cookie = await halfSignIn(person.email, address);
    for (let i = 0; i < 4; i++) expect((await code(address, cookie, '000000')).statusCode).toBe(401);
    expectLimited(await code(address, cookie, totpCode(person.totpSecret!)));
  });

  it('ends the half-signed-in session after five wrong codes, and counts each toward the account budget', async () => {
    const person = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const cookie = await halfSignIn(person.email);
    for (let i = 0; i < 5; i++) {
      const wrong = await code(freshIp(), cookie, String(100000 + i));
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json<{ detail: string }>().detail).toBe('That code is not right.');
    }
    const right = await code(freshIp(), cookie, totpCode(person.totpSecret!));
    expect(right.statusCode).toBe(401);
    expect(right.json<{ detail: string }>().detail).toBe('Sign in with your password first.');
    const [row] = await queryRows<{ failed: number }>(
      t.platform.db,
      sql`select count(*)::int as failed from audit_events where action = 'sign-in' and outcome = 'failed' and purpose = 'totp' and actor_id = ${person.user.id}`,
    );
    expect(row!.failed).toBe(5);
  });

  it('stops evaluating codes once the account budget is spent (≤100 guesses an hour: P ≤ 3×10⁻⁴ per hour)', async () => {
    const person = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const cookie = await halfSignIn(person.email);
    const key = (
      await queryRows<{ key: string }>(
        t.platform.db,
        sql`select 'sign-in-failure:' || encode(sha256(convert_to(${person.email}, 'UTF8')), 'hex') as key`,
      )
    )[0]!.key;
    await t.platform.db.execute(
      sql`insert into throttle_events (key) select ${key} from generate_series(1, ${FAILED_SIGN_INS_PER_HOUR})`,
    );
    expectLimited(await code(freshIp(), cookie, totpCode(person.totpSecret!)));
  });
});
