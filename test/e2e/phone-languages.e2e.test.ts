/**
 * The phone page in every language it ships, in real Chromium on a small phone (360 × 640 CSS
 * px): it speaks the browser's language, and no control, hint or toast runs off the screen or
 * over another. Screenshots go to test-results/operator/phone-<lang>.png for a human eye.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneStrings } from '../../renderer/phone/i18n';
import type { PhoneDebug } from '../../renderer/phone/phone-app';
import { launchBrowser, newPhonePage } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';
import { boxesWithToast, overlap, saveScreenshot } from '../support/operator-pages';

type PhoneWindow = Window & { flagwallPhone: { debug: PhoneDebug } };

const VIEWPORT = { width: 360, height: 640 };
const LOCALES = [
  'en-GB',
  'fr-FR',
  'de-DE',
  'es-ES',
  'it-IT',
  'pt-BR',
  'nl-NL',
  'ja-JP',
  'zh-CN',
  'zh-TW',
];

let browser: Browser;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('phone page languages', () => {
  it('every language fits a 360 px phone, nothing over anything else', async () => {
    for (const locale of LOCALES) {
      const t = phoneStrings([locale]);
      const { context, page } = await newPhonePage(browser, `${hub.url}/`, {
        locale,
        viewport: VIEWPORT,
      });
      try {
        await page.waitForFunction(
          () => (window as unknown as PhoneWindow).flagwallPhone?.debug.state === 'live',
        );
        expect(await page.getAttribute('html', 'lang'), locale).toBe(t.lang);
        expect(await page.textContent('#status-text'), locale).toBe(t.status.live);
        await page.click('.locate-button');
        await page.locator('.toast:not([hidden])').waitFor();
        expect(await page.textContent('.toast'), locale).toBe(t.pulsing);
        const boxes = await boxesWithToast(page, [
          '#status',
          '.locate-button',
          '.flag-button',
          '#country',
          '#tagline',
          '#hint-drag',
          '#hint-tap',
          '.toast',
          '#wall-map',
        ]);
        for (const [sel, b] of Object.entries(boxes)) {
          expect(b.x, `${locale} ${sel} left`).toBeGreaterThanOrEqual(0);
          expect(b.x + b.width, `${locale} ${sel} right`).toBeLessThanOrEqual(VIEWPORT.width);
        }
        const apart: [string, string][] = [
          ['.locate-button', '.flag-button'],
          // The toast takes the hint's place (the hint hides meanwhile), under the map.
          ['.toast', '#wall-map'],
          ['.toast', '#country'],
          ['.toast', '#tagline'],
          ['#wall-map', '#hint-drag'],
          ['#wall-map', '#hint-tap'],
        ];
        for (const [a, b] of apart)
          expect(overlap(boxes[a]!, boxes[b]!), `${locale}: ${a} over ${b}`).toBe(false);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `${locale} scroll width`,
        ).toBeLessThanOrEqual(VIEWPORT.width);
        await saveScreenshot(page, `phone-${t.lang}.png`);
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});
