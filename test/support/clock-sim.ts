/**
 * Drives a ClockSync over a SimWorld exactly the way renderer/common/hub-clock.ts drives it in a
 * browser (ping, feed the pong, schedule the next ping with nextPingDelayMs) and records the
 * true error at a fixed true-time period. Shared by the clock unit tests and the clock bench.
 */
import { ClockSync } from '../../shared/clock/clock-sync';
import type { ClockSyncOptions } from '../../shared/clock/types';
import type { SimWorld } from './link-sim';

export interface ClockTracePoint {
  /** True time, ms from the start. */
  T: number;
  /** Estimated hub time − true hub time, ms. */
  error: number;
  /** The estimator's own bound at that moment. */
  bound: number;
  converged: boolean;
  /** The estimate itself (for monotonicity checks). */
  estimate: number;
  epoch: number;
}

export interface ClockRun {
  clock: ClockSync;
  trace: ClockTracePoint[];
  /** True time of the first point where the clock called itself converged (null: never). */
  convergeMs: number | null;
  pings: number;
}

export function runFlagwallClock(
  world: SimWorld,
  durationMs: number,
  opts: {
    sampleEveryMs?: number;
    clock?: Partial<ClockSyncOptions>;
    seedFromWelcome?: boolean;
  } = {},
): ClockRun {
  const clock = new ClockSync(opts.clock);
  const every = opts.sampleEveryMs ?? 10;
  const trace: ClockTracePoint[] = [];
  let convergeMs: number | null = null;
  let pings = 0;
  if (opts.seedFromWelcome ?? true) {
    // The welcome carries the hub's time at send; it arrives one downlink delay later.
    world.pingPong((s) => clock.seed(s.t2, s.t3));
  }
  const ping = (): void => {
    pings++;
    world.pingPong((s) => clock.addSample(s));
    world.afterLocal(clock.nextPingDelayMs(world.localAt()), ping);
  };
  ping();
  const sample = (): void => {
    const local = world.localAt();
    const estimate = clock.now(local);
    const bound = clock.errorBoundMs(local);
    const converged = clock.converged(local);
    if (converged && convergeMs === null) convergeMs = world.trueNow;
    trace.push({
      T: world.trueNow,
      error: estimate - world.hubAt(),
      bound,
      converged,
      estimate,
      epoch: clock.epoch,
    });
    if (world.trueNow + every <= durationMs) world.at(world.trueNow + every, sample);
  };
  world.at(every, sample);
  world.runUntil(durationMs);
  return { clock, trace, convergeMs, pings };
}

/** p-th percentile (0..100) of values, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
