import { describe, expect, it, vi } from 'vitest';
import { ClockSync } from '../../../shared/clock/clock-sync';
import { runFlagwallClock, type ClockRun } from '../../support/clock-sim';
import { PROFILES, SimWorld, type ProfileName } from '../../support/link-sim';

// Simulating minutes of pings on 3 seeds is CPU work (about 1 s a test here, more on a busy CI
// machine); nothing in these tests is timed, so they get a longer limit than the default 20 s.
vi.setConfig({ testTimeout: 60_000 });

const SEEDS = [1, 2, 3];

/** Errors after the clock first called itself converged (the bench samples the same way). */
function afterConvergence(run: ClockRun) {
  const from = run.convergeMs ?? Infinity;
  return run.trace.filter((p) => p.T >= from && p.epoch === run.clock.epoch);
}

function expectInsideOwnBound(run: ClockRun): void {
  const outside = afterConvergence(run).filter((p) => Math.abs(p.error) > p.bound);
  expect(outside.map((p) => ({ T: p.T, error: p.error, bound: p.bound }))).toEqual([]);
}

function expectMonotonic(run: ClockRun): void {
  const pts = run.trace.filter((p) => p.T >= 100); // the first estimate arrives within 100 ms
  for (let i = 1; i < pts.length; i++)
    if (pts[i]!.epoch === pts[i - 1]!.epoch)
      expect(pts[i]!.estimate).toBeGreaterThanOrEqual(pts[i - 1]!.estimate);
}

const maxError = (run: ClockRun) =>
  Math.max(...afterConvergence(run).map((p) => Math.abs(p.error)));

// Per profile: the simulated duration, how soon it must converge, and the worst error allowed.
const cases: [ProfileName, { ms: number; convergeMs: number; maxErrorMs: number }][] = [
  ['fixed', { ms: 10_000, convergeMs: 500, maxErrorMs: 0.01 }],
  ['lan', { ms: 20_000, convergeMs: 500, maxErrorMs: 0.3 }],
  ['wifi', { ms: 30_000, convergeMs: 1500, maxErrorMs: 1 }],
  ['wifi-bursty', { ms: 30_000, convergeMs: 1500, maxErrorMs: 1 }],
  ['wifi-lossy', { ms: 30_000, convergeMs: 1500, maxErrorMs: 1 }],
  ['asymmetric', { ms: 30_000, convergeMs: 5000, maxErrorMs: 1.5 }],
];

describe('ClockSync on a simulated link', () => {
  for (const [profile, target] of cases) {
    it(`${profile}: converges, stays inside its own bound and the target, never runs backwards`, () => {
      for (const seed of SEEDS) {
        const world = new SimWorld({ profile: PROFILES[profile], seed, localOffsetMs: 3200 });
        const run = runFlagwallClock(world, target.ms);
        expect(run.convergeMs, `seed ${seed}`).not.toBeNull();
        expect(run.convergeMs!, `seed ${seed}`).toBeLessThanOrEqual(target.convergeMs);
        expectInsideOwnBound(run);
        expect(maxError(run), `seed ${seed}`).toBeLessThanOrEqual(target.maxErrorMs);
        expectMonotonic(run);
        // The bound stays near the 1 ms it converged at (it breathes with the jitter).
        expect(afterConvergence(run).at(-1)!.bound).toBeLessThanOrEqual(1.5);
      }
    });
  }

  for (const ppm of [100, -100]) {
    it(`holds a local clock drifting ${ppm} ppm (wifi, 3 simulated minutes)`, () => {
      const world = new SimWorld({
        profile: PROFILES.wifi,
        seed: 7,
        localOffsetMs: -1700,
        localDriftPpm: ppm,
      });
      const run = runFlagwallClock(world, 180_000, { sampleEveryMs: 50 });
      expectInsideOwnBound(run);
      expect(maxError(run)).toBeLessThanOrEqual(1);
      expect(run.clock.stats().ratePpm).toBeCloseTo(-ppm, -1); // within ±5 ppm
      expectMonotonic(run);
    });
  }

  for (const byMs of [250, -5000, 3_600_000]) {
    it(`re-converges fast after the hub clock steps by ${byMs} ms`, () => {
      const world = new SimWorld({
        profile: PROFILES.wifi,
        seed: 11,
        hubStep: { atMs: 20_000, byMs },
      });
      const run = runFlagwallClock(world, 30_000);
      expect(run.clock.epoch).toBe(1);
      const after = run.trace.filter((p) => p.epoch === 1 && p.converged);
      expect(after.length).toBeGreaterThan(0);
      // Converged again within 2.5 s of the step, and right from then on.
      expect(after[0]!.T).toBeLessThanOrEqual(22_500);
      for (const p of after) expect(Math.abs(p.error)).toBeLessThanOrEqual(p.bound);
      expectMonotonic(run);
    });
  }

  it('pings in a burst while converging, then slows as the history grows, down to slowPingMs', () => {
    const world = new SimWorld({ profile: PROFILES.wifi, seed: 5 });
    const c = new ClockSync();
    const delays: number[] = [];
    const ping = (): void => {
      world.pingPong((s) => c.addSample(s));
      delays.push(c.nextPingDelayMs(world.localAt()));
      world.afterLocal(delays.at(-1)!, ping);
    };
    ping();
    world.runUntil(120_000);
    const { fastPingMs, slowPingMs, fastPingCount } = c.opts;
    expect(delays.slice(0, fastPingCount - 1).every((d) => d === fastPingMs)).toBe(true);
    // Never faster again after the burst, and slower than the burst in between.
    const after = delays.slice(fastPingCount);
    for (let i = 1; i < after.length; i++)
      expect(after[i]!).toBeGreaterThanOrEqual(after[i - 1]! * 0.9);
    expect(after.some((d) => d > fastPingMs && d < slowPingMs)).toBe(true);
    expect(delays.at(-1)).toBe(slowPingMs);
  });

  it('does not switch to a shorter window whose fastest delivery sits above the floor', () => {
    // Wifi seed 10 (the bench's link, 3.2 s skew), 108–116 s: the 15 s window's fastest downlink
    // is 0.15 ms above the history's floor. Scored on its spacing alone it beat the 120 s window
    // and the error reached 0.086 ms; scored like the bound scores it, the error stays ~0.02.
    const world = new SimWorld({ profile: PROFILES.wifi, seed: 10, localOffsetMs: 3200 });
    const run = runFlagwallClock(world, 116_000);
    const stretch = run.trace.filter((p) => p.T >= 108_000);
    expect(Math.max(...stretch.map((p) => Math.abs(p.error)))).toBeLessThan(0.04);
  });

  it('keeps the start-up error inside its bound when the fastest deliveries come in a cluster', () => {
    // wifi-bursty seed 94 at 570 ms (96 samples): the 11 fastest downlinks lay within 0.75 ms of
    // the floor and the 12th 2.2 ms above it, so the spacing over 10 read 0.075 ms (true ~0.2)
    // and the bound, 0.57 ms, fell under the error, 0.725. Seed 92 at 420 ms alike (0.576 >
    // 0.544). The bound now also takes the spacing over the 20 fastest.
    for (const seed of [92, 94]) {
      const world = new SimWorld({ profile: PROFILES['wifi-bursty'], seed, localOffsetMs: 3200 });
      expectInsideOwnBound(runFlagwallClock(world, 2_000));
    }
  });
});

describe('ClockSync input handling', () => {
  it('rejects malformed samples and round-trip outliers without moving', () => {
    const c = new ClockSync();
    expect(c.addSample({ t0: 10, t1: 5, t2: 4, t3: 12 })).toBe(false); // t2 < t1
    expect(c.addSample({ t0: 10, t1: 5, t2: 5, t3: 9 })).toBe(false); // negative round trip
    expect(c.addSample({ t0: NaN, t1: 5, t2: 5, t3: 12 })).toBe(false);
    for (let i = 0; i < 10; i++) {
      const t0 = i * 100;
      expect(c.addSample({ t0, t1: t0 + 1000 + 1, t2: t0 + 1000 + 1, t3: t0 + 2 })).toBe(true);
    }
    const before = c.now(1000);
    // A 300 ms round trip after 2 ms ones: a burst, rejected.
    expect(c.addSample({ t0: 1000, t1: 2150, t2: 2150, t3: 1300 })).toBe(false);
    expect(c.stats(1000).rejected).toBe(4);
    expect(c.now(1000)).toBe(before);
    expect(before).toBeCloseTo(2000, 6);
  });

  it('judges outliers by the lowest round trip still kept, not one that left the history', () => {
    const c = new ClockSync({ rateWindowMs: 2000, maxSamples: 150, outlierSlackMs: 0 });
    // Hub = local, symmetric delays: an exchange of round trip `rtt` sent at t0.
    const exchange = (t0: number, rtt: number) =>
      c.addSample({ t0, t1: t0 + rtt / 2, t2: t0 + rtt / 2, t3: t0 + rtt });
    expect(exchange(0, 1)).toBe(true);
    for (let i = 1; i < 100; i++) expect(exchange(i * 10, 2)).toBe(true);
    expect(c.stats().rttMs).toBe(1);
    expect(exchange(1000, 3)).toBe(false); // over 2 × 1 ms
    // Past the 2 s window the 1 ms exchange is gone: 2 ms is the floor, 3 ms is no outlier.
    for (let i = 100; i < 210; i++) exchange(i * 10, 2);
    expect(c.stats().rttMs).toBe(2);
    expect(exchange(2100, 3)).toBe(true);
    // Dropped by count (maxSamples 150), not by age.
    expect(exchange(2110, 1.5)).toBe(true);
    expect(c.stats().rttMs).toBe(1.5);
    for (let i = 212; i < 362; i++) exchange(i * 10, 2);
    expect(c.stats().rttMs).toBe(2);
  });

  it('throws a TypeError for a bad option', () => {
    expect(() => new ClockSync({ slowPingMs: -1 })).toThrow(TypeError);
  });

  it('before any sample, now() is the local time and the bound is infinite', () => {
    const c = new ClockSync();
    expect(c.running).toBe(false);
    expect(c.now(123)).toBe(123);
    expect(c.errorBoundMs(123)).toBe(Infinity);
    c.seed(1000, 100);
    expect(c.now(150)).toBe(1050);
  });
});
