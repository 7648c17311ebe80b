/**
 * The walking skeleton end to end, in real Chromium against a real hub: a phone page (touch
 * emulation) moves and taps; the screen page's window.flagwall and its canvas pixels show it.
 * Pixels are read with window.flagwall.readPixels: gl.readPixels right after the next render, in
 * the same task, so the page needs no preserveDrawingBuffer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlagwallDebug } from '../../renderer/screen/debug-hook';
import {
  changedFraction,
  Finger,
  launchBrowser,
  lerpPath,
  newPhonePage,
  newScreenPage,
  readWallPixels,
  waitForPixelChange,
  type Point,
} from '../support/browser';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';

type ScreenWindow = Window & { flagwall: FlagwallDebug };
type PhoneWindow = Window & { flagwallPhone: { debug: { state: string; flag: string } } };

const PHONE = { width: 390, height: 844 };
/** Wall fractions: quantization is 1/65535; interpolation settles on the exact last sample. */
const TOLERANCE = 0.004;
/**
 * A ring (strength 2) brightens its pixels by ~90 levels; the calm background drifts by at most
 * ~25 levels in the few seconds a probe watches. Counting only changes above 48 tells them apart.
 */
const RING_THRESHOLD = 48;
/**
 * The target is touch → flag (and tap → ripple) within 1 s. Measured here, each figure also holds
 * Chromium's touch dispatch over DevTools, SwiftShader frames and the round trip back to the test,
 * all on a shared 2-core machine, and the playout delay sits at its 250 ms cap (the hub sets it
 * from the SwiftShader screen's frame jitter). Touch → flag reads 0.4-1 s alone, and 1.2 s in one
 * full `npm test` and 2 s with CPU burners added, from CPU contention alone. So the figures are
 * printed and asserted only below this bound, which a broken or seconds-slow path still fails.
 */
const SANITY_MS = 3000;

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/screen/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  // Slow, strong ripples: the ring then sits on a pixel probe for about a second, so a loaded
  // machine drawing a few frames a second still catches it.
  hub.hub.updateSettings({ rippleSpeed: 0.05, rippleStrength: 2 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function openScreen(query: string, viewport = { width: 640, height: 360 }): Promise<Page> {
  const { page } = await newScreenPage(
    browser,
    `${hub.url}/screen?key=${TEST_KEY}${query}`,
    viewport,
  );
  await page.waitForFunction(() => (window as unknown as ScreenWindow).flagwall?.state === 'live');
  return page;
}

async function openPhone(locale = 'en-GB'): Promise<Page> {
  const { page } = await newPhonePage(browser, `${hub.url}/`, { locale, viewport: PHONE });
  await page.waitForFunction(
    () => (window as unknown as PhoneWindow).flagwallPhone?.debug.state === 'live',
  );
  return page;
}

const onPhone = (wx: number, wy: number): Point => ({ x: wx * PHONE.width, y: wy * PHONE.height });

/** Resolves when the screen has drawn a `flag` cursor at (x, y), wall fractions. */
async function waitForFlagAt(screen: Page, flag: string, x: number, y: number): Promise<void> {
  await screen.waitForFunction(
    ([f, px, py, tol]) =>
      (window as unknown as ScreenWindow).flagwall.cursors.some(
        (c) => c.flag === f && Math.abs(c.x - px) < tol && Math.abs(c.y - py) < tol,
      ),
    [flag, x, y, TOLERANCE] as const,
    { polling: 'raf', timeout: 5000 },
  );
}

/** Drags from the phone's centre to (x, y) in wall fractions; the clock starts at the last move. */
async function dragTo(phone: Page, x: number, y: number): Promise<{ finger: Finger; t0: number }> {
  const finger = await Finger.on(phone);
  const start = onPhone(0.5, 0.5);
  const path = lerpPath(start, onPhone(x, y), 6);
  await finger.down(start);
  for (const p of path.slice(0, -1)) await finger.move(p);
  const t0 = performance.now();
  await finger.move(path.at(-1)!);
  return { finger, t0 };
}

// SwiftShader on a shared 2-core machine: generous limits (latencies: see SANITY_MS).
describe('walking skeleton in Chromium', { timeout: 60000 }, () => {
  it('a touch-move shows the phone flag at that wall spot, and a tap draws a ripple', async () => {
    const screen = await openScreen('');
    const phone = await openPhone('en-GB');
    const target = { x: 0.3, y: 0.4 };
    const tapAt = { x: 0.72, y: 0.62 };
    const far = { x: 0.9, y: 0.12 };

    // Warm-up drag (untimed): Chromium's first emulated touch on a fresh page can take a second
    // to dispatch under load, which says nothing about flagwall.
    const warm = await dragTo(phone, 0.6, 0.75);
    await waitForFlagAt(screen, 'gb', 0.6, 0.75);
    await warm.finger.up();
    await warm.finger.release();

    const flagBefore = (await readWallPixels(screen, target.x, target.y, 10))!;
    const farBefore = (await readWallPixels(screen, far.x, far.y, 10))!;
    const { finger, t0 } = await dragTo(phone, target.x, target.y);
    await waitForFlagAt(screen, 'gb', target.x, target.y);
    const touchToFlagMs = performance.now() - t0;
    await finger.up();
    await finger.release();

    const flagAfter = (await readWallPixels(screen, target.x, target.y, 10))!;
    const farAfter = (await readWallPixels(screen, far.x, far.y, 10))!;
    // The flag covers the spot: most of the box changed; a spot far away stayed calm.
    expect(changedFraction(flagBefore, flagAfter)).toBeGreaterThan(0.5);
    expect(changedFraction(farBefore, farAfter)).toBeLessThan(0.05);

    // A tap also moves the flag there, so look for the ring above the flag, clear of its cloth.
    const ringProbe = { x: tapAt.x, y: tapAt.y - 0.08 };
    const rippleBefore = (await readWallPixels(screen, ringProbe.x, ringProbe.y, 8))!;
    const tapT0 = performance.now();
    await phone.touchscreen.tap(tapAt.x * PHONE.width, tapAt.y * PHONE.height);
    await screen.waitForFunction(
      ([x, y, tol]) =>
        (window as unknown as ScreenWindow).flagwall.ripples.some(
          (r) => Math.abs(r.x - x) < tol && Math.abs(r.y - y) < tol && r.radius > 0,
        ),
      [tapAt.x, tapAt.y, TOLERANCE] as const,
      { polling: 'raf', timeout: 5000 },
    );
    const tapToRippleMs = performance.now() - tapT0;
    // The ring lights and bends the dots as it passes through the probe box.
    expect(
      await waitForPixelChange(screen, ringProbe, 8, rippleBefore, 0.1, 4000, RING_THRESHOLD),
    ).toBeGreaterThanOrEqual(0.1); // the wait stops at the first reading that reaches 0.1

    console.log(
      JSON.stringify({
        e2e: 'walking-skeleton',
        touchToFlagMs: Math.round(touchToFlagMs),
        tapToRippleMs: Math.round(tapToRippleMs),
      }),
    );
    expect(touchToFlagMs).toBeLessThan(SANITY_MS);
    expect(tapToRippleMs).toBeLessThan(SANITY_MS);
    await Promise.all([screen.context().close(), phone.context().close()]);
  });

  it('two slices side by side: a flag at x = 0.25 is drawn on the left one only', async () => {
    // The first test's tap (0.72, 0.62) lives 4 s, next to this test's right-hand probe: the new
    // screens' snapshots must not bring its ring.
    hub.hub.clearRipples();
    const size = { width: 400, height: 450 };
    const left = await openScreen('&x=0&w=0.5&name=left', size);
    const right = await openScreen('&x=0.5&w=0.5&name=right', size);
    const phone = await openPhone('fr-FR');
    const spot = { x: 0.25, y: 0.5 };
    const mirror = { x: 0.75, y: 0.5 }; // same place on the right screen's glass

    const leftBefore = (await readWallPixels(left, spot.x, spot.y, 10))!;
    const rightBefore = (await readWallPixels(right, mirror.x, mirror.y, 10))!;
    const { finger } = await dragTo(phone, spot.x, spot.y);
    await finger.up();
    await finger.release();
    // Both screens hold the same state (the cursor is at 0.25 on both) ...
    await waitForFlagAt(left, 'fr', spot.x, spot.y);
    await waitForFlagAt(right, 'fr', spot.x, spot.y);
    const leftAfter = (await readWallPixels(left, spot.x, spot.y, 10))!;
    const rightAfter = (await readWallPixels(right, mirror.x, mirror.y, 10))!;
    // ... but only the left one draws it.
    expect(changedFraction(leftBefore, leftAfter)).toBeGreaterThan(0.5);
    expect(changedFraction(rightBefore, rightAfter)).toBeLessThan(0.05);
    expect(await readWallPixels(right, spot.x, spot.y, 10)).toBeNull(); // off this screen

    // A tap on the seam: the ripple is drawn on both sides of the edge.
    const seam = { x: 0.5, y: 0.3 };
    // Probes just either side of the seam, above the flag the tap moves there.
    const nearLeft = { x: seam.x - 0.02, y: seam.y - 0.07 };
    const nearRight = { x: seam.x + 0.02, y: seam.y - 0.07 };
    const l0 = (await readWallPixels(left, nearLeft.x, nearLeft.y, 10))!;
    const r0 = (await readWallPixels(right, nearRight.x, nearRight.y, 10))!;
    await phone.touchscreen.tap(seam.x * PHONE.width, seam.y * PHONE.height);
    const [leftChange, rightChange] = await Promise.all([
      waitForPixelChange(left, nearLeft, 10, l0, 0.1, 4000, RING_THRESHOLD),
      waitForPixelChange(right, nearRight, 10, r0, 0.1, 4000, RING_THRESHOLD),
    ]);
    // The wait stops at the first reading that reaches 0.1, so exactly 0.1 is a pass.
    expect(leftChange).toBeGreaterThanOrEqual(0.1);
    expect(rightChange).toBeGreaterThanOrEqual(0.1);
    await Promise.all([left, right, phone].map((p) => p.context().close()));
  });
});
