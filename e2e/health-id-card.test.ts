// Browser journey in real Chromium: a signed-in patient sees their Health ID card with its QR code,
// downloads it as a PNG (a 300 dpi ID-1 card, 1011 × 638 pixels) and as a PDF, and the page passes
// the accessibility check on a desktop and on a phone.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../packages/server/src/app.ts';
import { SESSION_COOKIE } from '../packages/server/src/plugins/auth.ts';
import { qrModules } from '../packages/server/src/modules/health-id-card/find-patient-qr.ts';
import { createTestUser, openTestSession } from '../packages/server/src/testing/accounts.ts';
import { openTestPlatform, type TestPlatform } from '../packages/server/src/testing/test-platform.ts';
import { ensureWebBuilt, expectNoAxeViolations, haveChromium, launchChromium } from './browser.ts';

let t: TestPlatform;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;
let sessionToken: string;
let healthId: string;

/** A browser context already signed in as the patient (the sign-in route is rate limited). */
async function signedInContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  await context.addCookies([
    { name: SESSION_COOKIE, value: sessionToken, domain: new URL(baseUrl).hostname, path: '/', secure: true },
  ]);
  return context;
}

/** Clicks `name` and returns the file the browser downloads. */
async function download(page: Page, name: string): Promise<{ filename: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole(name === 'Download PDF' ? 'link' : 'button', { name }).click(),
  ]);
  const path = await file.path();
  return { filename: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** The modules of the QR code shown on the page, read back from its SVG path (4-module quiet zone). */
async function qrOnPage(page: Page, size: number): Promise<boolean[][]> {
  const d = (await page
    .getByRole('img', { name: 'QR code to find you in MedConnect' })
    .locator('path')
    .getAttribute('d'))!;
  const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [, col, row, length] of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    for (let c = Number(col) - 4; c < Number(col) - 4 + Number(length); c++) grid[Number(row) - 4]![c] = true;
  }
  return grid;
}

/** The modules of the QR code in the card image: found by its dark pixels right of the text, sampled at each module's centre. */
function qrInPng(page: Page, png: Buffer, size: number): Promise<boolean[][]> {
  return page.evaluate(
    async ({ base64, size }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data, width } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const dark = (x: number, y: number) => data[(y * width + x) * 4]! < 128;
      // The QR sits in the right 24 mm of the card (from x = 670 px), between the brand band and the notice.
      let [left, top, right, bottom] = [width, bitmap.height, 0, 0];
      for (let y = 120; y < 540; y++) {
        for (let x = 670; x < width - 10; x++) {
          if (!dark(x, y)) continue;
          [left, top, right, bottom] = [
            Math.min(left, x),
            Math.min(top, y),
            Math.max(right, x),
            Math.max(bottom, y),
          ];
        }
      }
      const step = (right - left + 1) / size;
      if (Math.abs(bottom - top + 1 - (right - left + 1)) > 1) throw new Error('the QR code is not square');
      return Array.from({ length: size }, (_, row) =>
        Array.from({ length: size }, (_, col) =>
          dark(Math.floor(left + (col + 0.5) * step), Math.floor(top + (row + 0.5) * step)),
        ),
      );
    },
    { base64: png.toString('base64'), size },
  );
}

describe.skipIf(!haveChromium)('Health ID card journey', () => {
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

  it('shows the card with its QR code and downloads it as a PNG and a PDF, on a desktop', async () => {
    const context = await signedInContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/home`);
    const card = page.getByRole('region', { name: 'MedConnect Health ID' });
    await card.getByRole('img', { name: 'QR code to find you in MedConnect' }).waitFor();
    healthId = (await card.getByText(/^\d{2}-\d{4}-\d{4}-\d{4}$/).textContent())!.replaceAll('-', '');
    // The QR code carries the find-a-patient address and nothing else, on the page and in the image.
    const expected = qrModules(`${baseUrl}/clinic?healthId=${healthId}`);
    expect(await qrOnPage(page, expected.length)).toEqual(expected);
    await expectNoAxeViolations(page);

    const png = await download(page, 'Download PNG');
    expect(png.filename).toBe(`medconnect-health-id-${healthId}.png`);
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1011, 638]);
    expect(await qrInPng(page, png.bytes, expected.length)).toEqual(expected);

    const pdf = await download(page, 'Download PDF');
    expect(pdf.filename).toBe(`medconnect-health-id-${healthId}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Print shows only the card: the print dialog is stubbed, the print stylesheet is what is checked.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole('button', { name: 'Print' }).click();
    await page.emulateMedia({ media: 'print' });
    const printed = page.getByRole('img', { name: /^MedConnect Health ID card of / });
    await expect(printed.isVisible()).resolves.toBe(true);
    await expect(page.locator('#root').isVisible()).resolves.toBe(false);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect(printed.isVisible()).resolves.toBe(false);
    await expect(page.locator('#root').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('works at phone width with no sideways scrolling', async () => {
    const context = await signedInContext({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/home`);
    await page.getByRole('img', { name: 'QR code to find you in MedConnect' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    const png = await download(page, 'Download PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(1011);
    await context.close();
  });
});
