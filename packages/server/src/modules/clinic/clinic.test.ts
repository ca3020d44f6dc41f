// The doctor's side over HTTP: the chart opens only with consent and shows only its scope (T03); a
// consultation lands as anchored FHIR entries the patient sees; break-the-glass needs a reason and
// re-authentication, lasts an hour, notifies the patient, is reviewed, and works for doctors only (T05);
// the patient's access log names every access and exports as CSV (T24).
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { auditEvents, consents, emergencyAccesses, mailMessages, patients } from '../../db/schema.ts';
import { systemActor } from '../../repository/actor.ts';
import { createTestUser, freshIp, openTestSession, totpCode, type TestSession, type TestUser } from '../../testing/accounts.ts';
import { observation } from '../../testing/fixtures.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import type { ConsentView } from '../consent/schemas.ts';
import { emergencyAccess } from './index.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let patient: TestUser;
let patientSession: TestSession;
let healthId: string;
let otherHealthId: string;
let doctor: TestUser;
let doctorSession: TestSession;
let registrarSession: TestSession;

async function healthIdOf(user: TestUser) {
  const [row] = await t.platform.db.select({ healthId: patients.healthId }).from(patients).where(eq(patients.id, user.user.patientId!));
  return row!.healthId;
}

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  patient = await createTestUser(t.platform, { role: 'patient', displayName: 'Amara Nwosu' });
  patientSession = await openTestSession(t.platform, patient.user);
  healthId = await healthIdOf(patient);
  otherHealthId = await healthIdOf(await createTestUser(t.platform, { role: 'patient' }));
  doctor = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true, displayName: 'Dr Lena Fischer' });
  doctorSession = await openTestSession(t.platform, doctor.user);
  registrarSession = await openTestSession(t.platform, (await createTestUser(t.platform, { role: 'registrar', totp: true })).user);
  await t.platform.store.create(systemActor('importer', 'import'), patient.user.patientId!, [
    { resource: { resourceType: 'Patient', name: [{ given: ['Amara'], family: 'Nwosu' }], birthDate: '1980-04-02', gender: 'female' }, source: 'clinic' },
    { resource: { resourceType: 'AllergyIntolerance', clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Penicillin' } }, source: 'clinic' },
    { resource: { resourceType: 'Condition', clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Asthma' } }, source: 'clinic' },
    { resource: observation('bp', 130), source: 'clinic' },
  ]);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const send = (method: 'POST' | 'GET', url: string, session: TestSession, payload?: unknown) =>
  app.inject({
    method,
    url,
    remoteAddress: freshIp(),
    headers: { ...session.headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

/** A grant of `scope`, approved by the patient in the app. */
async function grant(scope: string[]): Promise<ConsentView> {
  const asked = await send('POST', '/api/consents', doctorSession, { healthId, purpose: 'consultation', scope, duration: 'visit' });
  expect(asked.statusCode, asked.body).toBe(201);
  const approved = await send('POST', `/api/consents/${asked.json<ConsentView>().id}/approve`, patientSession, {});
  expect(approved.statusCode).toBe(200);
  return approved.json<ConsentView>();
}

async function revokeAll() {
  await t.platform.db.update(consents).set({ status: 'revoked', revokedAt: sql`now()` }).where(eq(consents.status, 'active'));
  await t.platform.db.execute(sql`delete from throttle_events where key like 'consent-request:%'`);
}

type Chart = { patient: { name: string }; access: { basis: string; scope: string[] }; summary: Record<string, { resourceType: string }[]>; timeline: { resourceType: string; author: { name: string; verified: boolean } | null }[] };

describe('the chart', () => {
  it('stays closed without consent, with a message that says what to do', async () => {
    const lookup = await send('GET', `/api/clinic/patients/${healthId}`, doctorSession);
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ access: { basis: 'author', scope: [] }, emergency: null });
    const chart = await send('GET', `/api/clinic/patients/${healthId}/chart`, doctorSession);
    expect(chart.statusCode).toBe(403);
    expect(chart.json<{ detail: string }>().detail).toMatch(/consent/);
    expect(JSON.stringify(lookup.json())).not.toMatch(/Penicillin|Asthma|Amara/);
  });

  it('shows allergies only under an allergies grant (T03), with the patient’s name', async () => {
    await grant(['allergies']);
    const chart = await send('GET', `/api/clinic/patients/${healthId}/chart`, doctorSession);
    expect(chart.statusCode).toBe(200);
    const body = chart.json<Chart>();
    expect(body.patient.name).toBe('Amara Nwosu');
    expect(body.access).toMatchObject({ basis: 'grant', scope: ['allergies'] });
    expect(body.summary.allergies!.map((e) => e.resourceType)).toEqual(['AllergyIntolerance']);
    expect(body.summary.problems).toEqual([]);
    expect(body.timeline.map((e) => e.resourceType)).toEqual(['AllergyIntolerance']);
    expect(chart.body).not.toMatch(/Asthma/);
    await revokeAll();
  });

  it('shows the whole record under a whole-record grant, allergies first', async () => {
    await grant(['all']);
    const body = (await send('GET', `/api/clinic/patients/${healthId}/chart`, doctorSession)).json<Chart>();
    expect(body.summary.allergies).toHaveLength(1);
    expect(body.summary.problems).toHaveLength(1);
    expect(body.timeline.map((e) => e.resourceType).sort()).toEqual(['AllergyIntolerance', 'Condition', 'Observation']);
    expect(Object.keys(body.summary)[0]).toBe('allergies');
    await revokeAll();
  });

  it('answers a bad Health ID with 400 and an unknown one with 404', async () => {
    const bad = healthId.slice(0, -1) + String((Number(healthId.at(-1)) + 1) % 10);
    expect((await send('GET', `/api/clinic/patients/${bad}/chart`, doctorSession)).statusCode).toBe(400);
  });
});

describe('a consultation', () => {
  it('is saved as anchored FHIR entries the patient sees, written by the doctor', async () => {
    await grant(['all']);
    const response = await send('POST', `/api/clinic/patients/${healthId}/consultations`, doctorSession, {
      reason: 'Cough for two weeks',
      symptoms: 'Dry cough, worse at night',
      findings: 'Wheeze on both sides',
      vitals: { systolic: 128, diastolic: 82, heartRate: 88, temperature: 37.4, oxygenSaturation: 96 },
      diagnoses: [{ code: 'J45.909' }],
      notes: 'Step up inhaler',
      followUp: '2026-12-06',
    });
    expect(response.statusCode, response.body).toBe(201);
    const { entries } = response.json<{ entries: { resourceType: string; author: { name: string; verified: boolean }; resource: Record<string, unknown> }[] }>();
    expect(entries.map((e) => e.resourceType).sort()).toEqual(
      ['ClinicalImpression', 'Condition', 'Encounter', ...Array<string>(7).fill('Observation')].sort(),
    );
    expect(entries[0]!.author).toMatchObject({ name: 'Dr Lena Fischer', verified: true });
    const condition = entries.find((e) => e.resourceType === 'Condition')!.resource;
    expect(condition.code).toMatchObject({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J45.909' }] });
    const mine = (await send('GET', '/api/records', patientSession)).json<{ resourceType: string; author: { name: string } | null }[]>();
    expect(mine.filter((e) => e.author?.name === 'Dr Lena Fischer')).toHaveLength(10);
    await drainOutbox(t.platform);
    await revokeAll();
  });

  it.each([
    ['an unknown ICD-10-CM code', { diagnoses: [{ code: 'Z99.999999' }] }, /ICD-10-CM/],
    ['nothing at all', {}, /at least one/],
    ['an impossible temperature', { vitals: { temperature: 80 } }, /temperature/],
    ['an unknown field', { symptoms: 'x', patientId: 'someone' }, /patientId|Unrecognized/i],
  ])('refuses %s and stores nothing', async (_name, body, detail) => {
    await grant(['all']);
    const before = (await send('GET', '/api/records', patientSession)).json<unknown[]>().length;
    const response = await send('POST', `/api/clinic/patients/${healthId}/consultations`, doctorSession, body);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(detail);
    expect((await send('GET', '/api/records', patientSession)).json<unknown[]>()).toHaveLength(before);
    await revokeAll();
  });

  it('is refused once the grant is revoked', async () => {
    const granted = await grant(['all']);
    await send('POST', `/api/consents/${granted.id}/revoke`, patientSession, {});
    const response = await send('POST', `/api/clinic/patients/${healthId}/consultations`, doctorSession, { symptoms: 'x' });
    expect(response.statusCode).toBe(403);
  });
});

describe('break-the-glass (T05)', () => {
  const body = (extra: Record<string, unknown> = {}) => ({ reason: 'Unconscious on arrival, no family present', password: doctor.password, code: totpCode(doctor.totpSecret!), ...extra });

  it('needs a reason, the password and the authenticator code', async () => {
    const url = `/api/clinic/patients/${healthId}/emergency-access`;
    expect((await send('POST', url, doctorSession, body({ reason: 'help' }))).statusCode).toBe(400);
    expect((await send('POST', url, doctorSession, body({ password: 'wrong-password-here' }))).statusCode).toBe(400);
    const withoutCode: Record<string, unknown> = body();
    delete withoutCode.code;
    expect((await send('POST', url, doctorSession, withoutCode)).statusCode).toBe(400);
    expect(await t.platform.db.select().from(emergencyAccesses)).toHaveLength(0);
  });

  it('opens the whole record of one patient for an hour, tells the patient, and queues a review', async () => {
    const started = await send('POST', `/api/clinic/patients/${healthId}/emergency-access`, doctorSession, body());
    expect(started.statusCode, started.body).toBe(201);
    const { id, startedAt, expiresAt } = started.json<{ id: string; startedAt: string; expiresAt: string }>();
    expect(Date.parse(expiresAt) - Date.parse(startedAt)).toBe(60 * 60 * 1000);
    const chart = await send('GET', `/api/clinic/patients/${healthId}/chart`, doctorSession);
    expect(chart.json<Chart>().access.basis).toBe('emergency');
    // Patient B stays closed.
    expect((await send('GET', `/api/clinic/patients/${otherHealthId}/chart`, doctorSession)).statusCode).toBe(403);
    await t.platform.mailer.drain();
    const [mail] = await t.platform.db.select().from(mailMessages).where(eq(mailMessages.to, patient.email)).orderBy(desc(mailMessages.sentAt)).limit(1);
    expect(mail!.subject).toMatch(/emergency/);
    expect(mail!.text).toContain('Unconscious on arrival');
    const reads = await t.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, patient.user.patientId!), eq(auditEvents.actorId, doctor.user.id), eq(auditEvents.purpose, 'emergency')));
    expect(reads.map((e) => e.action)).toEqual(expect.arrayContaining(['emergency-override-started', 'read-record']));
    const queue = (await send('GET', '/api/registry/emergency-accesses', registrarSession)).json<{ accesses: { id: string; reason: string }[] }>();
    expect(queue.accesses.map((a) => a.id)).toContain(id);
  });

  it('ends at the hour: refused a second after, with one stop event', async () => {
    await t.platform.db.update(emergencyAccesses).set({ expiresAt: sql`now() - interval '1 second'` });
    expect((await send('GET', `/api/clinic/patients/${healthId}/chart`, doctorSession)).statusCode).toBe(403);
    const sweeper = emergencyAccess(t.platform);
    expect(await sweeper.endExpired()).toBe(1);
    expect(await sweeper.endExpired()).toBe(0);
    const stops = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.action, 'emergency-override-stopped'));
    expect(stops).toHaveLength(1);
  });

  it('is reviewed once by a registrar', async () => {
    const [row] = await t.platform.db.select().from(emergencyAccesses);
    const url = `/api/registry/emergency-accesses/${row!.id}/review`;
    expect((await send('POST', url, registrarSession, { outcome: 'justified', note: 'Confirmed with the ward' })).statusCode).toBe(204);
    expect((await send('POST', url, registrarSession, { outcome: 'unjustified', note: 'again' })).statusCode).toBe(409);
    expect((await send('POST', url, doctorSession, { outcome: 'justified', note: 'mine' })).statusCode).toBe(403);
    const reviewed = (await send('GET', '/api/registry/emergency-accesses?status=reviewed', registrarSession)).json<{ accesses: { outcome: string }[] }>();
    expect(reviewed.accesses[0]!.outcome).toBe('justified');
  });

  it('is refused to pharmacists, staff and unverified doctors', async () => {
    for (const role of ['pharmacist', 'staff'] as const) {
      const person = await createTestUser(t.platform, { role, totp: true, verified: true });
      const response = await send('POST', `/api/clinic/patients/${healthId}/emergency-access`, await openTestSession(t.platform, person.user), {
        reason: 'Unconscious on arrival, no family present',
        password: person.password,
        code: totpCode(person.totpSecret!),
      });
      expect(response.statusCode).toBe(403);
    }
    const unverified = await createTestUser(t.platform, { role: 'doctor', totp: true });
    const response = await send('POST', `/api/clinic/patients/${healthId}/emergency-access`, await openTestSession(t.platform, unverified.user), {
      reason: 'Unconscious on arrival, no family present',
      password: unverified.password,
      code: totpCode(unverified.totpSecret!),
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the access log', () => {
  it('shows the patient who read, wrote and was granted, with names and purposes', async () => {
    const log = await send('GET', '/api/access-log', patientSession);
    expect(log.statusCode).toBe(200);
    const events = log.json<{ events: { action: string; actor: { name: string; practitionerId: string | null }; purpose: string }[] }>().events;
    const byDoctor = events.filter((e) => e.actor.name === 'Dr Lena Fischer');
    expect(byDoctor.map((e) => e.action)).toEqual(
      expect.arrayContaining(['consent-request', 'read-record', 'create', 'emergency-override-started', 'emergency-override-stopped']),
    );
    expect(byDoctor[0]!.actor.practitionerId).toMatch(/^MC-PR-/);
    expect(events.some((e) => e.action === 'consent-grant' && e.actor.name === 'Amara Nwosu')).toBe(true);
    expect(events.some((e) => e.action === 'read-record' && e.purpose === 'emergency')).toBe(true);
  });

  it('exports as CSV, and the export is logged', async () => {
    const csv = await send('GET', '/api/access-log.csv', patientSession);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^"time \(UTC\)","who"/);
    expect(lines.some((l) => l.includes('"Dr Lena Fischer"') && l.includes('"read-record"'))).toBe(true);
    const log = (await send('GET', '/api/access-log', patientSession)).json<{ events: { action: string; entityType: string }[] }>().events;
    expect(log[0]).toMatchObject({ action: 'export', entityType: 'access-log' });
  });

  it('is only ever the caller’s own, and absent for accounts without a record', async () => {
    const other = await openTestSession(t.platform, (await createTestUser(t.platform, { role: 'patient' })).user);
    const theirs = (await send('GET', '/api/access-log', other)).json<{ events: { actor: { name: string } }[] }>().events;
    expect(theirs.some((e) => e.actor.name === 'Dr Lena Fischer')).toBe(false);
    expect((await send('GET', '/api/access-log', registrarSession)).statusCode).toBe(404);
  });
});

describe('ICD-10-CM search', () => {
  it('finds codes by words and by code', async () => {
    const byWords = (await send('GET', '/api/terminology/icd10?q=asthma', doctorSession)).json<{ results: { code: string }[] }>();
    expect(byWords.results.length).toBeGreaterThan(0);
    const byCode = (await send('GET', '/api/terminology/icd10?q=J45.9&limit=5', doctorSession)).json<{ results: { code: string }[] }>();
    expect(byCode.results.every((r) => r.code.startsWith('J45.9'))).toBe(true);
    expect((await send('GET', '/api/terminology/icd10?limit=500', doctorSession)).statusCode).toBe(400);
  });
});
