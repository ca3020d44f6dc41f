// Mail delivery on real parts: an in-process SMTP server receives the verification mail and its link
// works; a relay that refuses costs a log line, not the sign-up, and the link can be asked for again.
// Without SMTP_URL mail lands in the development mailbox, and logs never carry a link's token.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createLogger } from '../../logger.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import {
  createTestUser,
  freshIp,
  openTestSession,
  TEST_PASSWORD,
  tokenFromMail,
  totpCode,
} from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
/** While true the server answers every message with a temporary failure, as a full or broken relay does. */
let refusing = false;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    if (refusing) {
      stream.resume();
      stream.on('end', () =>
        callback(Object.assign(new Error('Mail system temporarily unavailable'), { responseCode: 451 })),
      );
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});

/** The text body of a raw message, undoing quoted-printable or base64 transfer encoding. */
function textBody(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});

let withSmtp: TestPlatform;
let withMailbox: TestPlatform;
beforeAll(async () => {
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  [withSmtp, withMailbox] = await Promise.all([
    openTestPlatform({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'MedConnect <no-reply@medconnect.example>',
        PUBLIC_URL: 'https://medconnect.example',
      },
      log: createLogger('info', sink),
    }),
    openTestPlatform({ log: createLogger('trace', sink) }),
  ]);
});
afterAll(async () => {
  await Promise.all([withSmtp.close(), withMailbox.close()]);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const registration = (email: string) => ({
  role: 'patient',
  email,
  password: 'violet kettle umbrella 42',
  displayName: 'Jo March',
});

describe('mail through SMTP_URL', () => {
  it('delivers the verification mail with a link that works, and nothing to the development mailbox', async () => {
    const app = await buildApp(withSmtp.platform, { logger: false });
    const email = 'jo.march@example.org';
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: registration(email),
          remoteAddress: freshIp(),
        })
      ).statusCode,
    ).toBe(202);
    await withSmtp.platform.mailer.drain();
    const mail = received.find((m) => m.to.includes(email))!;
    expect(mail.from).toBe('no-reply@medconnect.example');
    expect(mail.raw).toMatch(/^Subject: Confirm your email address for MedConnect$/m);
    const text = textBody(mail.raw);
    expect(text).toContain('https://medconnect.example/verify-email#token=');
    const verified = await app.inject({
      method: 'POST',
      url: '/api/auth/verify-email',
      payload: { token: tokenFromMail(text) },
      remoteAddress: freshIp(),
    });
    expect(verified.statusCode).toBe(200);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'violet kettle umbrella 42' },
      remoteAddress: freshIp(),
    });
    expect(login.json()).toMatchObject({ status: 'signed-in' });
    expect((await app.inject('/api/dev/mailbox')).json()).toEqual([]);
    await app.close();
  });

  it('logs a refused delivery without failing the sign-up; the link can be sent again', async () => {
    const app = await buildApp(withSmtp.platform, { logger: false });
    const email = 'beth.march@example.org';
    refusing = true;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: registration(email),
          remoteAddress: freshIp(),
        })
      ).statusCode,
    ).toBe(202);
    await withSmtp.platform.mailer.drain();
    expect(lines.join('')).toContain('mail not sent; it can be asked for again');
    expect(received.some((m) => m.to.includes(email))).toBe(false);
    refusing = false;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/resend-verification',
          payload: { email },
          remoteAddress: freshIp(),
        })
      ).statusCode,
    ).toBe(202);
    await withSmtp.platform.mailer.drain();
    expect(received.some((m) => m.to.includes(email))).toBe(true);
    await app.close();
  });
});

describe('the development mailbox', () => {
  it('keeps mail newest first with its links, and logs which message without its token', async () => {
    const app = await buildApp(withMailbox.platform, { logger: false });
    for (const email of ['amy.march@example.org', 'meg.march@example.org']) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: registration(email),
        remoteAddress: freshIp(),
      });
      await withMailbox.platform.mailer.drain();
    }
    const list = (await app.inject('/api/dev/mailbox')).json<
      { id: string; to: string; subject: string; sentAt: string }[]
    >();
    expect(list.map((m) => m.to)).toEqual(['meg.march@example.org', 'amy.march@example.org']);
    expect(Object.keys(list[0]!).sort()).toEqual(['id', 'sentAt', 'subject', 'to']);
    const message = (await app.inject(`/api/dev/mailbox/${list[0]!.id}`)).json<{
      text: string;
      html: string | null;
      links: string[];
    }>();
    expect(message.html).toBeNull();
    expect(message.links).toEqual([
      expect.stringMatching(/^http:\/\/localhost:3000\/verify-email#token=[A-Za-z0-9_-]{43}$/),
    ]);
    const token = tokenFromMail(message.text);
    const log = lines.join('');
    expect(log).toContain('mail stored in the development mailbox');
    expect(log).toContain(list[0]!.id);
    expect(log).not.toContain(token);
    expect((await app.inject('/api/dev/mailbox/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    await app.close();
  });
});

describe('logs of account activity (T24)', () => {
  it('carry no password, session or CSRF token, link token, TOTP code or secret, or recovery code', async () => {
    const app = await buildApp(withMailbox.platform); // request logging on, at trace level
    const secrets: string[] = [TEST_PASSWORD];
    const person = await createTestUser(withMailbox.platform, { role: 'patient', totp: true });
    secrets.push(person.totpSecret!);
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, payload, headers, remoteAddress: freshIp() });
    const half = await post('/api/auth/login', { email: person.email, password: TEST_PASSWORD });
    const halfToken = half.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const code = totpCode(person.totpSecret!);
    const full = await post('/api/auth/login/totp', { code }, { cookie: `${SESSION_COOKIE}=${halfToken}` });
    const fullToken = full.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const csrf = full.json<{ session: { csrfToken: string } }>().session.csrfToken;
    secrets.push(halfToken, fullToken, csrf, code);
    await post('/api/auth/login', { email: person.email, password: 'a wrong password guess' });
    await post('/api/auth/forgot-password', { email: person.email });
    await withMailbox.platform.mailer.drain();
    const list = (await app.inject('/api/dev/mailbox')).json<{ id: string; to: string }[]>();
    const mail = (await app.inject(`/api/dev/mailbox/${list.find((m) => m.to === person.email)!.id}`)).json<{
      text: string;
    }>();
    const link = tokenFromMail(mail.text);
    secrets.push(link);
    await post('/api/auth/reset-password', { token: link, password: 'new river stone lantern' });
    secrets.push('new river stone lantern');
    const other = await createTestUser(withMailbox.platform, { role: 'patient' });
    const session = await openTestSession(withMailbox.platform, other.user);
    const setup = await post('/api/account/mfa/totp/setup', {}, session.headers);
    const secret = setup.json<{ secret: string }>().secret;
    const enabled = await post('/api/account/mfa/totp/enable', { code: totpCode(secret) }, session.headers);
    secrets.push(
      secret,
      session.token,
      session.csrfToken,
      ...enabled.json<{ recoveryCodes: string[] }>().recoveryCodes,
    );
    await app.close();
    const log = lines.join('');
    expect(log).toContain('"route":"/api/auth/login/totp"'); // requests were logged at all
    for (const secret of secrets) expect(log, 'a secret reached the logs').not.toContain(secret);
  });
});
