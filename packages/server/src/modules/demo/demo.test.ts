// Demo mode: the demo accounts exist only where seeded, sign in with one click (second factor
// included) only when the server runs with --demo, and also sign in the ordinary way with the printed
// password and TOTP secret.
import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { seedDemo } from '../../demo/seed.ts';
import { freshIp } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { accountDeps } from '../accounts/index.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoAccounts, type DemoAccount } from './demo-accounts.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let healthId: string;
beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false, demo: true });
  const patient = await t.platform.patients.register();
  healthId = patient.healthId;
  await seedDemoAccounts(accountDeps(t.platform), [
    { file: 'alfreda-wyman.json', patientId: patient.id, healthId },
  ]);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (url: string, payload: object) =>
  app.inject({ method: 'POST', url, payload, remoteAddress: freshIp() });

describe('demo accounts', () => {
  it('are listed: a registrar, a verified and a pending doctor, a pharmacist and the imported patients', async () => {
    const accounts = (await app.inject('/api/demo/accounts')).json<DemoAccount[]>();
    expect(accounts.map((a) => a.role)).toEqual(['registrar', 'doctor', 'doctor', 'pharmacist', 'patient']);
    expect(accounts.filter((a) => a.role === 'doctor').map((a) => /verified/.test(a.description))).toEqual([true, false]);
    expect(accounts[4]).toMatchObject({
      email: 'alfreda.wyman@demo.medconnect.test',
      displayName: 'Alfreda Wyman',
    });
    // Seeding again changes nothing.
    await seedDemoAccounts(accountDeps(t.platform), []);
    expect((await app.inject('/api/demo/accounts')).json()).toEqual(accounts);
  });

  it('sign in with one click, second factor included; the patient sees the imported record’s Health ID', async () => {
    const doctor = await post('/api/demo/sign-in', { email: 'dr.menon@demo.medconnect.test' });
    expect(doctor.statusCode).toBe(200);
    expect(doctor.json()).toMatchObject({
      status: 'signed-in',
      session: {
        user: { role: 'doctor', professional: { status: 'verified', practitionerId: expect.stringMatching(/^MC-PR-/) as string } },
        mfa: { enabled: true, required: true },
        mfaEnrolmentRequired: false,
      },
    });
    const patient = await post('/api/demo/sign-in', { email: 'alfreda.wyman@demo.medconnect.test' });
    expect(patient.json()).toMatchObject({
      session: { user: { role: 'patient', healthId, emailVerified: true } },
    });
    const someoneElse = await post('/api/demo/sign-in', { email: 'someone@example.org' });
    expect(someoneElse.statusCode).toBe(404);
  });

  it('also sign in with the demo password and the demo TOTP secret', async () => {
    const first = await post('/api/auth/login', {
      email: 'registrar@demo.medconnect.test',
      password: DEMO_PASSWORD,
    });
    expect(first.json()).toEqual({ status: 'mfa-required' });
    const code = TOTP.generate({ secret: Secret.fromBase32(DEMO_TOTP_SECRET) });
    const done = await app.inject({
      method: 'POST',
      url: '/api/auth/login/totp',
      payload: { code },
      headers: { cookie: `__Host-mc_session=${first.cookies[0]!.value}` },
      remoteAddress: freshIp(),
    });
    expect(done.json()).toMatchObject({ status: 'signed-in', session: { user: { role: 'registrar' } } });
  });

  it('are refused in production', async () => {
    const production = { ...t.platform, config: { ...t.platform.config, env: 'production' as const } };
    await expect(seedDemo(production, () => undefined)).rejects.toThrow(/not available in production/);
  });
});
