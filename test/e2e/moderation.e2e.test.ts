/**
 * Moderation in real Chromium against a real hub: a phone banned from the console (confirming
 * click, chosen duration) sees a polite sentence in its own language and is listed with unban; a
 * rest-of-show ban is said too; an idle phone is told and its rejoin button brings it back.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { en } from '../../renderer/phone/i18n/en';
import { fr } from '../../renderer/phone/i18n/fr';
import { ja } from '../../renderer/phone/i18n/ja';
import { launchBrowser } from '../support/browser';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import {
  openConsole,
  openPhone,
  pauseClockNow,
  waitForConsoleState,
  type PhoneWindow,
} from '../support/operator-pages';

/** Page loads on a busy 2-core machine with software WebGL are slow; never a sleep. */
const SLOW = 120_000;

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/operator/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const debug = (page: Page) =>
  page.evaluate(() => (window as unknown as PhoneWindow).flagwallPhone.debug);
const refused = (page: Page) =>
  page.waitForFunction(
    () => (window as unknown as PhoneWindow).flagwallPhone.debug.state === 'refused',
    undefined,
    { timeout: 30_000 },
  );

describe('moderation in Chromium', () => {
  it(
    'a phone banned from the console sees it in French, and the console lists the ban with unban',
    async () => {
      const phone = await openPhone(browser, hub, 'live', 'fr-FR');
      onTestFinished(() => phone.context().close());
      const { clientId: id } = await debug(phone);
      // Its own clock, paused: the confirming click must come within ARM_MS of the arming one.
      const operator = await openConsole(browser, hub, TEST_KEY, undefined, true);
      onTestFinished(() => operator.context().close());
      const ban = operator.locator(`li[data-phone="${id}"] button[data-act="ban"]`);
      await ban.waitFor({ timeout: 60_000 });
      await operator.selectOption('#ban-duration', { label: '10 min' });
      await pauseClockNow(operator);
      await ban.click();
      await expect.poll(() => ban.textContent()).toBe(`Ban #${id} (10 min)?`);
      await ban.click();
      await operator.clock.resume();

      await refused(phone);
      expect(await phone.locator('#notice').textContent()).toBe(fr.banned(10));
      expect(hub.hub.phones.get(id)).toBeUndefined();
      const row = operator.locator('#bans li', { hasText: `#${id}` });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/10 min left/);
      await row.locator('button').click();
      await waitForConsoleState(operator, (s) => s.moderation?.banCount === 0);
      await operator.locator('#activity .act.ok', { hasText: `Unban #${id}` }).waitFor();
    },
    SLOW,
  );

  it(
    'a rest-of-the-show ban is said in Japanese, without a time',
    async () => {
      const phone = await openPhone(browser, hub, 'live', 'ja-JP');
      onTestFinished(() => phone.context().close());
      const { clientId } = await debug(phone);
      expect(hub.hub.admission.ban(clientId, null, false)).toMatch(/rest of the show/);
      await refused(phone);
      expect(await phone.locator('#notice').textContent()).toBe(ja.banned(null));
    },
    SLOW,
  );

  it(
    'an idle phone is told so and its rejoin button brings it back onto the wall',
    async () => {
      const phone = await openPhone(browser, hub, 'live', 'en-GB');
      onTestFinished(() => phone.context().close());
      hub.hub.updateSettings({ idlePlaceMs: 1500 }); // below the console's floor, to keep it short
      await refused(phone);
      // The sentence, then the button under it.
      const sentence = await phone.locator('#notice').evaluate((el) => el.firstChild?.textContent);
      expect(sentence).toBe(en.idle);
      const rejoin = phone.locator('#rejoin');
      expect(await rejoin.isVisible()).toBe(true);
      expect(await rejoin.textContent()).toBe(en.rejoin);
      hub.hub.updateSettings({ idlePlaceMs: 0 });
      await rejoin.click();
      await phone.waitForFunction(
        () => (window as unknown as PhoneWindow).flagwallPhone.debug.state === 'live',
        undefined,
        { timeout: 30_000 },
      );
      expect(await rejoin.isVisible()).toBe(false);
    },
    SLOW,
  );
});
