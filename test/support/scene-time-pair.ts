/**
 * Two real screen pages, each behind its own jittery delay proxy and each with a deliberately
 * wrong local clock (the test-only ?clockSkewMs=&clockDriftPpm= parameters), showing the two
 * halves of one wall; measures how far apart their rendered scene times are at the same instant.
 *
 * Timing is taken inside each page, not over the DevTools wire: an init script wraps
 * requestAnimationFrame so that, once the page's callback has drawn, it notes the scene time the
 * frame drew (window.flagwall.t), the age of a given ripple, and two true instants
 * (performance.timeOrigin + performance.now(): the same system clock in both renderer processes,
 * untouched by the skew parameters): when the frame read its clock (window.flagwall.frameAt, the
 * instant its scene time is for) and when the frame callback started. Page B's value is
 * interpolated linearly between its own frames to each of page A's frame instants.
 *
 * Matched at the read instants, the differences are the two clocks' disagreement. Matched at the
 * callback starts they also hold how long each callback ran before it read the clock: what a
 * viewer sees if a frame's picture runs late. The screen reads its clock first thing for that
 * reason (it used to register its next frame first, and ~1 % of frames then read it up to 5 ms
 * late).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FlagwallDebug } from '../../renderer/screen/debug-hook';
import type { ClockStats } from '../../renderer/common/hub-clock';

type Frame = [readMs: number, sceneT: number, rippleAge: number | null, callbackMs: number];
/** Which true instant a frame stands for (see above). */
export type FrameInstant = 'read' | 'callback';
type RecorderWindow = Window & {
  flagwall?: FlagwallDebug;
  __frames: Frame[];
  __rippleId: number;
};

/** Runs in the page before its own scripts. */
const RECORDER = `(() => {
  const raf = window.requestAnimationFrame.bind(window);
  window.__frames = [];
  window.__rippleId = -1;
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const callbackMs = performance.timeOrigin + performance.now();
    const before = window.flagwall && window.flagwall.frames;
    cb(ts);
    const fw = window.flagwall;
    // Only the screen's own frame callback draws (and counts) a frame.
    if (!fw || fw.frames === before) return;
    const r = fw.ripples.find((x) => x.id === window.__rippleId);
    window.__frames.push([fw.frameAt, fw.t, r ? r.age : null, callbackMs]);
    if (window.__frames.length > 5000) window.__frames.shift();
  });
})();`;

export interface ScreenSpec {
  /** Base URL the page loads from (a delay proxy in front of the hub). */
  baseUrl: string;
  /** Query string after /screen?, e.g. "key=K&x=0&w=0.5&clockSkewMs=3200". */
  query: string;
}

export interface ScreenHandle {
  context: BrowserContext;
  page: Page;
}

export async function openRecordedScreen(
  browser: Browser,
  spec: ScreenSpec,
  viewport = { width: 480, height: 270 },
): Promise<ScreenHandle> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  await page.goto(`${spec.baseUrl}/screen?${spec.query}`);
  return { context, page };
}

/**
 * Waits until the page is live and its clock's own error bound is at most `boundMs` (1 ms is
 * what the clock calls converged; a loaded machine whose renderer stalls for tens of ms may
 * hover just above it, hence the parameter).
 */
export async function waitConverged(
  page: Page,
  boundMs = 1,
  timeoutMs = 45_000,
): Promise<ClockStats> {
  await page.waitForFunction(
    (b) => {
      const fw = (window as unknown as RecorderWindow).flagwall;
      return fw?.state === 'live' && (fw.clock.samples ?? 0) >= 100 && fw.clock.errorMs <= b;
    },
    boundMs,
    { timeout: timeoutMs, polling: 50 },
  );
  return page.evaluate(() => (window as unknown as RecorderWindow).flagwall!.clock);
}

/** Clears the page's frame record and starts recording the ripple with id `rippleId` (or none). */
export async function resetRecord(page: Page, rippleId = -1): Promise<void> {
  await page.evaluate((id) => {
    const w = window as unknown as RecorderWindow;
    w.__frames = [];
    w.__rippleId = id;
  }, rippleId);
}

/** Waits for at least `n` recorded frames, then returns them. */
export async function collectFrames(page: Page, n: number, timeoutMs = 30_000): Promise<Frame[]> {
  await page.waitForFunction((k) => (window as unknown as RecorderWindow).__frames.length >= k, n, {
    timeout: timeoutMs,
    polling: 100,
  });
  return page.evaluate(() => (window as unknown as RecorderWindow).__frames.slice());
}

/** B's value at true time τ, linearly between B's frames around it (null outside B's span). */
function interpolate(
  b: Frame[],
  tau: number,
  when: (f: Frame) => number,
  pick: (f: Frame) => number | null,
): number | null {
  for (let i = 1; i < b.length; i++) {
    const p = b[i - 1]!;
    const q = b[i]!;
    if (when(p) <= tau && tau <= when(q)) {
      const vp = pick(p);
      const vq = pick(q);
      if (vp === null || vq === null) return null;
      const k = when(q) > when(p) ? (tau - when(p)) / (when(q) - when(p)) : 0;
      return vp + (vq - vp) * k;
    }
  }
  return null;
}

/** A − B at each of A's frame instants, for the scene time or the ripple age. */
export function differences(
  a: Frame[],
  b: Frame[],
  what: 'scene' | 'ripple',
  instant: FrameInstant = 'read',
): number[] {
  const pick = what === 'scene' ? (f: Frame) => f[1] : (f: Frame) => f[2];
  const when = instant === 'read' ? (f: Frame) => f[0] : (f: Frame) => f[3];
  const out: number[] = [];
  for (const f of a) {
    const va = pick(f);
    const vb = interpolate(b, when(f), when, pick);
    if (va !== null && vb !== null) out.push(va - vb);
  }
  return out;
}
