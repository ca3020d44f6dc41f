// Desk registration over HTTP: a verified doctor or staff member registers a patient without an
// account (Health ID, data key, custodial key, sealed contact, Patient resource); others are refused;
// a likely second registration of the same person is flagged until confirmed. The patient then
// confirms the doctor's consent request with the code that arrives by text, and the grant is signed.
import { and, desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import {
  auditEvents,
  chainCalls,
  patients,
  professionalProfiles,
  smsMessages,
  users,
} from '../../db/schema.ts';
import { systemActor } from '../../repository/actor.ts';
import { createTestUser, freshIp, openTestSession, type TestSession } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { ConsentView } from '../consent/schemas.ts';
import { openContact } from './contact.ts';
import { ESTIMATED_BIRTH_DATE } from './patient-resource.ts';
import type { DeskRegistration } from './schemas.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let doctorSession: TestSession;
let staffSession: TestSession;

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  const doctor = await createTestUser(t.platform, {
    role: 'doctor',
    totp: true,
    verified: true,
    displayName: 'Dr Ada Okafor',
  });
  doctorSession = await openTestSession(t.platform, doctor.user);
  const staff = await createTestUser(t.platform, { role: 'staff', totp: true, verified: true });
  staffSession = await openTestSession(t.platform, staff.user);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const post = (url: string, session: TestSession | undefined, payload: unknown) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...session?.headers, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
    remoteAddress: freshIp(),
  });

let phoneSeq = 0;
/** A registration with a phone number of its own, so tests do not flag each other as duplicates. */
const person = (extra: Record<string, unknown> = {}) => ({
  name: { given: 'Sita', family: 'Devi' },
  birthDate: '1961-04-12',
  sex: 'female',
  phone: `+91 98765 ${String(43000 + ++phoneSeq)}`,
  ...extra,
});

describe('registering a patient at the desk', () => {
  it('gives a verified doctor a Health ID at once, with an unclaimed account and a Patient resource', async () => {
    const input = person({ email: 'Sita.Devi@example.org' });
    const response = await post('/api/desk/patients', doctorSession, input);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<DeskRegistration>();
    expect(body).toMatchObject({
      name: 'Sita Devi',
      birthDate: '1961-04-12',
      birthDateEstimated: false,
      duplicateOf: null,
    });
    expect(body.healthId).toMatch(/^\d{2}-\d{4}-\d{4}-\d{4}$/);
    expect(Object.keys(body).sort()).toEqual([
      'birthDate',
      'birthDateEstimated',
      'duplicateOf',
      'healthId',
      'name',
      'patientId',
    ]);

    const [account] = await t.platform.db.select().from(users).where(eq(users.patientId, body.patientId));
    expect(account).toMatchObject({
      role: 'patient',
      status: 'unclaimed',
      passwordHash: null,
      emailVerifiedAt: null,
      displayName: 'Sita Devi',
    });
    expect(account!.email).toMatch(/^unclaimed\+[0-9a-f-]{36}@patients\.medconnect\.invalid$/);
    const [patient] = await t.platform.db.select().from(patients).where(eq(patients.id, body.patientId));
    expect(patient!.registeredBy).toBeTruthy();
    expect(patient!.lookupHash).toMatch(/^[0-9a-f]{64}$/);
    // The contact is sealed: the phone is not in the row as text, and opens to the normalised form.
    expect(Buffer.from(patient!.contact!).toString('latin1')).not.toContain('98765');
    expect(openContact(t.platform.sealer, body.patientId, patient!.contact!)).toEqual({
      phone: input.phone.replace(/ /g, ''),
      email: 'sita.devi@example.org',
    });

    const [resource] = await t.platform.store.listForPatient(
      { id: account!.id, role: 'patient', patientId: body.patientId, purpose: 'test' },
      body.patientId,
      {},
    );
    expect(resource!.resource).toMatchObject({
      resourceType: 'Patient',
      gender: 'female',
      birthDate: '1961-04-12',
      name: [{ given: ['Sita'], family: 'Devi' }],
    });
    expect(resource!.authorId).toBe('system:desk-registration');
    const audited = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, body.patientId), eq(auditEvents.action, 'patient-register')));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorRole).toBe('doctor');
  });

  it('takes an age instead of a date of birth and records the year as estimated; staff may register too', async () => {
    const response = await post(
      '/api/desk/patients',
      staffSession,
      person({ birthDate: undefined, age: 70, sex: 'male' }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<DeskRegistration>();
    expect(body).toMatchObject({
      birthDate: String(new Date().getUTCFullYear() - 70),
      birthDateEstimated: true,
    });
    const [account] = await t.platform.db.select().from(users).where(eq(users.patientId, body.patientId));
    const [resource] = await t.platform.store.listForPatient(
      { id: account!.id, role: 'patient', patientId: body.patientId, purpose: 'test' },
      body.patientId,
      {},
    );
    expect(resource!.resource).toMatchObject({
      _birthDate: { extension: [{ url: ESTIMATED_BIRTH_DATE, valueBoolean: true }] },
    });
  });

  it.each([
    ['neither a date of birth nor an age', { birthDate: undefined }, /birthDate: give the date of birth/],
    ['both a date of birth and an age', { age: 40 }, /age: give either/],
    [
      'a phone without a country code',
      { phone: '98765 43210' },
      /phone: must be a phone number with its country code/,
    ],
    ['a date that does not exist', { birthDate: '1990-02-30' }, /not a real date/],
    ['a date in the future', { birthDate: '2999-01-01' }, /cannot be in the future/],
    ['an unknown sex', { sex: 'x' }, /sex/],
    ['an extra field', { nationalId: '123' }, /Unrecognized|nationalId/i],
  ])('refuses %s with a clear message', async (_name, change, detail) => {
    const response = await post('/api/desk/patients', doctorSession, person(change));
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(detail);
  });

  it('refuses unverified and suspended clinicians, patients and registrars', async () => {
    const unverified = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const refused = await post(
      '/api/desk/patients',
      await openTestSession(t.platform, unverified.user),
      person(),
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toMatch(/not been verified/);
    const suspended = await createTestUser(t.platform, { role: 'staff', totp: true, verified: true });
    await t.platform.db
      .update(professionalProfiles)
      .set({ status: 'suspended' })
      .where(eq(professionalProfiles.userId, suspended.user.id));
    const stopped = await post(
      '/api/desk/patients',
      await openTestSession(t.platform, suspended.user),
      person(),
    );
    expect(stopped.statusCode).toBe(403);
    expect(stopped.json<{ detail: string }>().detail).toMatch(/suspended/);
    for (const role of ['patient', 'registrar'] as const) {
      const someone = await createTestUser(t.platform, { role, totp: role === 'registrar' });
      const answer = await post(
        '/api/desk/patients',
        await openTestSession(t.platform, someone.user),
        person(),
      );
      expect(answer.statusCode, role).toBe(403);
      expect(answer.json<{ detail: string }>().detail).toMatch(/Only doctors and clinic staff/);
    }
    expect((await post('/api/desk/patients', undefined, person())).statusCode).toBe(401);
  });

  it('flags a likely duplicate (same phone and date of birth) with only the last digits, then registers it when confirmed', async () => {
    const first = person();
    const created = (await post('/api/desk/patients', doctorSession, first)).json<DeskRegistration>();
    const before = (await t.platform.db.select().from(patients)).length;
    const again = await post('/api/desk/patients', staffSession, {
      ...first,
      name: { given: 'Sita', family: 'Kumari' },
      phone: first.phone.replace(/ /g, '-'),
    });
    expect(again.statusCode).toBe(409);
    const problem = again.json<{ detail: string; errors: { path: string; message: string }[] }>();
    const masked = `••-••••-••••-${created.healthId.slice(-4)}`;
    expect(problem.detail).toContain(masked);
    expect(problem.detail).not.toContain(created.healthId);
    expect(problem.detail).not.toContain('Sita');
    expect(problem.errors).toEqual([{ path: 'duplicateOf', message: masked }]);
    expect((await t.platform.db.select().from(patients)).length).toBe(before);

    const confirmed = await post('/api/desk/patients', staffSession, { ...first, confirmDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json<DeskRegistration>().duplicateOf).toBe(masked);
    expect(confirmed.json<DeskRegistration>().healthId).not.toBe(created.healthId);
  });
});

describe('consent for a patient registered at the desk', () => {
  it('sends the code by text to the registered phone; the doctor confirms it and the grant is signed', async () => {
    const registered = (await post('/api/desk/patients', doctorSession, person())).json<DeskRegistration>();
    const [{ contact } = { contact: null }] = await t.platform.db
      .select({ contact: patients.contact })
      .from(patients)
      .where(eq(patients.id, registered.patientId));
    const phone = openContact(t.platform.sealer, registered.patientId, contact!).phone;
    await t.platform.store.create(systemActor('importer', 'import'), registered.patientId, [
      { resource: { resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } }, source: 'clinic' },
    ]);
    const asked = await post('/api/consents', doctorSession, {
      healthId: registered.healthId,
      purpose: 'treatment',
      scope: ['allergies'],
      duration: 'visit',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const request = asked.json<ConsentView>();

    await t.platform.sms.drain();
    const [text] = await t.platform.db
      .select()
      .from(smsMessages)
      .where(eq(smsMessages.to, phone))
      .orderBy(desc(smsMessages.sentAt))
      .limit(1);
    expect(text!.text).toMatch(
      /^MedConnect: Dr Ada Okafor asks to see your record for treatment\. Code \d{6}, valid 10 min\. Never share it by phone\.$/,
    );
    const code = /Code (\d{6})/.exec(text!.text)![1]!;
    const listed = (await app.inject({ url: '/api/dev/sms', remoteAddress: freshIp() })).json<
      { to: string; text: string }[]
    >();
    expect(listed[0]).toMatchObject({ to: phone, text: text!.text });

    const confirmed = await post(`/api/consents/${request.id}/confirm`, doctorSession, { code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<ConsentView>()).toMatchObject({ state: 'active', grantedVia: 'otp' });
    const calls = await t.platform.db
      .select()
      .from(chainCalls)
      .where(like(chainCalls.idempotencyKey, `consent-grant:${request.id}`));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.functionName).toMatch(/grant/i);
  });
});
