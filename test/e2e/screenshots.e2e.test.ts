/**
 * Screenshots for people (saved under test-results/, which is git-ignored and kept as a CI
 * artifact): the wall with phones from three locales, a dozing phone and a ripple, and the phone
 * page at phone size. Also checks, end to end, that each browser locale became its flag.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlagwallDebug } from '../../renderer/screen/debug-hook';
import type { PhoneDebug } from '../../renderer/phone/phone-app';
import {
  launchBrowser,
  lerpPath,
  newPhonePage,
  newScreenPage,
  touchPath,
} from '../support/browser';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';

type ScreenWindow = Window & { flagwall: FlagwallDebug };
type PhoneWindow = Window & { flagwallPhone: { debug: PhoneDebug } };

const OUT = join(process.cwd(), 'test-results');
const PHONE = { width: 390, height: 844 };

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  hub = await startTestHub();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

// SwiftShader on a shared 2-core machine: generous limits; the 1 s latency budget is asserted inside.
describe('screenshots', { timeout: 150_000 }, () => {
  it('the wall with phones from three locales, and the phone page', async () => {
    const { page: screen } = await newScreenPage(browser, `${hub.url}/screen?key=${TEST_KEY}`, {
      width: 1280,
      height: 720,
    });
    await screen.waitForFunction(
      () => (window as unknown as ScreenWindow).flagwall?.state === 'live',
    );
    const spots: Record<string, [number, number]> = {
      'en-GB': [0.22, 0.36],
      'fr-FR': [0.47, 0.62],
      'ja-JP': [0.74, 0.3],
      'pt-BR': [0.84, 0.7],
    };
    const phones = [];
    for (const [locale, [x, y]] of Object.entries(spots)) {
      // Only the phone whose screenshot is taken animates.
      const motion = locale === 'en-GB';
      const { page } = await newPhonePage(browser, `${hub.url}/`, {
        locale,
        viewport: PHONE,
        motion,
      });
      await page.waitForFunction(
        () => (window as unknown as PhoneWindow).flagwallPhone?.debug.state === 'live',
      );
      const from = { x: PHONE.width / 2, y: PHONE.height / 2 };
      await touchPath(page, [
        from,
        ...lerpPath(from, { x: x * PHONE.width, y: y * PHONE.height }, 5),
      ]);
      phones.push(page);
    }
    // The Brazilian phone leaves: its flag dozes (greyed) for the grace period.
    await phones.pop()!.context().close();
    await screen.waitForFunction(
      () => {
        const f = (window as unknown as ScreenWindow).flagwall;
        return (
          f.cursors.length === 4 && f.cursors.some((c) => c.dozing) && f.flagsReady.length >= 5
        );
      },
      undefined,
      { timeout: 10_000 },
    );
    const flags = await screen.evaluate(() =>
      (window as unknown as ScreenWindow).flagwall.cursors.map((c) => c.flag).sort(),
    );
    expect(flags).toEqual(['br', 'fr', 'gb', 'jp']);

    await phones[1]!.touchscreen.tap(0.58 * PHONE.width, 0.45 * PHONE.height);
    await screen.waitForFunction(() =>
      (window as unknown as ScreenWindow).flagwall.ripples.some((r) => r.radius > 0.12),
    );
    await screen.screenshot({ path: join(OUT, 'screen-wall.png') });
    await phones[0]!.screenshot({ path: join(OUT, 'phone.png') });
    await Promise.all([screen, ...phones].map((p) => p.context().close()));
  });
});
