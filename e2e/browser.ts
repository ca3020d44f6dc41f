// What every browser journey shares: Debian's Chromium (journeys skip, saying how to get it, when it is
// absent), the built web app, and an axe-core accessibility check of the page shown.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { defaultWebDist } from '../packages/server/src/app.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  console.warn(
    `Browser journeys skipped: no Chromium at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Builds the web app into `packages/web/dist` unless it is there already. */
export function ensureWebBuilt(): void {
  if (existsSync(`${defaultWebDist}/index.html`)) return;
  const web = fileURLToPath(new URL('../packages/web', import.meta.url));
  const build = spawnSync('npx', ['vite', 'build'], { cwd: web, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`web build failed: ${build.stderr}`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page and fails with each violation and where it is. */
export async function expectNoAxeViolations(page: Page, where = page.url()): Promise<void> {
  // Evaluated through the DevTools protocol: the page's own CSP rightly forbids inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type AxeResult = { violations: { id: string; nodes: { target: unknown[]; html: string }[] }[] };
    const axe = (window as unknown as { axe: { run: () => Promise<AxeResult> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => `${v.id} at ${v.nodes.slice(0, 3).map((n) => n.html).join(' | ')}`);
  });
  expect(violations, `axe-core on ${where}`).toEqual([]);
}
