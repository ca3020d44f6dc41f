// Browser journey in real Chromium: a patient with an imported Synthea history opens My record,
// filters to conditions, opens one and sees its proof re-checked on chain, then adds a
// patient-reported allergy and finds it in the timeline; axe checks every page, on a desktop and a phone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { importBundle } from '../packages/server/src/modules/records/import-bundle.ts';
import { SESSION_COOKIE } from '../packages/server/src/plugins/auth.ts';
import { systemActor } from '../packages/server/src/repository/actor.ts';
import { createTestUser, openTestSession } from '../packages/server/src/testing/accounts.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../packages/server/src/testing/test-platform.ts';
import { ensureWebBuilt, expectNoAxeViolations, haveChromium, launchChromium } from './browser.ts';

const bundleFile = 'clemente-kreiger.json';
const bundle: unknown = JSON.parse(
  readFileSync(fileURLToPath(new URL(`../packages/server/src/demo/synthea/${bundleFile}`, import.meta.url)), 'utf8'),
);

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;
let sessionToken: string;


/** A browser context already signed in as the patient (the sign-in route is rate limited). */
async function signedInContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, domain: new URL(baseUrl).hostname, path: '/', secure: true }]);
  return context;
}

describe.skipIf(!haveChromium)('my record journey', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    t = await openTestPlatform({ startRelayer: true });
    app = await buildApp(t.platform, { logger: false });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const patient = await createTestUser(t.platform, { role: 'patient' });
    await importBundle(t.platform.store, systemActor('importer', 'import'), patient.user.patientId!, bundle, `demo:synthea/${bundleFile}`);
    await drainOutbox(t.platform);
    sessionToken = (await openTestSession(t.platform, patient.user)).token;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it('filters to conditions, proves an entry on chain and adds a patient-reported allergy, on a desktop', async () => {
    const context = await signedInContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/home`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My record' }).click();
    await page.getByRole('heading', { level: 1, name: 'My record' }).waitFor();
    await page.getByText(/^Showing 25 of \d+ entries$/).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Show more/ }).click();
    await page.getByText(/^Showing 50 of \d+ entries$/).waitFor();

    await page.getByLabel('Kind').selectOption('condition');
    await page.getByText(/^Showing \d+ of \d+ (entry|entries)$/).waitFor();
    const entries = page.getByRole('list', { name: 'Record entries' }).getByRole('listitem');
    const count = await entries.count();
    expect(count).toBeGreaterThan(0);
    await expect(entries.getByText('Condition', { exact: true }).count()).resolves.toBe(count);
    await expect(entries.getByText('Written by Imported', { exact: false }).count()).resolves.toBe(count);

    const first = entries.first().getByRole('link');
    const title = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('One version').waitFor();
    await page.getByRole('button', { name: 'Verified on chain' }).click();
    await page.getByText('Anchored on chain — verified just now').waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: /Back to my record/ }).click();
    await page.getByRole('button', { name: 'Add an entry' }).click();
    await page.getByLabel('What are you adding?').selectOption('allergy');
    await page.getByRole('button', { name: 'Add to my history' }).click();
    await page.getByText('Describe it in a few words.').waitFor();
    await page.getByLabel(/What you are allergic to/).fill('Peanuts');
    await page.getByLabel(/Note/).fill('Hives within minutes');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Add to my history' }).click();
    await page.getByText('Added to your record').waitFor();

    await page.getByLabel('Kind').selectOption('allergy');
    const added = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Peanuts' }) });
    await added.waitFor();
    await added.getByText('Patient-reported').waitFor();
    await added.getByText(/Written by You · version 1/).waitFor();
    await context.close();
  });

  it('works at phone width with no sideways scrolling', async () => {
    const context = await signedInContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/record`);
    await page.getByText(/^Showing 25 of \d+ entries$/).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
