// Administrators: the first one is created from the command line with a one-time set-password link
// (no default accounts exist), and an administrator creates registrars, who choose their password
// from a mailed link and must then set up two-step sign-in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import { adminCreateCommand } from '../../cli/admin-command.ts';
import { loadConfig } from '../../config.ts';
import { queryRows } from '../../db/client.ts';
import {
  createTestUser,
  freshIp,
  openTestSession,
  tokenFromMail,
  type TestSession,
} from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { accountDeps } from '../accounts/index.ts';
import { createAdmin } from './create-admin.ts';

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

const post = (url: string, payload: object, session?: TestSession) =>
  app.inject({ method: 'POST', url, payload, headers: session?.headers ?? {}, remoteAddress: freshIp() });

describe('the first administrator', () => {
  it('starts with no account at all, then gets a one-time link to choose a password', async () => {
    const [before] = await queryRows<{ n: number }>(t.platform.db, sql`select count(*)::int as n from users`);
    expect(before!.n).toBe(0);
    const created = await createAdmin(accountDeps(t.platform), {
      email: 'ops@example.org',
      displayName: 'Olu Ops',
      another: false,
    });
    expect(created.link).toMatch(/^http:\/\/localhost:3000\/reset-password#token=[A-Za-z0-9_-]{43}$/);
    await expect(
      createAdmin(accountDeps(t.platform), {
        email: 'ops2@example.org',
        displayName: 'Second',
        another: false,
      }),
    ).rejects.toThrow('An administrator already exists. Add --another to create one more.');
    await expect(
      createAdmin(accountDeps(t.platform), { email: 'ops@example.org', displayName: 'Again', another: true }),
    ).rejects.toThrow(/already exists/);
    expect(
      (await post('/api/auth/login', { email: 'ops@example.org', password: 'anything at all here' }))
        .statusCode,
    ).toBe(401);
    const set = await post('/api/auth/reset-password', {
      token: tokenFromMail(created.link),
      password: 'saffron tugboat canyon 9',
    });
    expect(set.statusCode).toBe(200);
    const login = await post('/api/auth/login', {
      email: 'ops@example.org',
      password: 'saffron tugboat canyon 9',
    });
    expect(login.json()).toMatchObject({
      status: 'signed-in',
      session: { user: { role: 'admin', healthId: null }, mfaEnrolmentRequired: true },
    });
    expect(
      (
        await post('/api/auth/reset-password', {
          token: tokenFromMail(created.link),
          password: 'saffron tugboat canyon 9',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('is created by `medconnect admin create`, which refuses a second one without --another', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'medconnect-admin-'));
    const bin = fileURLToPath(new URL('../../../bin/medconnect.mjs', import.meta.url));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'development',
      PUBLIC_URL: 'https://medconnect.example',
    };
    delete env.DATABASE_URL;
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    const output: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      vi
        .spyOn(stream, 'write')
        .mockImplementation((chunk: string | Uint8Array) => output.push(String(chunk)) > 0);
    try {
      const first = spawnSync(
        process.execPath,
        [bin, 'admin', 'create', '--email', 'Root@Example.org', '--name', 'Rita Root'],
        { env, encoding: 'utf8', timeout: 60_000 },
      );
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^Administrator root@example\.org created\./);
      expect(first.stdout).toMatch(
        / {2}https:\/\/medconnect\.example\/reset-password#token=[A-Za-z0-9_-]{43}\n/,
      );
      capture(process.stdout);
      capture(process.stderr);
      expect(
        await adminCreateCommand(config, { email: 'deputy@example.org', name: undefined, another: false }),
      ).toBe(1);
      expect(output.join('')).toBe(
        'medconnect admin create: An administrator already exists. Add --another to create one more.\n',
      );
      expect(
        await adminCreateCommand(config, { email: 'deputy@example.org', name: undefined, another: true }),
      ).toBe(0);
      expect(
        await adminCreateCommand(config, { email: 'not-an-address', name: undefined, another: false }),
      ).toBe(64);
      expect(output.join('')).toMatch(/--email <address> is required/);
    } finally {
      vi.restoreAllMocks();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('registrars', () => {
  it('are created by an administrator, choose a password from the mail, and must enrol TOTP', async () => {
    const admin = await createTestUser(t.platform, { role: 'admin', totp: true });
    const session = await openTestSession(t.platform, admin.user);
    const created = await post(
      '/api/admin/registrars',
      { email: 'Reg.Istrar@Example.org', displayName: 'Ravi Registrar' },
      session,
    );
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(
      (
        await post(
          '/api/admin/registrars',
          { email: 'reg.istrar@example.org', displayName: 'Again' },
          session,
        )
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await post(
          '/api/admin/registrars',
          { email: 'x@example.org', displayName: 'X', role: 'admin' },
          session,
        )
      ).statusCode,
    ).toBe(400);
    await t.platform.mailer.drain();
    const [mail] = await queryRows<{ subject: string; text: string }>(
      t.platform.db,
      sql`select subject, text from mail_messages where "to" = 'reg.istrar@example.org'`,
    );
    expect(mail!.subject).toBe('Your MedConnect account is ready');
    expect(mail!.text).toContain('/reset-password#token=');
    expect(
      (
        await post('/api/auth/reset-password', {
          token: tokenFromMail(mail!.text),
          password: 'juniper satellite porch',
        })
      ).statusCode,
    ).toBe(200);
    const login = await post('/api/auth/login', {
      email: 'reg.istrar@example.org',
      password: 'juniper satellite porch',
    });
    expect(login.json()).toMatchObject({
      status: 'signed-in',
      session: { user: { id, role: 'registrar', emailVerified: true }, mfaEnrolmentRequired: true },
    });
    const [audit] = await queryRows(
      t.platform.db,
      sql`select actor_id, entity_id from audit_events where action = 'create-account' and entity_id = ${id}`,
    );
    expect(audit).toEqual({ actor_id: admin.user.id, entity_id: id });
  });
});
