/**
 * A save that failed is visible in the real console: with a file in place of the hub's data
 * folder, Pause is shown as failed (✕, "NOT saved" and the reason), never as done; once the
 * folder is back, the same button is shown as done.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';
import { openConsole, waitForConsoleState } from '../support/operator-pages';

const SLOW = 60_000;
let hub: TestHub;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/operator/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  browser = await launchBrowser();
  page = await openConsole(browser, hub);
  await waitForConsoleState(page, () => true);
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const latest = (p: Page) => p.locator('#activity li').first();

describe('operator console: honest save results', () => {
  it(
    'shows a command whose save failed as failed, with the reason',
    async () => {
      const dir = hub.dataDir;
      renameSync(dir, `${dir}-away`);
      writeFileSync(dir, 'not a folder');
      try {
        await page.click('#cmd-pause');
        await latest(page).and(page.locator('.act.failed')).waitFor({ timeout: 10_000 });
        const text = await latest(page).textContent();
        expect(text).toMatch(/✕.*wall paused live but NOT saved: cannot write .*show\.json/);
      } finally {
        rmSync(dir);
        renameSync(`${dir}-away`, dir);
      }
      await waitForConsoleState(page, (s) => s.show.paused);
      await page.click('#cmd-pause'); // resume: saved this time
      await expect
        .poll(() => latest(page).getAttribute('class'), { timeout: 10_000 })
        .not.toMatch(/failed|sending/);
      expect(await latest(page).textContent()).not.toMatch(/NOT saved/);
    },
    SLOW,
  );
});
