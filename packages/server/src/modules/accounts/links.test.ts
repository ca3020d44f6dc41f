// Links by mail after sign-up: forgotten passwords (30 minutes, single use, replaced by a newer link,
// sessions revoked, no enumeration) and changing the email address (the new address confirms).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import {
  createTestUser,
  freshIp,
  openTestSession,
  TEST_PASSWORD,
  tokenFromMail,
} from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

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

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers, remoteAddress: freshIp() });
const login = (email: string, password = TEST_PASSWORD) => post('/api/auth/login', { email, password });
const sessionStatus = async (headers: Record<string, string>) =>
  (await app.inject({ url: '/api/auth/session', headers })).statusCode;

async function mailsTo(address: string) {
  await t.platform.mailer.drain();
  return queryRows<{ subject: string; text: string }>(
    t.platform.db,
    sql`select subject, text from mail_messages where "to" = ${address} order by sent_at, id`,
  );
}
const lastLink = async (address: string) => tokenFromMail((await mailsTo(address)).at(-1)!.text);

describe('forgotten passwords', () => {
  it('answer the same for any address, and mail a 30-minute link only to an account (T11)', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const known = await post('/api/auth/forgot-password', { email: person.email.toUpperCase() });
    const unknown = await post('/api/auth/forgot-password', { email: 'no-account@example.org' });
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const [mail] = await mailsTo(person.email);
    expect(mail!.subject).toBe('Reset your MedConnect password');
    expect(mail!.text).toContain('within 30 minutes');
    expect(mail!.text).toMatch(/http:\/\/localhost:3000\/reset-password#token=[A-Za-z0-9_-]{43}\n/);
    expect(await mailsTo('no-account@example.org')).toEqual([]);
  });

  it('set a new password once, sign out every session, and leave the second factor in place', async () => {
    const person = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const before = await openTestSession(t.platform, person.user);
    await post('/api/auth/forgot-password', { email: person.email });
    const token = await lastLink(person.email);
    const weak = await post('/api/auth/reset-password', {
      token,
      password: `${person.email.split('@')[0]}-2024`,
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      errors: expect.arrayContaining([
        { path: 'body.password', message: 'Do not use your email address in your password.' },
      ]) as unknown,
    });
    const reset = await post('/api/auth/reset-password', { token, password: 'copper lighthouse meadow' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json<{ message: string }>().message).toMatch(/signed out everywhere/);
    expect(await sessionStatus(before.headers)).toBe(401);
    expect((await login(person.email)).statusCode).toBe(401);
    const next = await login(person.email, 'copper lighthouse meadow');
    expect(next.json()).toEqual({ status: 'mfa-required' });
    const reused = await post('/api/auth/reset-password', { token, password: 'another fine passphrase' });
    expect(reused.statusCode).toBe(400);
    expect(reused.json<{ detail: string }>().detail).toMatch(/^This link was already used/);
  });

  it('work once even when used from several tabs at the same moment (meaningful on PostgreSQL)', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    await post('/api/auth/forgot-password', { email: person.email });
    const token = await lastLink(person.email);
    const answers = await Promise.all(
      ['copper lighthouse meadow', 'amber willow kitchen', 'granite parade velvet'].map((password) =>
        post('/api/auth/reset-password', { token, password }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400, 400]);
  });

  it('expire after 30 minutes and when a newer link is sent', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    await post('/api/auth/forgot-password', { email: person.email });
    const first = await lastLink(person.email);
    await post('/api/auth/forgot-password', { email: person.email });
    const second = await lastLink(person.email);
    const replaced = await post('/api/auth/reset-password', {
      token: first,
      password: 'copper lighthouse meadow',
    });
    expect(replaced.json()).toMatchObject({
      status: 400,
      type: 'https://medconnect.health/problems/link-expired',
    });
    await t.platform.db.execute(
      sql`update one_time_tokens set created_at = created_at - interval '30 minutes 1 second', expires_at = expires_at - interval '30 minutes 1 second' where user_id = ${person.user.id}`,
    );
    const late = await post('/api/auth/reset-password', {
      token: second,
      password: 'copper lighthouse meadow',
    });
    expect(late.json()).toMatchObject({
      status: 400,
      detail: 'This link has expired. Ask for a new one with "Forgot password".',
    });
    expect((await login(person.email)).statusCode).toBe(200);
  });
});

describe('changing the email address', () => {
  it('takes effect only once the new address confirms, and tells the old one', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const session = await openTestSession(t.platform, person.user);
    const change = (payload: object) => post('/api/account/email', payload, session.headers);
    expect(
      (await change({ newEmail: 'new-home@example.org', password: 'not my password' })).json(),
    ).toMatchObject({ status: 400, errors: [{ path: 'body.password' }] });
    const asked = await change({ newEmail: 'New-Home@Example.org', password: TEST_PASSWORD });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({
      message: 'Check the new address: we have sent it a link to confirm the change.',
    });
    expect((await login(person.email)).statusCode).toBe(200); // nothing changed yet
    const [mail] = await mailsTo('new-home@example.org');
    expect(mail!.text).toContain('/confirm-email#token=');
    const confirmed = await post('/api/auth/confirm-email-change', { token: tokenFromMail(mail!.text) });
    expect(confirmed.statusCode).toBe(200);
    expect((await login(person.email)).statusCode).toBe(401);
    expect((await login('new-home@example.org')).statusCode).toBe(200);
    expect((await mailsTo(person.email)).at(-1)!.subject).toBe('Your MedConnect email address was changed');
  });

  it('answers the same when the new address is taken, and mails that address a notice instead', async () => {
    const person = await createTestUser(t.platform, { role: 'patient' });
    const other = await createTestUser(t.platform, { role: 'patient' });
    const session = await openTestSession(t.platform, person.user);
    const taken = await post(
      '/api/account/email',
      { newEmail: other.email, password: TEST_PASSWORD },
      session.headers,
    );
    const free = await post(
      '/api/account/email',
      { newEmail: 'free@example.org', password: TEST_PASSWORD },
      session.headers,
    );
    expect(taken.body).toBe(free.body);
    expect((await mailsTo(other.email)).map((m) => m.subject)).toEqual([
      'This address is already used on MedConnect',
    ]);
  });
});
