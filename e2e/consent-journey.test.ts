// Browser journey in real Chromium: a verified doctor finds a patient by Health ID and asks for access;
// the patient's code arrives by mail and the doctor enters it, reads the chart (allergies first) and
// records a consultation with an ICD-10-CM diagnosis picked from the search. The patient finds the visit
// in My record with its proof on chain, sees the doctor's read in the access log, and revokes: the
// doctor's next attempt to open the chart is refused. axe checks every page on the way.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { desc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { mailMessages, patients } from '../packages/server/src/db/schema.ts';
import { importBundle } from '../packages/server/src/modules/records/import-bundle.ts';
import { SESSION_COOKIE } from '../packages/server/src/plugins/auth.ts';
import { systemActor } from '../packages/server/src/repository/actor.ts';
import { createTestUser, openTestSession, totpCode, type TestUser } from '../packages/server/src/testing/accounts.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../packages/server/src/testing/test-platform.ts';
import { ensureWebBuilt, expectNoAxeViolations, haveChromium, launchChromium } from './browser.ts';

const bundleFile = 'clemente-kreiger.json';
const bundle: unknown = JSON.parse(
  readFileSync(fileURLToPath(new URL(`../packages/server/src/demo/synthea/${bundleFile}`, import.meta.url)), 'utf8'),
);
const doctorName = 'Dr Ada Okafor';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;
let patient: TestUser;
let doctor: TestUser;
let healthId: string;
const tokens = { patient: '', doctor: '', registrar: '' };

/** A browser context already signed in (the sign-in route is rate limited). */
async function signedIn(who: keyof typeof tokens, options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: SESSION_COOKIE, value: tokens[who], domain: new URL(baseUrl).hostname, path: '/', secure: true }]);
  return context;
}

const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** The code in the newest mail to the patient. */
async function latestCode(): Promise<string> {
  await t.platform.mailer.drain();
  const [mail] = await t.platform.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.to, patient.email))
    .orderBy(desc(mailMessages.sentAt))
    .limit(1);
  const code = /\n {4}(\d{6})\n/.exec(mail?.text ?? '')?.[1];
  if (!code) throw new Error('no code in the mail to the patient');
  return code;
}

/** Waits for the toasts of earlier actions to close, so axe looks at the page rather than a toast sliding away. */
async function toastsGone(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
}

/** Checks the page with axe once any toast is dismissed. */
async function checkPage(page: Page): Promise<void> {
  await toastsGone(page);
  await expectNoAxeViolations(page);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.skipIf(!haveChromium)('consent journey', () => {
  let doctorContext: BrowserContext;
  let doctorPage: Page;
  let patientContext: BrowserContext;
  let patientPage: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await openTestPlatform({ startRelayer: true });
    app = await buildApp(t.platform, { logger: false });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    patient = await createTestUser(t.platform, { role: 'patient', displayName: 'Clemente Kreiger' });
    const patientId = patient.user.patientId!;
    await importBundle(t.platform.store, systemActor('importer', 'import'), patientId, bundle, `demo:synthea/${bundleFile}`);
    await t.platform.store.create(systemActor('importer', 'import'), patientId, [
      { resource: { resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' }, criticality: 'high' }, source: 'clinic' },
    ]);
    await drainOutbox(t.platform);
    const [row] = await t.platform.db.select({ healthId: patients.healthId }).from(patients).where(eq(patients.id, patientId));
    healthId = row!.healthId;
    doctor = await createTestUser(t.platform, { role: 'doctor', totp: true, verified: true, displayName: doctorName });
    const registrar = await createTestUser(t.platform, { role: 'registrar', totp: true });
    tokens.registrar = (await openTestSession(t.platform, registrar.user)).token;
    tokens.patient = (await openTestSession(t.platform, patient.user)).token;
    tokens.doctor = (await openTestSession(t.platform, doctor.user)).token;
    browser = await launchChromium();
    doctorContext = await signedIn('doctor', desktop);
    doctorPage = await doctorContext.newPage();
    patientContext = await signedIn('patient', desktop);
    patientPage = await patientContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it('the doctor finds the patient by Health ID and asks for access; the patient sees the request', async () => {
    const page = doctorPage;
    await page.goto(`${baseUrl}/home`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
    await page.getByLabel(/^Health ID/).fill('12345678901234');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText(/does not check out/).waitFor();
    await page.getByLabel(/^Health ID/).fill(healthId);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('No access', { exact: true }).waitFor();
    await checkPage(page);

    await page.getByLabel('Purpose').selectOption('consultation');
    await page.getByRole('button', { name: 'Ask for access' }).click();
    await page.getByRole('heading', { name: 'Ask the patient for the 6-digit code we sent them' }).waitFor();
    await page.getByText(/The code expires in \d+:\d\d/).waitFor();
    await checkPage(page);

    await patientPage.goto(`${baseUrl}/consents`);
    const waiting = patientPage.getByRole('region', { name: 'Waiting for your answer' });
    await waiting.getByRole('heading', { name: doctorName }).waitFor();
    await waiting.getByText('Verified doctor').waitFor();
    await checkPage(patientPage);
  });

  it('a wrong code says so; the right one opens the chart, allergies first', async () => {
    const page = doctorPage;
    const code = await latestCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel(/Code from the patient/).fill(wrong);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/tries? left/i).waitFor();

    await page.getByLabel(/Code from the patient/).fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(`**/clinic/patients/${healthId}`);
    await page.getByRole('heading', { level: 2, name: 'Allergies' }).waitFor();
    await page.getByText('Reading with the patient’s consent').waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.indexOf('Allergies')).toBe(0);
    await page.getByRole('region', { name: 'Allergies' }).getByText('Penicillin').waitFor();
    await page.getByRole('list', { name: 'Chart entries' }).getByRole('listitem').first().waitFor();
    await checkPage(page);
  });

  it('the doctor records a consultation with an ICD-10-CM diagnosis from the search', async () => {
    const page = doctorPage;
    await page.getByRole('button', { name: 'Record consultation' }).click();
    const form = page.getByRole('form', { name: 'Record consultation' });
    await form.getByLabel('Symptoms').fill('Sore throat and fever for three days');
    await form.getByLabel(/Temperature/).fill('38.4');
    await form.getByLabel(/Heart rate/).fill('92');
    const search = form.getByRole('combobox', { name: /Diagnoses/ });
    await search.fill('J06.9');
    await page.getByRole('option', { name: /^J06\.9/ }).waitFor();
    await checkPage(page);
    await search.press('Enter');
    await form.getByRole('list', { name: 'Chosen diagnoses' }).getByText(/^J06\.9 — /).waitFor();
    await form.getByLabel('Notes').fill('Viral; fluids and rest.');
    await form.getByRole('button', { name: 'Save consultation' }).click();
    await page.getByText('Consultation recorded').waitFor();
    await checkPage(page);
    await page.getByRole('list', { name: 'Chart entries' }).getByText(/J06\.9|upper respiratory/i).first().waitFor();

    const small = await signedIn('doctor', phone);
    const onPhone = await small.newPage();
    await onPhone.goto(`${baseUrl}/clinic/patients/${healthId}`);
    await onPhone.getByRole('region', { name: 'Allergies' }).getByText('Penicillin').waitFor();
    await onPhone.getByRole('button', { name: 'Record consultation' }).click();
    await onPhone.getByRole('form', { name: 'Record consultation' }).waitFor();
    await expectNoSidewaysScroll(onPhone);
    await checkPage(onPhone);
    await small.close();
  });

  it('the patient finds the visit in My record with its proof on chain, and the read in the access log', async () => {
    await drainOutbox(t.platform);
    const page = patientPage;
    await page.goto(`${baseUrl}/record`);
    await page.getByLabel('Kind').selectOption('encounter');
    const visit = page
      .getByRole('list', { name: 'Record entries' })
      .getByRole('listitem')
      .filter({ hasText: `Written by ${doctorName}` })
      .first();
    await page.getByText(/^Showing \d+ of \d+/).waitFor();
    await visit.waitFor();
    await visit.getByText('Verified', { exact: true }).waitFor();
    await checkPage(page);
    await visit.getByRole('link').click();
    await page.getByText('One version').waitFor();
    await page.getByText(new RegExp(`written by ${doctorName} on`)).waitFor();
    await page.getByText('Verified', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Verified on chain' }).click();
    await page.getByText(/Anchored on chain — verified/).waitFor();
    await checkPage(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Access log' }).waitFor();
    const rows = page.getByRole('table', { name: /Access events/ }).getByRole('row').filter({ hasText: doctorName });
    await rows.filter({ hasText: /^.*Read/ }).first().waitFor();
    await rows.filter({ hasText: 'Access granted' }).first().waitFor();
    await expect(page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).resolves.toBe('/api/access-log.csv');
    await page.getByLabel('Show').selectOption('consent');
    await page.getByText(/^Showing \d+ of \d+ events?$/).waitFor();
    await checkPage(page);
  });

  it('the patient revokes; the doctor is refused with a clear message', async () => {
    const page = patientPage;
    await page.goto(`${baseUrl}/consents`);
    const active = page.getByRole('region', { name: 'Who can read your record' });
    await active.getByRole('heading', { name: doctorName }).waitFor();
    await active.getByText('Grant:').waitFor();
    await checkPage(page);
    await active.getByRole('button', { name: `Revoke access for ${doctorName}` }).click();
    await page.getByText('Access revoked').waitFor();
    await checkPage(page);
    const past = page.getByRole('region', { name: 'Past consents' });
    await past.getByRole('heading', { name: doctorName }).waitFor();
    await past.getByText('Revoked', { exact: true }).waitFor();

    await doctorPage.goto(`${baseUrl}/clinic/patients/${healthId}`);
    await doctorPage.getByRole('heading', { level: 1, name: 'You do not have access to this record' }).waitFor();
    await doctorPage.getByRole('link', { name: 'Ask for access' }).waitFor();
    await checkPage(doctorPage);

    await doctorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests' }).click();
    await doctorPage.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    await doctorPage.getByText('Revoked', { exact: true }).first().waitFor();
    await checkPage(doctorPage);
  });

  it('the doctor breaks the glass, ends it, and a registrar reviews it', async () => {
    const page = doctorPage;
    await page.goto(`${baseUrl}/clinic?healthId=${healthId}`);
    await page.getByRole('button', { name: 'Use emergency access…' }).click();
    const form = page.getByRole('form', { name: 'Emergency access' });
    await form.getByRole('button', { name: 'Start emergency access' }).click();
    await form.getByText(/at least 10 characters/).waitFor();
    await form.getByLabel(/^Reason/).fill('Unconscious after a road accident; allergies needed before surgery.');
    await form.getByLabel(/Your password/).fill(doctor.password);
    await form.getByLabel(/Authenticator code/).fill(totpCode(doctor.totpSecret!));
    await checkPage(page);
    await form.getByRole('button', { name: 'Start emergency access' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start emergency access?' });
    await dialog.getByText(/patient will be notified/).waitFor();
    await dialog.getByRole('button', { name: 'Start emergency access' }).click();
    await page.waitForURL(`**/clinic/patients/${healthId}`);
    await page.getByText(/^Emergency access until \d/).waitFor();
    await page.getByRole('region', { name: 'Allergies' }).getByText('Penicillin').waitFor();
    await checkPage(page);
    await page.getByRole('button', { name: 'End emergency access' }).click();
    await page.getByText('Emergency access ended.').waitFor();
    await page.getByText('No access', { exact: true }).waitFor();

    const registrarContext = await signedIn('registrar', desktop);
    const registry = await registrarContext.newPage();
    await registry.goto(`${baseUrl}/registry`);
    const reviews = registry.getByRole('region', { name: 'Emergency access reviews' });
    await reviews.getByText(/road accident/).waitFor();
    await checkPage(registry);
    await reviews.getByRole('button', { name: `Review emergency access by ${doctorName}` }).click();
    const review = registry.getByRole('dialog');
    await review.getByRole('radio', { name: 'Justified', exact: true }).check();
    await review.getByLabel(/^Note/).fill('Confirmed with the emergency department.');
    await review.getByRole('button', { name: 'Save verdict' }).click();
    await registry.getByText(/was marked justified/).waitFor();
    await reviews.getByText('No emergency access is waiting for review.').waitFor();
    await registrarContext.close();
  });

  it('the consents page works at phone width', async () => {
    const context = await signedIn('patient', phone);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/consents`);
    await page.getByRole('region', { name: 'Past consents' }).getByRole('heading', { name: doctorName }).waitFor();
    await expectNoSidewaysScroll(page);
    await checkPage(page);
    await page.goto(`${baseUrl}/access-log`);
    await page.getByRole('list', { name: /Access events/ }).waitFor();
    await expectNoSidewaysScroll(page);
    await checkPage(page);
    await context.close();
  });
});
