// Browser journey in real Chromium: the platform status page and checking a record's proof, on a
// desktop and a phone-sized screen, with an axe-core accessibility check of every page shown.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { systemActor } from '../packages/server/src/repository/actor.ts';
import { observation } from '../packages/server/src/testing/fixtures.ts';
import { drainOutbox, openTestPlatform, type TestPlatform } from '../packages/server/src/testing/test-platform.ts';
import { ensureWebBuilt, expectNoAxeViolations, haveChromium, launchChromium } from './browser.ts';


let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;
let recordId: string;


describe.skipIf(!haveChromium)('browser journey', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    t = await openTestPlatform({ startRelayer: true });
    app = await buildApp(t.platform, { logger: false });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const patient = await t.platform.patients.register();
    const [written] = await t.platform.store.create(systemActor('importer', 'import'), patient.id, [
      { resource: observation('journey'), source: 'test' },
    ]);
    recordId = written!.id;
    await drainOutbox(t.platform);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it('shows the platform ready and proves a record is anchored on chain, on a desktop', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl);
    await page.getByText('All systems operational').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Health records/);
    await expectNoAxeViolations(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verify a record' }).click();
    await page.getByLabel('Record id').fill('not-a-uuid');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText(/UUID/i).first().waitFor();

    await page.getByLabel('Record id').fill(recordId);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Anchored on chain — verified just now').waitFor();
    await expect(page.getByText(recordId).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('works at phone width, reached by a shared link, with no sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true });
    await page.goto(`${baseUrl}/verify?id=${recordId}`);
    await page.getByText('Anchored on chain — verified just now').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Status' }).last().click();
    await page.getByText('All systems operational').waitFor();
    await page.close();
  });

  it('says plainly when a record does not exist', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/verify?id=00000000-0000-4000-8000-000000000000`);
    await page.getByText('No record with that id').first().waitFor();
    await page.close();
  });
});
