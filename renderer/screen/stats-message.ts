/**
 * The `stats` report a screen sends every few seconds. Values are clamped into what the hub's
 * schema accepts: a single odd reading (a negative round trip from a clock being slewed, an
 * infinite fps after a stalled tab) must not get the screen closed as malformed.
 */
import { UNKNOWN_CLOCK_ERROR_MS } from '../../shared/clock/types';
import type { StatsMsg } from '../../shared/protocol/messages';

// Before the first sample the clock's own bound is infinite: report UNKNOWN_CLOCK_ERROR_MS
// (large, finite) so /healthz and the console say "unknown" instead of a perfect 0.
import type { ClockStats } from '../common/hub-clock';

const finite = (v: number, fallback = 0): number => (Number.isFinite(v) ? v : fallback);
const clamp = (v: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, finite(v, lo)));

export function statsMessage(clock: ClockStats, fps: number, jitterMs: number): StatsMsg {
  return {
    type: 'stats',
    clock: {
      offsetMs: finite(clock.offsetMs),
      errorMs: clamp(finite(clock.errorMs, UNKNOWN_CLOCK_ERROR_MS), 0, UNKNOWN_CLOCK_ERROR_MS),
      rttMs: Math.max(0, finite(clock.rttMs)),
      converged: clock.converged === true,
    },
    fps: Math.round(clamp(fps, 0, 1000) * 10) / 10,
    jitterMs: clamp(jitterMs, 0, 10_000),
  };
}
