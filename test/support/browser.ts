/**
 * Real Chromium for end-to-end tests (playwright-core driving Debian's /usr/bin/chromium; WebGL
 * runs on SwiftShader there). Helpers for the pages: a phone context with touch emulation, touch
 * gestures sent as real touch events through the DevTools protocol, and reading screen pixels.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Keep rendering in windows the test is not looking at.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // WebGL without a GPU.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PhoneOptions {
  /** BCP 47 locale: sets navigator.language and Accept-Language. Default en-GB. */
  locale?: string;
  viewport?: { width: number; height: number };
  /**
   * Let the page animate (the phone's waving flag). Default false: prefers-reduced-motion, which
   * the page honours, so idle phones cost the shared CPU nothing while a test drives the wall.
   */
  motion?: boolean;
}

/** A phone: its own context (own sessionStorage), touch, mobile viewport. */
export async function newPhonePage(
  browser: Browser,
  url: string,
  opts: PhoneOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: opts.locale ?? 'en-GB',
    reducedMotion: opts.motion ? 'no-preference' : 'reduce',
  });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/**
 * A screen window of a given size (CSS px, device scale 1 so pixel maths stay simple); `locale`
 * is the kiosk's language (the join banner speaks it).
 */
export async function newScreenPage(
  browser: Browser,
  url: string,
  viewport = { width: 800, height: 450 },
  locale = 'en-GB',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

export type Point = { x: number; y: number };

/**
 * One finger on a touch page: real touch events (Input.dispatchTouchEvent over the DevTools
 * protocol), which the page sees as pointer events of type "touch". Each call resolves once
 * Chromium has dispatched the event.
 */
export class Finger {
  private constructor(private readonly cdp: CDPSession) {}

  static async on(page: Page): Promise<Finger> {
    return new Finger(await page.context().newCDPSession(page));
  }

  down(p: Point): Promise<unknown> {
    return this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(p) });
  }

  move(p: Point): Promise<unknown> {
    return this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
  }

  up(): Promise<unknown> {
    return this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  async release(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

const at = (p: Point) => [{ x: p.x, y: p.y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];

/** touchStart at the first point, touchMove through the rest, touchEnd unless `lift` is false. */
export async function touchPath(page: Page, points: Point[], lift = true): Promise<void> {
  if (points.length === 0) return;
  const finger = await Finger.on(page);
  try {
    await finger.down(points[0]!);
    for (const p of points.slice(1)) await finger.move(p);
    if (lift) await finger.up();
  } finally {
    await finger.release();
  }
}

/** Points from a to b in n steps (a excluded, b included). */
export function lerpPath(a: Point, b: Point, n: number): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (i + 1) / n;
    return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
  });
}

import type { PixelBox } from '../../renderer/screen/pixel-reader';

export type { PixelBox };

/**
 * Pixels of the screen page's canvas in a box of ±half CSS px around a wall point, read from the
 * next frame the page draws (window.flagwall.readPixels: gl.readPixels right after render).
 */
export async function readWallPixels(
  page: Page,
  wallX: number,
  wallY: number,
  half = 12,
): Promise<PixelBox | null> {
  return page.evaluate(
    ([x, y, h]) =>
      (
        window as unknown as {
          flagwall: { readPixels(x: number, y: number, h: number): Promise<PixelBox | null> };
        }
      ).flagwall.readPixels(x, y, h),
    [wallX, wallY, half] as const,
  );
}

/** Mean absolute difference per channel (RGB, 0..255) between two boxes of the same size. */
export function meanAbsDiff(a: PixelBox, b: PixelBox): number {
  if (a.data.length !== b.data.length) throw new Error('pixel boxes differ in size');
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4)
    for (let c = 0; c < 3; c++, n++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
  return n ? sum / n : 0;
}

/** Fraction of pixels whose largest RGB channel difference exceeds `threshold` (0..255). */
export function changedFraction(a: PixelBox, b: PixelBox, threshold = 24): number {
  if (a.data.length !== b.data.length) throw new Error('pixel boxes differ in size');
  let changed = 0;
  const n = a.data.length / 4;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.max(
      Math.abs(a.data[i]! - b.data[i]!),
      Math.abs(a.data[i + 1]! - b.data[i + 1]!),
      Math.abs(a.data[i + 2]! - b.data[i + 2]!),
    );
    if (d > threshold) changed++;
  }
  return n ? changed / n : 0;
}

/**
 * Reads the same box frame after frame until at least `minFraction` of it differs from `before`
 * (for things that move, like a ripple ring passing), or `timeoutMs` passes. A pixel counts as
 * changed when a channel moved by more than `threshold`. Returns the largest changed fraction
 * seen, for the test to assert on.
 */
export async function waitForPixelChange(
  page: Page,
  wall: Point,
  half: number,
  before: PixelBox,
  minFraction: number,
  timeoutMs = 3000,
  threshold = 24,
): Promise<number> {
  // The loop runs in the page, one read per drawn frame: over the DevTools wire each read costs
  // a round trip, and on a loaded machine a ring passing a probe could fall between two of them.
  return page.evaluate(
    async ({ x, y, h, base, min, ms, limit }) => {
      const fw = (
        window as unknown as {
          flagwall: { readPixels(x: number, y: number, h: number): Promise<PixelBox | null> };
        }
      ).flagwall;
      const end = performance.now() + ms;
      let best = 0;
      while (performance.now() < end && best < min) {
        const now = await fw.readPixels(x, y, h);
        if (!now || now.data.length !== base.length) return 0;
        let changed = 0;
        for (let i = 0; i < base.length; i += 4) {
          let d = 0;
          for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(base[i + c]! - now.data[i + c]!));
          if (d > limit) changed++;
        }
        best = Math.max(best, changed / (base.length / 4));
      }
      return best;
    },
    {
      x: wall.x,
      y: wall.y,
      h: half,
      base: Array.from(before.data),
      min: minFraction,
      ms: timeoutMs,
      limit: threshold,
    },
  );
}
