/**
 * The shared clock in real Chromium over real sockets: two screen pages showing the two halves
 * of one wall, each with a deliberately wrong local clock (+3.2 s running 100 ppm fast, and
 * −1.7 s) and each behind its own userland proxy adding different jitter. After both clocks
 * converge, the scene times they draw at the same instant must agree, and a ripple tapped on
 * their shared edge must have the same age (so the same radius) on both sides.
 * How the instants are matched: test/support/scene-time-pair.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTap } from '../../shared/protocol/binary';
import { DEFAULT_SETTINGS } from '../../shared/scene/settings';
import { percentile } from '../support/clock-sim';
import { launchBrowser } from '../support/browser';
import { startDelayProxy, type DelayProxy } from '../support/delay-proxy';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import {
  collectFrames,
  differences,
  openRecordedScreen,
  resetRecord,
  waitConverged,
  type ScreenHandle,
} from '../support/scene-time-pair';
import { TestClient } from '../support/ws-client';
import type { FlagwallDebug } from '../../renderer/screen/debug-hook';

type ScreenWindow = Window & { flagwall: FlagwallDebug };

/**
 * Scene-time agreement asserted here: the issue's 2 ms target, with frames dated by the instant
 * they read their clocks (the clocks' own disagreement; scene-time-pair.ts).
 */
const MAX_P99_MS = 2;
/**
 * The same p99 with frames dated by their callback starts also holds any main-thread delay
 * before the read. Usually within ~0.1 ms of the above, but a fresh-clone CI run had 2.63 ms
 * over 123 ripple frames (0.56 ms at the read instants): renderer stalls on two shared cores.
 * Held to the limit this e2e had before the read-instant dating existed.
 */
const MAX_FRAME_START_P99_MS = 4;
/**
 * Each page's own error bound we wait for. The clock calls itself converged at 1 ms; on this
 * shared 2-core machine, with two SwiftShader pages stalling their main threads, the bound can
 * hover just above that, and what this test checks is the agreement it then delivers.
 */
const WAIT_BOUND_MS = 2;
const VIEW = { width: 480, height: 270 };
const SCENE_FRAMES = 150;
/** Ripples tapped on the shared edge (x = 0.5), one after another, and frames recorded of each. */
const RIPPLE_YS = [0.2, 0.35, 0.5, 0.65, 0.8];
const FRAMES_PER_RIPPLE = 25;

/** In the page: the id of the ripple centred at (0.5, y), or null while there is none. */
function rippleAt(y: number): number | null {
  const r = (window as unknown as ScreenWindow).flagwall.ripples.find(
    (x) => Math.abs(x.x - 0.5) < 0.001 && Math.abs(x.y - y) < 0.001,
  );
  return r ? r.id : null;
}

let hub: TestHub;
let proxies: DelayProxy[] = [];
let browser: Browser;
let left: ScreenHandle;
let right: ScreenHandle;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/screen/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  proxies = await Promise.all([
    startDelayProxy({ targetPort: hub.port, minMs: 1, maxMs: 6, seed: 1 }),
    startDelayProxy({ targetPort: hub.port, minMs: 2, maxMs: 15, seed: 2 }),
  ]);
  browser = await launchBrowser();
  [left, right] = await Promise.all([
    openRecordedScreen(
      browser,
      {
        baseUrl: proxies[0]!.url,
        query: `key=${TEST_KEY}&name=left&x=0&y=0&w=0.5&h=1&clockSkewMs=3200&clockDriftPpm=100`,
      },
      VIEW,
    ),
    openRecordedScreen(
      browser,
      {
        baseUrl: proxies[1]!.url,
        query: `key=${TEST_KEY}&name=right&x=0.5&y=0&w=0.5&h=1&clockSkewMs=-1700`,
      },
      VIEW,
    ),
  ]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(proxies.map((p) => p.close()));
  await hub?.stop();
});

describe('shared clock across two skewed screens behind jittery proxies', () => {
  it('converges both clocks and draws the same scene time at the same instant', async () => {
    const [a, b] = await Promise.all([
      waitConverged(left.page, WAIT_BOUND_MS),
      waitConverged(right.page, WAIT_BOUND_MS),
    ]);
    // hub − local: the skews come back out (within the pages' own bounds plus a few ms of drift
    // accumulated since load at 100 ppm).
    expect(Math.abs(a.offsetMs + 3200)).toBeLessThan(10);
    expect(Math.abs(b.offsetMs - 1700)).toBeLessThan(10);
    expect(a.errorMs).toBeLessThanOrEqual(WAIT_BOUND_MS);
    expect(b.errorMs).toBeLessThanOrEqual(WAIT_BOUND_MS);
    expect(proxies.every((p) => p.chunks() > 0)).toBe(true); // the traffic really went through

    await Promise.all([resetRecord(left.page), resetRecord(right.page)]);
    // 150 frames: over fewer than 100 the p99 would be the single worst frame.
    const [fa, fb] = await Promise.all([
      collectFrames(left.page, SCENE_FRAMES),
      collectFrames(right.page, SCENE_FRAMES),
    ]);
    const diffs = differences(fa, fb, 'scene').map(Math.abs);
    const atCallback = differences(fa, fb, 'scene', 'callback').map(Math.abs);
    console.info(
      `clock e2e: ${diffs.length} instants, |tA − tB| p50 ${percentile(diffs, 50).toFixed(3)} ms, ` +
        `p99 ${percentile(diffs, 99).toFixed(3)} ms (frames dated by callback start: p99 ` +
        `${percentile(atCallback, 99).toFixed(3)} ms); bounds ${a.errorMs.toFixed(2)} / ${b.errorMs.toFixed(2)} ms`,
    );
    expect(diffs.length).toBeGreaterThanOrEqual(100);
    expect(percentile(diffs, 99)).toBeLessThanOrEqual(MAX_P99_MS);
    expect(percentile(atCallback, 99)).toBeLessThanOrEqual(MAX_FRAME_START_P99_MS);
  }, 60_000);

  it('draws ripples tapped on the shared edge with the same age on both sides', async () => {
    await Promise.all([
      waitConverged(left.page, WAIT_BOUND_MS),
      waitConverged(right.page, WAIT_BOUND_MS),
    ]);
    const phone = await TestClient.join(hub.wsUrl, { role: 'phone' });
    try {
      // Several ripples, pooled: over one ripple's ~20 frames the "p99" would be its worst frame.
      const ageDiffs: number[] = [];
      const atCallback: number[] = [];
      for (const y of RIPPLE_YS) {
        phone.sendBinary(encodeTap(0.5, y));
        const [idA, idB] = await Promise.all(
          [left.page, right.page].map(async (p) =>
            (await p.waitForFunction(rippleAt, y)).jsonValue(),
          ),
        );
        expect(idA).toBe(idB);
        await Promise.all([resetRecord(left.page, idA!), resetRecord(right.page, idB!)]);
        const [fa, fb] = await Promise.all([
          collectFrames(left.page, FRAMES_PER_RIPPLE),
          collectFrames(right.page, FRAMES_PER_RIPPLE),
        ]);
        ageDiffs.push(...differences(fa, fb, 'ripple').map(Math.abs));
        atCallback.push(...differences(fa, fb, 'ripple', 'callback').map(Math.abs));
      }
      const worst = ageDiffs.reduce((m, d) => Math.max(m, d), 0);
      console.info(
        `clock e2e ripple: ${RIPPLE_YS.length} ripples, ${ageDiffs.length} instants, ` +
          `|ageA − ageB| p50 ${percentile(ageDiffs, 50).toFixed(3)} ms, ` +
          `p99 ${percentile(ageDiffs, 99).toFixed(3)} ms, max ${worst.toFixed(3)} ms ` +
          `(frames dated by callback start: p99 ${percentile(atCallback, 99).toFixed(3)} ms)`,
      );
      expect(ageDiffs.length).toBeGreaterThanOrEqual(100);
      expect(percentile(ageDiffs, 99)).toBeLessThanOrEqual(MAX_P99_MS);
      expect(percentile(atCallback, 99)).toBeLessThanOrEqual(MAX_FRAME_START_P99_MS);
      // The ring's radius in CSS px differs across the bezel by (age difference × speed):
      // both slices are the full wall height, so a wall height is VIEW.height px.
      const { rippleSpeed } = DEFAULT_SETTINGS; // the test hub runs with the defaults
      const worstPx = (worst / 1000) * rippleSpeed * VIEW.height;
      expect(worstPx).toBeLessThan(1);
    } finally {
      phone.close();
    }
  }, 60_000);
});
