// Sessions and sign-in (RELIABILITY T12, T11, T24): token strength and storage, rotation at sign-in,
// sign-out replay, idle and absolute expiry on the database clock, revocation on password change and
// account disable, cookie attributes, CSRF and cross-site refusal, and an audit row per attempt.
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import {
  createTestUser,
  freshIp,
  openTestSession,
  TEST_PASSWORD,
  type TestUser,
} from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { sha256Hex } from './secrets.ts';

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

const send = (options: InjectOptions) => app.inject({ remoteAddress: freshIp(), ...options });
const login = (email: string, password = TEST_PASSWORD, extra: InjectOptions = {}) =>
  send({ method: 'POST', url: '/api/auth/login', payload: { email, password }, ...extra });
const cookieOf = (response: LightMyRequestResponse) =>
  response.cookies.find((c) => c.name === SESSION_COOKIE);
const withToken = (token: string, csrf?: string) => ({
  cookie: `${SESSION_COOKIE}=${token}`,
  ...(csrf ? { 'x-csrf-token': csrf } : {}),
});

async function signIn(person: TestUser) {
  const response = await login(person.email);
  expect(response.statusCode).toBe(200);
  const token = cookieOf(response)!.value;
  const csrf = response.json<{ session: { csrfToken: string } }>().session.csrfToken;
  return { token, csrf, headers: withToken(token, csrf) };
}

const sessionStatus = async (token: string) =>
  (await send({ url: '/api/auth/session', headers: withToken(token) })).statusCode;

describe('sign-in', () => {
  it('sets a __Host- cookie that is Secure, HttpOnly, SameSite=Strict, with a 256-bit token stored only as its hash', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const response = await login(person.email);
    expect(response.json()).toMatchObject({
      status: 'signed-in',
      session: {
        user: { id: person.user.id },
        mfa: { enabled: false, required: false },
        mfaEnrolmentRequired: false,
      },
    });
    const cookie = cookieOf(response)!;
    expect(cookie).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
    expect(cookie.domain).toBeUndefined();
    expect(Buffer.from(cookie.value, 'base64url')).toHaveLength(32);
    const rows = await queryRows<{ id: string }>(
      t.platform.db,
      sql`select id from sessions where user_id = ${person.user.id}`,
    );
    expect(rows.map((r) => r.id)).toEqual([sha256Hex(cookie.value)]);
    const stored = JSON.stringify(await queryRows(t.platform.db, sql`select * from sessions`));
    expect(stored).not.toContain(cookie.value);
    // The session expires 12 hours after sign-in at most, and 15 minutes after the last request.
    const info = response.json<{ session: { expiresAt: string; idleExpiresAt: string } }>().session;
    expect(Date.parse(info.expiresAt) - Date.now()).toBeGreaterThan(12 * 3600_000 - 60_000);
    expect(Date.parse(info.idleExpiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(new Date(cookie.expires!).getTime()).toBe(new Date(info.expiresAt).setMilliseconds(0));
  });

  it('draws a different token for every session', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => openTestSession(t.platform, person.user).then((s) => s.token)),
    );
    expect(new Set(tokens).size).toBe(20);
  });

  it('gives the same status and body for a wrong password and an unknown address, and audits both (T11, T24)', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const [ip1, ip2] = [freshIp(), freshIp()];
    const wrong = await login(person.email, 'not the password at all', { remoteAddress: ip1 });
    const unknown = await login('nobody-here@example.org', 'not the password at all', { remoteAddress: ip2 });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json<{ detail: string }>().detail).toBe('Email or password is incorrect.');
    expect(cookieOf(wrong)).toBeUndefined();
    const audit = await queryRows<{
      actor_id: string;
      actor_role: string;
      outcome: string;
      purpose: string;
      source_ip: string;
      entity_type: string;
    }>(
      t.platform.db,
      sql`select actor_id, actor_role, outcome, purpose, source_ip, entity_type from audit_events where action = 'sign-in' order by seq desc limit 2`,
    );
    expect(audit).toEqual([
      {
        actor_id: 'anonymous',
        actor_role: 'anonymous',
        outcome: 'failed',
        purpose: 'password',
        source_ip: ip2,
        entity_type: 'account',
      },
      {
        actor_id: person.user.id,
        actor_role: 'patient',
        outcome: 'failed',
        purpose: 'password',
        source_ip: ip1,
        entity_type: 'account',
      },
    ]);
    // Every audit event is queued for anchoring like a record access.
    const [queued] = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from outbox o join audit_events a on a.leaf = o.leaf where a.action = 'sign-in'`,
    );
    const [all] = await queryRows<{ n: number }>(
      t.platform.db,
      sql`select count(*)::int as n from audit_events where action = 'sign-in'`,
    );
    expect(queued!.n).toBe(all!.n);
  });

  it('audits a successful sign-in with who, where from and how', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const ip = freshIp();
    await login(person.email, TEST_PASSWORD, { remoteAddress: ip });
    const [row] = await queryRows(
      t.platform.db,
      sql`select actor_id, outcome, purpose, source_ip from audit_events where action = 'sign-in' and actor_id = ${person.user.id}`,
    );
    expect(row).toEqual({ actor_id: person.user.id, outcome: 'success', purpose: 'password', source_ip: ip });
  });

  it('rotates the session at sign-in: the token the browser had stops working', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const first = await signIn(person);
    const second = await login(person.email, TEST_PASSWORD, { headers: first.headers });
    const rotated = cookieOf(second)!.value;
    expect(rotated).not.toBe(first.token);
    expect(await sessionStatus(first.token)).toBe(401);
    expect(await sessionStatus(rotated)).toBe(200);
  });

  it('signs out: the old token is refused afterwards (no replay) and the cookie is cleared', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { token, headers } = await signIn(person);
    const out = await send({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out)).toMatchObject({ value: '', maxAge: 0 });
    expect(await sessionStatus(token)).toBe(401);
    expect((await send({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(401);
  });

  it('ends a session 15 minutes after its last request, by the database clock', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { token } = await signIn(person);
    const id = sha256Hex(token);
    await t.platform.db.execute(
      sql`update sessions set last_seen_at = now() - interval '14 minutes 55 seconds' where id = ${id}`,
    );
    expect(await sessionStatus(token)).toBe(200); // and this request counts as activity
    const [touched] = await queryRows<{ age: number }>(
      t.platform.db,
      sql`select extract(epoch from now() - last_seen_at)::float as age from sessions where id = ${id}`,
    );
    expect(touched!.age).toBeLessThan(5);
    await t.platform.db.execute(
      sql`update sessions set last_seen_at = now() - interval '15 minutes 1 second' where id = ${id}`,
    );
    expect(await sessionStatus(token)).toBe(401);
  });

  it('records activity at most every 30 seconds', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { token } = await signIn(person);
    const id = sha256Hex(token);
    await t.platform.db.execute(
      sql`update sessions set last_seen_at = now() - interval '20 seconds' where id = ${id}`,
    );
    await sessionStatus(token);
    const [row] = await queryRows<{ age: number }>(
      t.platform.db,
      sql`select extract(epoch from now() - last_seen_at)::float as age from sessions where id = ${id}`,
    );
    expect(row!.age).toBeGreaterThan(19);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { token } = await signIn(person);
    const id = sha256Hex(token);
    await t.platform.db.execute(
      sql`update sessions set created_at = created_at - interval '11 hours 59 minutes', expires_at = expires_at - interval '11 hours 59 minutes' where id = ${id}`,
    );
    expect(await sessionStatus(token)).toBe(200);
    await t.platform.db.execute(
      sql`update sessions set created_at = created_at - interval '61 seconds', expires_at = expires_at - interval '61 seconds' where id = ${id}`,
    );
    expect(await sessionStatus(token)).toBe(401);
  });

  it('forgets sessions that ended more than a day ago at the next sign-in', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const old = await signIn(person);
    await t.platform.db.execute(
      sql`update sessions set revoked_at = now() - interval '25 hours' where id = ${sha256Hex(old.token)}`,
    );
    await signIn(person);
    const rows = await queryRows(
      t.platform.db,
      sql`select id from sessions where user_id = ${person.user.id}`,
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses malformed and forged tokens', async () => {
    for (const token of ['', 'x', 'A'.repeat(43), `${'A'.repeat(42)}%`, 'a'.repeat(5000)]) {
      expect(await sessionStatus(token), token.slice(0, 10)).toBe(401);
    }
  });

  it('signs out every session of a disabled account', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { token } = await signIn(person);
    await t.platform.db.execute(sql`update users set status = 'disabled' where id = ${person.user.id}`);
    expect(await sessionStatus(token)).toBe(401);
    const again = await login(person.email);
    expect(again.statusCode).toBe(403);
    expect(again.json<{ detail: string }>().detail).toMatch(/disabled/);
  });
});

describe('state-changing requests', () => {
  it('need the session CSRF token in x-csrf-token (403 when missing or wrong)', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { token, csrf } = await signIn(person);
    const patch = (headers: Record<string, string>) =>
      send({ method: 'PATCH', url: '/api/account', headers, payload: { displayName: 'New Name' } });
    const missing = await patch(withToken(token));
    expect(missing.statusCode).toBe(403);
    expect(missing.json<{ detail: string }>().detail).toMatch(/security token/);
    expect((await patch(withToken(token, `${csrf}x`))).statusCode).toBe(403);
    expect(
      (await patch(withToken(token, (await openTestSession(t.platform, person.user)).csrfToken))).statusCode,
    ).toBe(403);
    const right = await patch(withToken(token, csrf));
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ displayName: 'New Name' });
  });

  it('are refused from another site (Origin not this host)', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const { headers } = await signIn(person);
    const from = (origin: string) =>
      send({
        method: 'PATCH',
        url: '/api/account',
        headers: { ...headers, origin, host: 'medconnect.example' },
        payload: { displayName: 'Mallory' },
      });
    expect((await from('https://evil.example')).statusCode).toBe(403);
    expect((await from('null')).statusCode).toBe(403);
    expect((await from('https://medconnect.example')).statusCode).toBe(200);
    expect((await from('http://localhost:3000')).statusCode).toBe(200); // PUBLIC_URL
    const crossSiteLogin = await login(person.email, TEST_PASSWORD, {
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSiteLogin.statusCode).toBe(403);
  });
});

describe('password changes', () => {
  it('sign out the other sessions and keep this one; the old password stops working', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const other = await signIn(person);
    const here = await signIn(person);
    const change = (currentPassword: string, newPassword: string) =>
      send({
        method: 'POST',
        url: '/api/account/password',
        headers: here.headers,
        payload: { currentPassword, newPassword },
      });
    const wrong = await change('not my password', 'marble orchard cinnamon 7');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      errors: [{ path: 'body.currentPassword', message: 'Your current password is not right.' }],
    });
    const weak = await change(TEST_PASSWORD, 'qwerty123456');
    expect(weak.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.newPassword');
    expect((await change(TEST_PASSWORD, 'marble orchard cinnamon 7')).statusCode).toBe(204);
    expect(await sessionStatus(other.token)).toBe(401);
    expect(await sessionStatus(here.token)).toBe(200);
    expect((await login(person.email)).statusCode).toBe(401);
    expect((await login(person.email, 'marble orchard cinnamon 7')).statusCode).toBe(200);
    await t.platform.mailer.drain();
    const [notice] = await queryRows<{ subject: string }>(
      t.platform.db,
      sql`select subject from mail_messages where "to" = ${person.email}`,
    );
    expect(notice!.subject).toBe('Your MedConnect password was changed');
  });
});

describe('the list of sessions', () => {
  it('shows my live sessions and signs out one or all; another person’s session is 404', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const stranger = await createTestUser(t.platform, { role: 'patient' });
    const phone = await signIn(person);
    const laptop = await signIn(person);
    const theirs = await signIn(stranger);
    const list = await send({ url: '/api/account/sessions', headers: laptop.headers });
    const sessions =
      list.json<{ id: string; current: boolean; ipAddress: string; userAgent: string | null }[]>();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.map((s) => s.id).join()).not.toContain(sha256Hex(laptop.token));
    const theirList = (await send({ url: '/api/account/sessions', headers: theirs.headers })).json<
      { id: string }[]
    >();
    const theirId = theirList[0]!.id;
    const foreign = await send({
      method: 'DELETE',
      url: `/api/account/sessions/${theirId}`,
      headers: laptop.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect(await sessionStatus(theirs.token)).toBe(200);
    const phoneId = sessions.find((s) => !s.current)!.id;
    expect(
      (await send({ method: 'DELETE', url: `/api/account/sessions/${phoneId}`, headers: laptop.headers }))
        .statusCode,
    ).toBe(204);
    expect(await sessionStatus(phone.token)).toBe(401);
    expect(await sessionStatus(laptop.token)).toBe(200);
    const all = await send({ method: 'DELETE', url: '/api/account/sessions', headers: laptop.headers });
    expect(all.statusCode).toBe(204);
    expect(cookieOf(all)!.value).toBe('');
    expect(await sessionStatus(laptop.token)).toBe(401);
  });
});
