// Browser journeys for accounts in real Chromium, against a real server with the development
// mailbox: a patient signs up, verifies by the emailed link, turns on two-factor authentication and
// signs in again with a code; a doctor signs up on a phone-sized screen, is sent to MFA setup and
// sees their registration pending; someone resets a forgotten password from the emailed link; a
// patient links a browser wallet (Sign-In with Ethereum) and signs in with it.
// Every account page shown is checked with axe-core.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { openTestPlatform, type TestPlatform } from '../packages/server/src/testing/test-platform.ts';
import { expectNoAxeViolations, haveChromium, launchChromium } from './browser.ts';


const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;
let webDist: string;


async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A free port, so PUBLIC_URL (used in mailed links) can name the port before the server listens. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function uniqueEmail(who: string): string {
  return `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/**
 * Opens the development mailbox from the link in the page footer (shown only when the server has
 * one), opens the newest mail to `email` and follows its link to `path`.
 */
async function followMailedLink(page: Page, email: string, path: string): Promise<string> {
  await page.getByRole('contentinfo').getByRole('link', { name: 'Development mailbox' }).click();
  await heading(page, 'Development mailbox');
  const item = page.getByRole('listitem').filter({ hasText: email }).first();
  await item.waitFor();
  await expectNoAxeViolations(page, 'the development mailbox');
  await item.getByRole('link').click();
  const link = page
    .getByRole('region', { name: 'Links in this message' })
    .getByRole('link', { name: new RegExp(path) });
  await link.first().waitFor();
  await expectNoAxeViolations(page, 'a mailbox message');
  const href = (await link.first().getAttribute('href')) ?? '';
  await link.first().click();
  return href;
}

/** A password field by its label; the show-password toggle beside it is labelled too, but is no input. */
function passwordInput(page: Page, label: string) {
  return page.getByLabel(label).and(page.locator('input'));
}

async function register(page: Page, values: { name: string; email: string; password: string }) {
  await page.getByLabel('Full name').fill(values.name);
  await page.getByLabel('Email address').fill(values.email);
  await passwordInput(page, 'Password').fill(values.password);
}

/**
 * Presses a sign-in step's button. Every journey signs in from 127.0.0.1, and the server allows five
 * sign-in steps a minute per address; when a step is refused with 429, the page must say how long to
 * wait, and the journey waits that long and presses again, as a person would.
 */
async function submitSignInStep(page: Page, button: string) {
  for (;;) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/auth\/login/.test(r.url())),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    if (response.status() !== 429) return;
    await page
      .getByText(/Too many attempts, try again in \d+ seconds?\./)
      .first()
      .waitFor();
    const seconds = Number(response.headers()['retry-after'] ?? '60');
    await page.waitForTimeout((seconds + 1) * 1000);
  }
}

async function signIn(page: Page, email: string, password: string) {
  await heading(page, 'Sign in');
  await page.getByLabel('Email address').fill(email);
  await passwordInput(page, 'Password').fill(password);
  await submitSignInStep(page, 'Sign in');
}

/** The current TOTP for `secret`, waiting for the next 30-second step if `notCode` is still current. */
async function totpCode(secret: string, notCode?: string): Promise<string> {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  for (;;) {
    const code = totp.generate();
    if (code !== notCode) return code;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** On an authenticator setup screen: reads the setup key, confirms a code, saves the recovery codes. */
async function enrolAuthenticator(
  page: Page,
  where: string,
): Promise<{ secret: string; usedCode: string; recoveryCodes: string[] }> {
  await page.getByRole('img', { name: /QR code/ }).waitFor();
  const secret = (
    (await page
      .getByRole('group', { name: /Cannot scan it/ })
      .locator('code')
      .textContent()) ?? ''
  ).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await expectNoAxeViolations(page, `${where}, authenticator setup`);
  const usedCode = await totpCode(secret);
  await page.getByLabel('6-digit code').fill(usedCode);
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await codes.first().waitFor();
  const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  expect(recoveryCodes).toHaveLength(10);
  await expectNoAxeViolations(page, `${where}, recovery codes`);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  return { secret, usedCode, recoveryCodes };
}

// Sign-in steps may have to wait out the per-address rate limit (up to a minute).
describe.skipIf(!haveChromium)('account journeys in the browser', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    // The current web app, built apart from packages/web/dist so a parallel test is not disturbed.
    webDist = mkdtempSync(join(tmpdir(), 'medconnect-web-'));
    const web = fileURLToPath(new URL('../packages/web', import.meta.url));
    const build = spawnSync('npx', ['vite', 'build', '--outDir', webDist, '--emptyOutDir'], {
      cwd: web,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`web build failed: ${build.stderr}`);

    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    t = await openTestPlatform({ env: { PUBLIC_URL: baseUrl } });
    app = await buildApp(t.platform, { logger: false, webDist });
    await app.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  it('a patient signs up, verifies by email, turns on two-factor authentication and signs in with a code', async () => {
    const page = await browser.newPage(desktop);
    const email = uniqueEmail('amara');
    const password = 'copper kettle orchard lantern';

    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Create account' }).first().click();
    await heading(page, 'Create your account');
    await expectNoAxeViolations(page, 'the registration page');
    await register(page, { name: 'Amara Okafor', email, password: 'short' });
    await page.getByText('Use at least 12 characters.').waitFor();
    await register(page, { name: 'Amara Okafor', email, password });
    await page.getByText('Meets the password rules').waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Check your email');
    await expectNoAxeViolations(page, 'the check-your-email page');

    await followMailedLink(page, email, '/verify-email');
    await page.getByText('Your email address is verified').waitFor();
    await expectNoAxeViolations(page, 'the email-verified page');
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();

    await expectNoAxeViolations(page, 'the sign-in page');
    await signIn(page, email, password);
    await heading(page, 'Welcome, Amara');
    await page.waitForURL(`${baseUrl}/home`);
    await expect(page.getByText('MedConnect Health ID').count()).resolves.toBe(1);
    await expect(page.locator('.app-health-card-number').textContent()).resolves.toMatch(
      /^\d{2}-\d{4}-\d{4}-\d{4}$/,
    );
    await expectNoAxeViolations(page, 'the patient home page');

    await page.getByRole('button', { name: /Amara Okafor/ }).click();
    await page.getByRole('menuitem', { name: 'Account settings' }).click();
    await heading(page, 'Account settings');
    await expectNoAxeViolations(page, 'account settings, profile');
    for (const tab of ['Password', 'Email', 'Wallet']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: tab }).waitFor();
      await expectNoAxeViolations(page, `account settings, ${tab.toLowerCase()}`);
    }
    await expect(page.getByText('No browser wallet found').count()).resolves.toBe(1);

    await page.getByRole('tab', { name: 'Two-factor authentication' }).click();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const { secret, usedCode } = await enrolAuthenticator(page, 'account settings');
    await page.getByText('Two-factor authentication is on').first().waitFor();

    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByText('This device').waitFor();
    await expectNoAxeViolations(page, 'account settings, sessions');

    await page.getByRole('button', { name: /Amara Okafor/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    expect(new URL(page.url()).search, 'a deliberate sign-out does not come back to the page left').toBe('');
    await expect(page.getByRole('link', { name: 'Create account' }).count()).resolves.toBeGreaterThan(0);

    await signIn(page, email, password);
    await heading(page, 'Two-factor authentication');
    await expectNoAxeViolations(page, 'the two-factor sign-in step');
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await submitSignInStep(page, 'Verify and sign in');
    await page.getByRole('alert').filter({ hasText: 'That code is not right.' }).waitFor();
    await page.getByLabel('Code from your authenticator app').fill(await totpCode(secret, usedCode));
    await submitSignInStep(page, 'Verify and sign in');
    await heading(page, 'Welcome, Amara');
    await page.close();
  });

  it('a doctor signs up on a phone, is sent to set up two-factor authentication, then sees the registration pending', async () => {
    const page = await browser.newPage(phone);
    const email = uniqueEmail('dr.mensah');
    const password = 'violet harbour stone meadow';

    await page.goto(`${baseUrl}/register`);
    await heading(page, 'Create your account');
    await page.getByRole('radio', { name: /Doctor/ }).click();
    await page.getByRole('group', { name: 'Your medical registration' }).waitFor();
    await register(page, { name: 'Kwame Mensah', email, password });
    await page.getByLabel('Licence number').fill('MC-48213');
    await page.getByLabel('Issuing medical council').fill('Medical and Dental Council');
    await page.getByLabel('Registration year').fill('2012');
    await page.getByLabel('Qualification').fill('MBChB');
    await page.getByLabel('Specialization').fill('Cardiology');
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, 'the doctor registration form at phone width');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Check your email');

    await followMailedLink(page, email, '/verify-email');
    await page.getByText('Your email address is verified').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, email, password);

    await heading(page, 'Set up two-factor authentication');
    await page.waitForURL(/\/mfa-setup/);
    await expectNoSidewaysScroll(page);
    await enrolAuthenticator(page, 'the forced MFA setup at phone width');

    await heading(page, 'Welcome, Kwame');
    await page.getByText('Your registration is pending verification by a registrar').waitFor();
    await page.getByText('MC-48213').waitFor();
    await page.getByText('Cardiology').waitFor();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, 'the pending doctor home page at phone width');

    // Until MFA is set up, nothing else opens; once it is, the settings do.
    await page.goto(`${baseUrl}/account/sessions`);
    await heading(page, 'Account settings');
    await page.getByText('This device').waitFor();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, 'account settings, sessions, at phone width');
    await page.close();
  });

  it('someone who forgot their password resets it from the emailed link, which then works no more', async () => {
    const email = uniqueEmail('lena');
    const oldPassword = 'granite willow ferry candle';
    const newPassword = 'saffron glacier puzzle lantern';

    // The account exists and is verified; this journey is about the reset.
    const page = await browser.newPage(desktop);
    await page.goto(`${baseUrl}/register`);
    await register(page, { name: 'Lena Sorensen', email, password: oldPassword });
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Check your email');
    await followMailedLink(page, email, '/verify-email');
    await page.getByText('Your email address is verified').waitFor();

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Reset your password');
    await expectNoAxeViolations(page, 'the forgot-password page');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await heading(page, 'Check your email');

    const resetLink = await followMailedLink(page, email, '/reset-password');
    await heading(page, 'Choose a new password');
    expect(new URL(page.url()).hash).toBe('');
    await expectNoAxeViolations(page, 'the reset-password page');
    await passwordInput(page, 'New password').fill(newPassword);
    await passwordInput(page, 'Type it again').fill('something else entirely');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await passwordInput(page, 'Type it again').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await heading(page, 'Password changed');
    await expectNoAxeViolations(page, 'the password-changed page');

    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, email, oldPassword);
    await page.getByText('Email or password is incorrect.').waitFor();
    await signIn(page, email, newPassword);
    await heading(page, 'Welcome, Lena');

    // The link was used: opening it again says so and offers a new one.
    await page.goto(resetLink);
    await heading(page, 'Choose a new password');
    await passwordInput(page, 'New password').fill('another quiet river morning');
    await passwordInput(page, 'Type it again').fill('another quiet river morning');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('This link did not work').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await page.close();
  });

  it('a patient links a browser wallet by signing in with Ethereum, then signs in with it', async () => {
    const email = uniqueEmail('yusuf');
    const password = 'harbour minnow tapestry glow';
    const wallet = privateKeyToAccount(generatePrivateKey());
    const page = await browser.newPage(desktop);
    // A stand-in for MetaMask: an EIP-1193 provider in the page whose key stays in this test.
    await page.exposeFunction('testWalletSign', (hexMessage: string) =>
      wallet.signMessage({ message: { raw: hexMessage as `0x${string}` } }),
    );
    await page.addInitScript((address: string) => {
      const sign = (window as unknown as { testWalletSign: (hex: string) => Promise<string> }).testWalletSign;
      (window as unknown as { ethereum: unknown }).ethereum = {
        request: async ({ method, params }: { method: string; params?: unknown[] }) => {
          if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [address];
          if (method === 'eth_chainId') return '0x7a69';
          if (method === 'personal_sign') return sign(String(params?.[0]));
          throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
        },
      };
    }, wallet.address);

    await page.goto(`${baseUrl}/register`);
    await register(page, { name: 'Yusuf Haddad', email, password });
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Check your email');
    await followMailedLink(page, email, '/verify-email');
    await page.getByText('Your email address is verified').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, email, password);
    await heading(page, 'Welcome, Yusuf');

    await page.goto(`${baseUrl}/account/wallet`);
    await page.getByRole('tabpanel').getByRole('heading', { name: 'Wallet' }).waitFor();
    await page.getByRole('button', { name: 'Link a wallet' }).click();
    await page.getByText('Linked wallet', { exact: true }).waitFor();
    await expect(page.getByRole('tabpanel').locator('code').first().textContent()).resolves.toBe(
      wallet.address,
    );
    await expectNoAxeViolations(page, 'account settings, linked wallet');

    await page.getByRole('button', { name: /Yusuf Haddad/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    for (;;) {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/auth/siwe')),
        page.getByRole('button', { name: 'Sign in with your Ethereum wallet' }).click(),
      ]);
      if (response.status() !== 429) break;
      await page.waitForTimeout((Number(response.headers()['retry-after'] ?? '60') + 1) * 1000);
    }
    await heading(page, 'Welcome, Yusuf');
    await page.close();
  });

  it('sends a signed-out visitor of a signed-in page to sign in, and back afterwards', async () => {
    const page = await browser.newPage(desktop);
    await page.goto(`${baseUrl}/account/sessions`);
    await heading(page, 'Sign in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account/sessions');
    await page.close();
  });
});
