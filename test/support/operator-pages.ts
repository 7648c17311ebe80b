/**
 * Operator e2e helpers: open the console, screen and phone pages against a test hub and wait for
 * them to be live; decode a QR code from real screen pixels (a Playwright screenshot, turned back
 * into RGBA by the browser's own PNG decoder, read by jsQR); save screenshots as artifacts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Locator, Page } from 'playwright-core';
import type { FlagwallDebug } from '../../renderer/screen/debug-hook';
import type { WallStateMsg, OperatorStateMsg } from '../../shared/protocol/hub-messages';
import type { Settings } from '../../shared/scene/settings';
import { newPhonePage, newScreenPage } from './browser';
import { TEST_KEY, type TestHub } from './hub';

export type ScreenWindow = Window & {
  flagwall: FlagwallDebug & {
    operator: {
      wallState: WallStateMsg | null;
      settings: Settings;
      settingsTrace: { receivedAt: number; drawnAt: number | null; settings: Settings }[];
      pulses: { id: number; at: number }[];
    };
  };
};
export type PhoneWindow = Window & {
  flagwallPhone: { debug: { state: string; flag: string; clientId: number } };
};
export type ConsoleWindow = Window & { flagwallOperator?: { state: OperatorStateMsg } };

export const ARTIFACTS = join(process.cwd(), 'test-results', 'operator');

/**
 * `fakeClock`: the page's timers and Date run on Playwright's clock, installed before it loads; it
 * keeps real time until the test pauses it (`pauseClockNow`), then moves only when told.
 */
export async function openConsole(
  browser: Browser,
  hub: TestHub,
  key = TEST_KEY,
  viewport = { width: 1440, height: 900 },
  fakeClock = false,
): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  if (fakeClock) await context.clock.install();
  const page = await context.newPage();
  await page.goto(`${hub.url}/operator?key=${encodeURIComponent(key)}`);
  return page;
}

/**
 * Stops a `fakeClock` page's clock about now. `pauseAt` takes a wall time and cannot go back, so it
 * is aimed a second ahead; on a loaded 2-core machine the call has reached the page after that
 * second (CI: "Cannot fast-forward to the past"). The failed call has already stopped the page's
 * clock, so it is aimed again at the page's own stopped time, which cannot be in the past.
 */
export async function pauseClockNow(page: Page): Promise<void> {
  try {
    await page.clock.pauseAt(Date.now() + 1000);
  } catch (error) {
    if (!String(error).includes('Cannot fast-forward to the past')) throw error;
    await page.clock.pauseAt(await page.evaluate(() => Date.now()));
  }
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The phone page's boxes for `selectors`, read in one go with its toast held visible: the toast
 * hides itself 2.6 s after it shows, and on a loaded machine a test's next call has come later.
 * Throws for a selector that shows nothing.
 */
export async function boxesWithToast(
  page: Page,
  selectors: readonly string[],
): Promise<Record<string, Box>> {
  const boxes = await page.evaluate((sels) => {
    const toast = document.querySelector<HTMLElement>('.toast');
    if (toast) toast.hidden = false;
    return sels.map((sel) => {
      const el = document.querySelector(sel);
      if (!el || el.getClientRects().length === 0) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
  }, selectors);
  return Object.fromEntries(
    selectors.map((sel, i) => {
      const box = boxes[i];
      if (!box) throw new Error(`${sel} is not shown`);
      return [sel, box];
    }),
  );
}

/** True when two boxes share any area. */
export const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The console's latest operator-state (null before the first). */
export function consoleState(page: Page): Promise<OperatorStateMsg | null> {
  return page.evaluate(() => (window as unknown as ConsoleWindow).flagwallOperator?.state ?? null);
}

/** Polls the console's state until `predicate` holds (functions, not strings: the page's CSP). */
export async function waitForConsoleState(
  page: Page,
  predicate: (s: OperatorStateMsg) => boolean,
  timeout = 8000,
): Promise<OperatorStateMsg> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = await consoleState(page);
    if (s && predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`console state did not match within ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

export async function openScreen(
  browser: Browser,
  hub: TestHub,
  name: string,
  slice = '',
  viewport = { width: 640, height: 360 },
): Promise<Page> {
  const { page } = await newScreenPage(
    browser,
    `${hub.url}/screen?key=${TEST_KEY}&name=${encodeURIComponent(name)}${slice}`,
    viewport,
  );
  await page.waitForFunction(
    () => (window as unknown as ScreenWindow).flagwall?.operator?.wallState !== null,
    undefined,
    { timeout: 10_000 },
  );
  return page;
}

export async function openPhone(
  browser: Browser,
  hub: TestHub,
  state: 'live' | 'waiting' = 'live',
  locale = 'en-GB',
): Promise<Page> {
  const { page } = await newPhonePage(browser, `${hub.url}/`, { locale });
  await page.waitForFunction(
    (s) => (window as unknown as PhoneWindow).flagwallPhone?.debug.state === s,
    state,
    { timeout: 10_000 },
  );
  return page;
}

/** Decodes the QR code visible in `target` from a real screenshot of it. */
export async function decodeQrFromScreen(page: Page, target: Locator): Promise<string | null> {
  const png = await target.screenshot();
  const rgba = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height);
    return { w: d.width, h: d.height, data: Array.from(d.data) };
  }, png.toString('base64'));
  const code = jsQR(new Uint8ClampedArray(rgba.data), rgba.w, rgba.h);
  return code?.data ?? null;
}

export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage });
  return path;
}
