// Claiming an account a clinic registered: the code goes to the registered phone (or email), the same
// answer comes back whether or not anything matched, five wrong codes kill it, and once claimed the
// patient signs in with their own address and password and sees their record.
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { auditEvents, mailMessages, patients, settings, smsMessages, users } from '../../db/schema.ts';
import {
  createTestUser,
  freshIp,
  openTestSession,
  tokenFromMail,
  type TestSession,
} from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { CLAIM_STARTED_MESSAGE } from './claim-account.ts';
import type { DeskRegistration } from './schemas.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let doctorSession: TestSession;
const PASSWORD = 'copper tide window marble';

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  const doctor = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true });
  doctorSession = await openTestSession(t.platform, doctor.user);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
    remoteAddress: freshIp(),
  });

let seq = 0;
async function register(extra: Record<string, unknown> = {}) {
  const phone = `+254 700 ${String(100000 + ++seq)}`;
  const response = await post(
    '/api/desk/patients',
    { name: { given: 'Amina', family: 'Otieno' }, birthDate: '1988-09-03', sex: 'female', phone, ...extra },
    doctorSession.headers,
  );
  expect(response.statusCode, response.body).toBe(201);
  return { ...response.json<DeskRegistration>(), phone: phone.replace(/ /g, '') };
}

async function texts(to: string) {
  await t.platform.sms.drain();
  return t.platform.db
    .select()
    .from(smsMessages)
    .where(eq(smsMessages.to, to))
    .orderBy(desc(smsMessages.sentAt));
}

async function smsCode(to: string): Promise<string> {
  const [latest] = await texts(to);
  const code = /code to take over your account is (\d{6})/.exec(latest?.text ?? '')?.[1];
  if (!code) throw new Error('no claim code in the text');
  return code;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('claiming an account registered at the desk', () => {
  it('answers the same for a match, an unknown Health ID and a wrong phone; only the match gets a code', async () => {
    const patient = await register();
    const other = await register();
    const answers = await Promise.all([
      post('/api/auth/claim/start', { healthId: patient.healthId, phoneOrEmail: patient.phone }),
      post('/api/auth/claim/start', { healthId: other.healthId, phoneOrEmail: patient.phone }),
      post('/api/auth/claim/start', { healthId: patient.healthId, phoneOrEmail: '+254 711 000000' }),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(answer.json()).toEqual({ message: CLAIM_STARTED_MESSAGE });
    }
    expect(await texts(patient.phone)).toHaveLength(1);
    expect(await texts('+254711000000')).toHaveLength(0);
    const [pending] = await t.platform.db
      .select()
      .from(settings)
      .where(eq(settings.key, `claim:${patient.patientId}`));
    expect(pending!.value).not.toContain(await smsCode(patient.phone));
    expect(
      await t.platform.db
        .select()
        .from(settings)
        .where(eq(settings.key, `claim:${other.patientId}`)),
    ).toHaveLength(0);
  });

  it('refuses malformed input with clear messages', async () => {
    const patient = await register();
    const badCheck = patient.healthId.slice(0, -1) + String((Number(patient.healthId.at(-1)) + 1) % 10);
    const cases: [string, unknown, RegExp][] = [
      ['/api/auth/claim/start', { healthId: badCheck, phoneOrEmail: patient.phone }, /check digit/],
      [
        '/api/auth/claim/start',
        { healthId: patient.healthId, phoneOrEmail: 'call me' },
        /phone number .* or the email address/,
      ],
      [
        '/api/auth/claim/finish',
        { healthId: patient.healthId, code: '123456', email: 'not-an-address', password: PASSWORD },
        /email/,
      ],
      [
        '/api/auth/claim/finish',
        { healthId: patient.healthId, code: '123456', email: 'amina@example.org', password: 'short' },
        /password/,
      ],
      [
        '/api/auth/claim/finish',
        { healthId: patient.healthId, code: '123456', email: 'amina@example.org', password: PASSWORD },
        /No code is waiting/,
      ],
    ];
    for (const [url, body, detail] of cases) {
      const response = await post(url, body);
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ detail: string }>().detail).toMatch(detail);
    }
  });

  it('kills the code after five wrong tries: the right code no longer works', async () => {
    const patient = await register();
    await post('/api/auth/claim/start', { healthId: patient.healthId, phoneOrEmail: patient.phone });
    const code = await smsCode(patient.phone);
    const claim = (c: string) =>
      post('/api/auth/claim/finish', {
        healthId: patient.healthId,
        code: c,
        email: 'amina.o@example.org',
        password: PASSWORD,
      });
    for (let i = 1; i <= 5; i++) {
      const response = await claim(wrong(code));
      expect(response.statusCode).toBe(400);
      expect(response.json<{ detail: string }>().detail).toMatch(i < 5 ? `${5 - i} tr` : /stopped working/);
    }
    const late = await claim(code);
    expect(late.statusCode).toBe(400);
    expect(late.json<{ detail: string }>().detail).toMatch(/No code is waiting/);
    const [account] = await t.platform.db.select().from(users).where(eq(users.patientId, patient.patientId));
    expect(account!.status).toBe('unclaimed');
  });

  it('refuses a code older than ten minutes (database clock)', async () => {
    const patient = await register();
    await post('/api/auth/claim/start', { healthId: patient.healthId, phoneOrEmail: patient.phone });
    const code = await smsCode(patient.phone);
    await t.platform.db
      .update(settings)
      .set({ updatedAt: sql`now() - interval '11 minutes'` })
      .where(eq(settings.key, `claim:${patient.patientId}`));
    const response = await post('/api/auth/claim/finish', {
      healthId: patient.healthId,
      code,
      email: 'late@example.org',
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(/expired/);
  });

  it('hands the account over with the code from the text: a confirmation mail, then sign-in and the record', async () => {
    const patient = await register();
    await post('/api/auth/claim/start', { healthId: patient.healthId, phoneOrEmail: patient.phone });
    const email = 'amina.otieno@example.org';
    const done = await post('/api/auth/claim/finish', {
      healthId: patient.healthId,
      code: await smsCode(patient.phone),
      email,
      password: PASSWORD,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'pending-verification' });

    const [row] = await t.platform.db.select().from(patients).where(eq(patients.id, patient.patientId));
    expect(row!.claimedAt).not.toBeNull();
    expect(row!.contact).toBeNull();
    const [account] = await t.platform.db.select().from(users).where(eq(users.patientId, patient.patientId));
    expect(account).toMatchObject({ email, status: 'pending-verification' });
    const claims = await t.platform.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'account-claim'));
    expect(claims.some((e) => e.patientId === patient.patientId && e.actorId === account!.id)).toBe(true);
    // A second claim with the same Health ID finds nothing to claim.
    expect(
      (await post('/api/auth/claim/start', { healthId: patient.healthId, phoneOrEmail: patient.phone }))
        .statusCode,
    ).toBe(202);
    expect(await texts(patient.phone)).toHaveLength(1);

    await t.platform.mailer.drain();
    const [mail] = await t.platform.db.select().from(mailMessages).where(eq(mailMessages.to, email));
    expect((await post('/api/auth/verify-email', { token: tokenFromMail(mail!.text) })).statusCode).toBe(200);
    const login = await post('/api/auth/login', { email, password: PASSWORD });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.json<{ status: string; session: { csrfToken: string } }>();
    expect(session.status).toBe('signed-in');
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const record = await app.inject({ url: '/api/records', headers: { cookie }, remoteAddress: freshIp() });
    expect(record.statusCode).toBe(200);
    expect(record.json<{ resourceType: string }[]>().map((r) => r.resourceType)).toContain('Patient');
  });

  it('proves the address when the code went to the email the clinic registered', async () => {
    const email = 'baraka@example.org';
    const patient = await register({ email });
    expect(
      (
        await post('/api/auth/claim/start', {
          healthId: patient.healthId,
          phoneOrEmail: 'Baraka@Example.org',
        })
      ).statusCode,
    ).toBe(202);
    await t.platform.mailer.drain();
    const [mail] = await t.platform.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, email))
      .orderBy(desc(mailMessages.sentAt));
    const code = /\n {4}(\d{6})\n/.exec(mail!.text)![1]!;
    const done = await post('/api/auth/claim/finish', {
      healthId: patient.healthId,
      code,
      email,
      password: PASSWORD,
    });
    expect(done.json()).toMatchObject({ status: 'active' });
    const login = await post('/api/auth/login', { email, password: PASSWORD });
    expect(login.json()).toMatchObject({ status: 'signed-in' });
  });

  it('refuses an address that already has an account, and keeps the claim open', async () => {
    const existing = await createTestUser(t.platform, { role: 'patient' });
    const patient = await register();
    await post('/api/auth/claim/start', { healthId: patient.healthId, phoneOrEmail: patient.phone });
    const code = await smsCode(patient.phone);
    const taken = await post('/api/auth/claim/finish', {
      healthId: patient.healthId,
      code,
      email: existing.email,
      password: PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
    const fine = await post('/api/auth/claim/finish', {
      healthId: patient.healthId,
      code,
      email: 'someone.new@example.org',
      password: PASSWORD,
    });
    expect(fine.statusCode).toBe(200);
  });
});
