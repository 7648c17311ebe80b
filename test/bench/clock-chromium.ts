/**
 * The real-Chromium pair for the clock bench: a real hub, two delay proxies (1–6 ms and 2–15 ms
 * per chunk each way), two screen pages with skewed local clocks (+3.2 s at +100 ppm, −1.7 s);
 * after both clocks report a bound ≤ 2 ms, the scene times they draw at the same true instant
 * are compared over `frames` frames (test/support/scene-time-pair.ts explains the matching: at
 * the instants the frames read their clocks, and, reported beside it, at their callback starts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from '../support/clock-sim';
import { launchBrowser } from '../support/browser';
import { startDelayProxy } from '../support/delay-proxy';
import { startTestHub, TEST_KEY } from '../support/hub';
import {
  collectFrames,
  differences,
  openRecordedScreen,
  resetRecord,
  waitConverged,
} from '../support/scene-time-pair';

export interface PairMeasurement {
  instants: number;
  p50: number;
  p99: number;
  max: number;
  /** The same p99 with frames dated by their callback start (also holds pre-read main-thread delay). */
  callbackP99: number;
  bounds: [number, number];
  convergeMs: number;
}

export async function measureChromiumPair(frames = 300): Promise<PairMeasurement | string> {
  if (!existsSync(join(process.cwd(), 'dist/renderer/screen/main.js')))
    return 'dist/renderer missing (run node build/bundle.mjs)';
  const hub = await startTestHub();
  const proxies = await Promise.all([
    startDelayProxy({ targetPort: hub.port, minMs: 1, maxMs: 6, seed: 1 }),
    startDelayProxy({ targetPort: hub.port, minMs: 2, maxMs: 15, seed: 2 }),
  ]);
  const browser = await launchBrowser();
  try {
    const start = performance.now();
    const [a, b] = await Promise.all([
      openRecordedScreen(browser, {
        baseUrl: proxies[0].url,
        query: `key=${TEST_KEY}&x=0&w=0.5&clockSkewMs=3200&clockDriftPpm=100`,
      }),
      openRecordedScreen(browser, {
        baseUrl: proxies[1].url,
        query: `key=${TEST_KEY}&x=0.5&w=0.5&clockSkewMs=-1700`,
      }),
    ]);
    const [ca, cb] = await Promise.all([waitConverged(a.page, 2), waitConverged(b.page, 2)]);
    const convergeMs = performance.now() - start;
    await Promise.all([resetRecord(a.page), resetRecord(b.page)]);
    const [fa, fb] = await Promise.all([
      collectFrames(a.page, frames, 120_000),
      collectFrames(b.page, frames, 120_000),
    ]);
    const d = differences(fa, fb, 'scene').map(Math.abs);
    return {
      instants: d.length,
      p50: percentile(d, 50),
      p99: percentile(d, 99),
      max: d.reduce((x, y) => Math.max(x, y), 0),
      callbackP99: percentile(differences(fa, fb, 'scene', 'callback').map(Math.abs), 99),
      bounds: [ca.errorMs, cb.errorMs],
      convergeMs,
    };
  } finally {
    await browser.close();
    await Promise.all(proxies.map((p) => p.close()));
    await hub.stop();
  }
}
