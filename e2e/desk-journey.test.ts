// Browser journey in real Chromium for a patient without an account: a verified doctor registers them
// at the desk (the duplicate warning included), gets the Health ID and the card to print, and the
// patient later takes the account over on /claim with the code sent to their phone, read from the
// development SMS page. Every page shown passes axe-core, and the desk form fits a phone's width.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { SESSION_COOKIE } from '../packages/server/src/plugins/auth.ts';
import { createTestUser, openTestSession } from '../packages/server/src/testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../packages/server/src/testing/test-platform.ts';
import { expectNoAxeViolations, haveChromium, launchChromium } from './browser.ts';

const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;
let webDist: string;
let doctorToken: string;

async function doctorContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([
    { name: SESSION_COOKIE, value: doctorToken, domain: new URL(baseUrl).hostname, path: '/', secure: true },
  ]);
  return context;
}

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

async function fillPatient(page: Page, phoneNumber: string) {
  await page.getByLabel('Given name').fill('Lakshmi');
  await page.getByLabel('Family name').fill('Narayan');
  await page.getByLabel(/^Date of birth/).fill('1958-02-17');
  await page.getByLabel('Phone number').fill(phoneNumber);
}

describe.skipIf(!haveChromium)('a patient without an account, in the browser', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    // The current web app, built apart from packages/web/dist so a parallel test is not disturbed.
    webDist = mkdtempSync(join(tmpdir(), 'medconnect-web-'));
    const web = fileURLToPath(new URL('../packages/web', import.meta.url));
    const build = spawnSync('npx', ['vite', 'build', '--outDir', webDist, '--emptyOutDir'], {
      cwd: web,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`web build failed: ${build.stderr}`);
    t = await openTestPlatform();
    app = await buildApp(t.platform, { logger: false, webDist });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = baseUrl.replace('127.0.0.1', 'localhost');
    const doctor = await createTestUser(t.platform, {
      role: 'doctor',
      totp: true,
      verified: true,
      displayName: 'Dr Ravi Menon',
    });
    doctorToken = (await openTestSession(t.platform, doctor.user)).token;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  it('a doctor registers a patient, is warned about a likely duplicate, and the patient claims the account', async () => {
    const context = await doctorContext(desktop);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/home`);
    await page.getByRole('link', { name: 'Register a patient' }).first().click();
    await heading(page, 'Register a patient');
    await expectNoAxeViolations(page, 'the desk registration form');

    await fillPatient(page, '+91 98470 12345');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.getByText('Lakshmi Narayan is registered').waitFor();
    const healthId = (await page.locator('.app-health-card-number').textContent())!.trim();
    expect(healthId).toMatch(/^\d{2}-\d{4}-\d{4}-\d{4}$/);
    await page.getByRole('button', { name: 'Print card' }).waitFor();
    const ask = page.getByRole('link', { name: 'Ask for consent' });
    expect(await ask.getAttribute('href')).toBe(`/clinic?healthId=${healthId.replace(/-/g, '')}`);
    await expectNoAxeViolations(page, 'the registered patient and card');

    await page.getByRole('button', { name: 'Register another patient' }).click();
    await fillPatient(page, '0091-98470-12345');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.getByText('This patient may already be registered').waitFor();
    await page
      .getByText(`••-••••-••••-${healthId.slice(-4)}`)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'the duplicate warning');
    await page.getByRole('button', { name: 'This is a different person — register anyway' }).click();
    await page.getByText('Lakshmi Narayan is registered').waitFor();
    await context.close();

    const visitor = await browser.newPage(desktop);
    await visitor.goto(`${baseUrl}/sign-in`);
    await visitor.getByRole('link', { name: 'Take over your account' }).click();
    await heading(visitor, 'Take over your account');
    await expectNoAxeViolations(visitor, 'the claim page');
    await visitor.getByLabel('Health ID').fill(healthId);
    await visitor.getByLabel('Phone number or email address').fill('+91 98470 12345');
    await visitor.getByRole('button', { name: 'Send me a code' }).click();
    await visitor.getByLabel('Code').waitFor();

    const sms = await browser.newPage(desktop);
    await sms.goto(`${baseUrl}/home`);
    await sms.getByRole('link', { name: 'Development SMS' }).click();
    await heading(sms, 'Development SMS');
    const text = sms.getByText(/code to take over your account is \d{6}/).first();
    await text.waitFor();
    await expectNoAxeViolations(sms, 'the development SMS page');
    const code = /is (\d{6})/.exec((await text.textContent())!)![1]!;

    await visitor.getByLabel('Code').fill(code);
    await visitor.getByLabel('Your email address').fill('lakshmi.narayan@example.org');
    await visitor.getByLabel('Choose a password').fill('saffron river lamp 1958');
    await visitor.getByLabel('Type it again').fill('saffron river lamp 1958');
    await visitor.getByRole('button', { name: 'Take over my account' }).click();
    await heading(visitor, 'Your account is yours');
    await visitor.getByText(/Check your email to confirm your address/).waitFor();
    await expectNoAxeViolations(visitor, 'the claimed account');
  });

  it('the desk form fits a phone screen', async () => {
    const context = await doctorContext(phone);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/desk/register`);
    await heading(page, 'Register a patient');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'the desk form on a phone');
    await context.close();
  });
});
