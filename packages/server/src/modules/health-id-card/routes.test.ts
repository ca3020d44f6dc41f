// GET /api/account/health-id-card.pdf: the signed-in holder of a Health ID downloads their card;
// nobody else has one to download.
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { patients, users } from '../../db/schema.ts';
import { createTestUser, openTestSession, type TestSession } from '../../testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';
import { CARD_TITLE } from './build-health-id-card.ts';

const url = '/api/account/health-id-card.pdf';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let patient: TestSession;
let patientHealthId: string;
let doctor: TestSession;
let registrar: TestSession;
let admin: TestSession;
let halfSignedIn: TestSession;
let enrolling: TestSession;

beforeAll(async () => {
  t = await openTestPlatform();
  app = await buildApp(t.platform, { logger: false });
  const p = await createTestUser(t.platform, { role: 'patient' });
  const [row] = await t.platform.db.select().from(patients).where(eq(patients.id, p.user.patientId!));
  patientHealthId = row!.healthId;
  patient = await openTestSession(t.platform, p.user);
  doctor = await openTestSession(
    t.platform,
    (await createTestUser(t.platform, { role: 'doctor', totp: true })).user,
  );
  registrar = await openTestSession(
    t.platform,
    (await createTestUser(t.platform, { role: 'registrar', totp: true })).user,
  );
  admin = await openTestSession(
    t.platform,
    (await createTestUser(t.platform, { role: 'admin', totp: true })).user,
  );
  halfSignedIn = await openTestSession(
    t.platform,
    (await createTestUser(t.platform, { role: 'patient', totp: true })).user,
    {
      mfaSatisfied: false,
    },
  );
  enrolling = await openTestSession(t.platform, (await createTestUser(t.platform, { role: 'doctor' })).user);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (session?: TestSession) => app.inject({ url, ...(session ? { headers: session.headers } : {}) });

describe('GET /api/account/health-id-card.pdf', () => {
  it('gives a patient their card as a PDF attachment that is not cached', async () => {
    const response = await get(patient);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="medconnect-health-id-${patientHealthId}.pdf"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const pdf = await PDFDocument.load(response.rawPayload);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(CARD_TITLE);
  });

  it('gives a doctor who is also a patient their card', async () => {
    const response = await get(doctor);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="medconnect-health-id-\d{14}\.pdf"$/,
    );
  });

  it('refuses the signed-out, the half-signed-in and a doctor who has not set up two-step sign-in', async () => {
    const response = await get();
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await get(halfSignedIn)).statusCode).toBe(401);
    expect((await get(enrolling)).statusCode).toBe(403);
  });

  it('answers 404 to a registrar or an administrator, who have no Health ID', async () => {
    for (const session of [registrar, admin]) {
      const response = await get(session);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, detail: 'Your account has no Health ID' });
    }
  });

  it('makes a card for a name in a script the PDF fonts lack', async () => {
    const p = await createTestUser(t.platform, { role: 'patient' });
    const [renamed] = await t.platform.db
      .update(users)
      .set({ displayName: '山田 太郎 Ηλίας' })
      .where(eq(users.id, p.user.id))
      .returning();
    const response = await get(await openTestSession(t.platform, renamed!));
    expect(response.statusCode).toBe(200);
    expect((await PDFDocument.load(response.rawPayload)).getPageCount()).toBe(1);
  });
});
