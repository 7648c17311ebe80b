/**
 * The operator console in real Chromium against a real hub, with real screen and phone pages:
 * wrong key refused, identify numbers on two screens, a flag-size change drawn by a screen within
 * 200 ms, kick with confirmation, and a console screenshot artifact.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ARM_MS } from '../../renderer/operator/confirm';
import { en } from '../../renderer/phone/i18n/en';
import { launchBrowser, touchPath } from '../support/browser';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import {
  openConsole,
  openPhone,
  openScreen,
  pauseClockNow,
  saveScreenshot,
  waitForConsoleState,
  type PhoneWindow,
  type ScreenWindow,
} from '../support/operator-pages';

/** Page loads on a busy 2-core machine with software WebGL are slow; never a sleep. */
const SLOW = 60_000;

let hub: TestHub;
let browser: Browser;
let consolePage: Page;
let left: Page;
let right: Page;
const SMALL = { width: 320, height: 180 };

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/operator/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  browser = await launchBrowser();
  // Small windows: SwiftShader draws them fast enough that frame time does not hide hub latency.
  left = await openScreen(browser, hub, 'left', '&x=0&w=0.5', SMALL);
  right = await openScreen(browser, hub, 'right', '&x=0.5&w=0.5', SMALL);
  consolePage = await openConsole(browser, hub);
  await waitForConsoleState(
    consolePage,
    (s) => s.screens.filter((x) => x.status === 'ok').length === 2,
  );
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const screenNumber = (page: Page) =>
  page.evaluate(() => (window as unknown as ScreenWindow).flagwall.operator.wallState?.number);

describe('operator console', () => {
  it(
    'refuses a wrong key and says so',
    async () => {
      const page = await openConsole(browser, hub, 'not-the-key');
      await page.locator('#refused').waitFor({ state: 'visible' });
      await expect.poll(() => page.locator('#refused-reason').textContent()).toMatch(/wall key/);
      expect(await page.locator('#conn').textContent()).toBe('refused');
      await page.context().close();
    },
    SLOW,
  );

  it(
    'identify shows each screen its own number, as listed in the console',
    async () => {
      await consolePage.click('#cmd-identify');
      for (const [page, name] of [
        [left, 'left'],
        [right, 'right'],
      ] as const) {
        const badge = consolePage.locator(`tr[data-name="${name}"] .badge`);
        const listed = Number(await badge.textContent());
        await page.locator('.identify').waitFor({ state: 'visible' });
        expect(Number(await page.locator('.identify-number').textContent())).toBe(listed);
        expect(await screenNumber(page)).toBe(listed);
      }
      expect(new Set([await screenNumber(left), await screenNumber(right)]).size).toBe(2);
      await saveScreenshot(left, 'screen-identify.png');
      await consolePage
        .locator('#activity .act.ok', { hasText: 'Identify screens' })
        .waitFor({ timeout: 5000 });
    },
    SLOW,
  );

  it(
    'blackout asks first, then blacks out every screen; lifting it does not ask',
    async () => {
      const button = consolePage.locator('#cmd-blackout');
      await button.click();
      await expect.poll(() => button.textContent()).toMatch(/Confirm: black out/);
      expect(await left.locator('.blackout').isVisible()).toBe(false);
      await button.click();
      for (const page of [left, right]) await page.locator('.blackout').waitFor();
      await consolePage.locator('#activity .act.ok', { hasText: 'Blackout' }).waitFor();
      await expect.poll(() => button.textContent()).toMatch(/Blackout is ON/);
      await button.click();
      for (const page of [left, right])
        await page.locator('.blackout').waitFor({ state: 'hidden' });
    },
    SLOW,
  );

  it(
    'a flag-size change from the console is drawn by a screen within 200 ms',
    async () => {
      // Three changes; the best must be under 200 ms. One slow sample on a saturated 2-core CI box
      // (software WebGL, several browsers) says little; never getting there would be a real defect.
      const latencies: number[] = [];
      for (const size of [0.2, 0.15, 0.25]) {
        const sentAt = await consolePage.evaluate((v) => {
          const input = document.getElementById('set-flagSize') as HTMLInputElement;
          input.value = String(v);
          const t = Date.now();
          input.dispatchEvent(new Event('input', { bubbles: true }));
          return t;
        }, size);
        await left.waitForFunction(
          (v) =>
            (window as unknown as ScreenWindow).flagwall.operator.settingsTrace.some(
              (t) => t.settings.flagSize === v && t.drawnAt !== null,
            ),
          size,
          { timeout: 5000 },
        );
        const trace = await left.evaluate(
          (v) =>
            (window as unknown as ScreenWindow).flagwall.operator.settingsTrace.find(
              (t) => t.settings.flagSize === v,
            )!,
          size,
        );
        latencies.push(trace.drawnAt! - sentAt);
        console.log(
          `flag size ${size}: console input → screen received ${trace.receivedAt - sentAt} ms, first frame drawn with it ${trace.drawnAt! - sentAt} ms`,
        );
        // The slider sends at most every 100 ms: let the next change go out on its own.
        await consolePage.locator('#settings-ack.ok').waitFor({ timeout: 5000 });
      }
      expect(Math.min(...latencies)).toBeLessThan(200);
      expect(await consolePage.locator('#settings-ack').textContent()).toMatch(/applied on 2\/2/);
    },
    SLOW,
  );

  it(
    'kick asks for confirmation, then removes the phone from the wall',
    async () => {
      const phone = await openPhone(browser, hub);
      // Closed however this test ends: a phone left on the wall would upset the next test's count.
      onTestFinished(() => phone.context().close());
      await touchPath(phone, [
        { x: 195, y: 420 },
        { x: 200, y: 430 },
      ]);
      const id = await phone.evaluate(
        () => (window as unknown as PhoneWindow).flagwallPhone.debug.clientId,
      );
      const phoneState = () =>
        phone.evaluate(() => (window as unknown as PhoneWindow).flagwallPhone.debug.state);
      await left.waitForFunction(
        (i) => (window as unknown as ScreenWindow).flagwall.cursors.some((c) => c.id === i),
        id,
      );
      // A console of its own, on a clock the test pauses: the confirming click must come within
      // ARM_MS of the arming one, and on a loaded 2-core machine one Playwright click has taken
      // 2-3 s (a confirming click that came after ARM_MS armed the button again, kicking no one).
      const operator = await openConsole(browser, hub, TEST_KEY, undefined, true);
      onTestFinished(() => operator.context().close());
      const kick = operator.locator(`li[data-phone="${id}"] button[data-act="kick"]`);
      const kicks = operator.locator('#activity .act', { hasText: `Kick #${id}` });
      await kick.waitFor();
      await pauseClockNow(operator);

      await kick.click();
      await expect.poll(() => kick.textContent()).toMatch(/Kick #\d+\?/);
      // Not yet: one click only armed it; left alone for ARM_MS, it disarms.
      expect(await phoneState()).toBe('live');
      await operator.clock.runFor(ARM_MS);
      expect(await kick.textContent()).toBe('Kick');
      expect(await kicks.count()).toBe(0);

      await kick.click();
      await expect.poll(() => kick.textContent()).toMatch(/Kick #\d+\?/);
      expect(await phoneState()).toBe('live');
      await kick.click();
      await operator.clock.resume();
      await phone.waitForFunction(
        () => (window as unknown as PhoneWindow).flagwallPhone.debug.state === 'refused',
      );
      // Said in the phone's own words (en-GB here), from the close code, not the hub's English.
      expect(await phone.locator('#notice').textContent()).toBe(en.kicked);
      await left.waitForFunction(
        (i) => !(window as unknown as ScreenWindow).flagwall.cursors.some((c) => c.id === i),
        id,
      );
      // One kick went out, and the hub confirmed it.
      await operator.locator('#activity .act.ok', { hasText: `Kick #${id}` }).waitFor();
      expect(await kicks.count()).toBe(1);
      expect(hub.hub.phones.get(id)).toBeUndefined();
    },
    SLOW,
  );

  it(
    'saves a screenshot of the console with screens, phones and audience',
    async () => {
      const phones = [];
      for (const locale of ['fr-FR', 'de-DE', 'ja-JP'])
        phones.push(await openPhone(browser, hub, 'live', locale));
      await consolePage.fill('#message-input', 'Welcome! Scan the code to join the wall');
      await consolePage.click('#message-form button[type=submit]');
      await waitForConsoleState(
        consolePage,
        (s) => s.audience.connected === 3 && s.show.message !== '',
      );
      await consolePage.locator('#activity .act.ok', { hasText: 'Show message' }).waitFor();
      // Place both screens so the layout canvas shows the wall.
      await consolePage.click('button[data-place="left"]');
      await waitForConsoleState(consolePage, (s) => s.layout.screens.length === 1);
      await consolePage.click('button[data-place="right"]');
      await waitForConsoleState(consolePage, (s) => s.layout.screens.length === 2);
      await consolePage.locator('#activity .act.ok', { hasText: 'Place right' }).waitFor();
      await saveScreenshot(consolePage, 'console-desktop.png', true);
      await saveScreenshot(left, 'screen-left.png');
      await saveScreenshot(right, 'screen-right.png');
      for (const p of phones) await p.context().close();
    },
    SLOW,
  );
});
