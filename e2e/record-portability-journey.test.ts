// Browser journey in real Chromium: a patient downloads their record (FHIR JSON and PDF summary) from
// the Download menu, reached with the keyboard, then imports a Synthea bundle from another system:
// picks the file, sees what it holds, confirms and finds the entries in the timeline. A file that is not
// a bundle is refused before anything is sent. axe checks the dialog, on a desktop and on a phone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { SESSION_COOKIE } from '../packages/server/src/plugins/auth.ts';
import { createTestUser, openTestSession } from '../packages/server/src/testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../packages/server/src/testing/test-platform.ts';
import { ensureWebBuilt, expectNoAxeViolations, haveChromium, launchChromium } from './browser.ts';

const bundleFile = 'luigi-wiegand.json';
const bundleText = readFileSync(
  fileURLToPath(new URL(`../packages/server/src/demo/synthea/${bundleFile}`, import.meta.url)),
  'utf8',
);
const bundleEntries = (JSON.parse(bundleText) as { entry: unknown[] }).entry.length;

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;
let sessionToken: string;

async function signedInContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  await context.addCookies([
    { name: SESSION_COOKIE, value: sessionToken, domain: new URL(baseUrl).hostname, path: '/', secure: true },
  ]);
  return context;
}

describe.skipIf(!haveChromium)('taking my record with me and bringing history in', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    t = await openTestPlatform();
    app = await buildApp(t.platform, { logger: false });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const patient = await createTestUser(t.platform, { role: 'patient' });
    sessionToken = (await openTestSession(t.platform, patient.user)).token;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it('imports a bundle after showing what it holds, then downloads the record, on a desktop', async () => {
    const context = await signedInContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/record`);
    await page.getByText('Your record has no entries yet.').waitFor();

    await page.getByRole('button', { name: 'Import from another system' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from another system' });
    await dialog.waitFor();
    const fileInput = dialog.locator('input[type="file"]');
    await fileInput.setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"resourceType":"Patient"}'),
    });
    await dialog.getByText('This file is not a FHIR Bundle.', { exact: false }).waitFor();
    await expect(dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).resolves.toBe(
      true,
    );

    await fileInput.setInputFiles({
      name: bundleFile,
      mimeType: 'application/json',
      buffer: Buffer.from(bundleText),
    });
    const toImport = bundleEntries - 1; // the other system's Patient entry stays out
    await dialog.getByText(`${bundleFile}: ${toImport} entries to import`).waitFor();
    await dialog.getByText(/personal details .* are not imported/).waitFor();
    await expectNoAxeViolations(page, 'import dialog');
    await dialog.getByRole('button', { name: `Import ${toImport} entries` }).click();
    await dialog.getByText(`Imported ${toImport} entries`).waitFor();
    await expectNoAxeViolations(page, 'import done');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(new RegExp(`^Showing 25 of ${toImport} entries$`)).waitFor();

    // The Download menu, by keyboard.
    await page.getByRole('button', { name: 'Download' }).focus();
    await page.keyboard.press('Enter');
    const items = page.getByRole('menuitem');
    await items.first().waitFor();
    await expect(items.allTextContents()).resolves.toEqual([
      expect.stringContaining('Full record (FHIR JSON)'),
      expect.stringContaining('Summary (PDF)'),
    ]);
    await expectNoAxeViolations(page, 'download menu');
    const [fhir] = await Promise.all([page.waitForEvent('download'), items.first().click()]);
    expect(fhir.suggestedFilename()).toMatch(/^medconnect-record-[\d-]+\.json$/);
    const exported = JSON.parse(readFileSync(await fhir.path(), 'utf8')) as {
      resourceType: string;
      type: string;
      entry: unknown[];
    };
    expect(exported).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(exported.entry).toHaveLength(toImport + 1);

    await page.getByRole('button', { name: 'Download' }).click();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Summary \(PDF\)/ }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^medconnect-summary-[\d-]+\.pdf$/);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await context.close();
  });

  it('fits the import dialog on a phone', async () => {
    const context = await signedInContext({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/record`);
    await page.getByText(/^Showing \d+ of \d+ entries$/).waitFor();
    await page.getByRole('button', { name: 'Import from another system' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from another system' });
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: bundleFile, mimeType: 'application/json', buffer: Buffer.from(bundleText) });
    await dialog.getByText(/entries to import$/).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'import dialog on a phone');
    await context.close();
  });
});
