/**
 * The `stats` report a screen sends every few seconds. Values are clamped into what the hub's
 * schema accepts: a single odd reading (a negative round trip from a clock being slewed, an
 * infinite fps after a stalled tab) must not get the screen closed as malformed.
 */
import type { StatsMsg } from '../../shared/protocol/messages';
import type { ClockStats } from '../common/hub-clock';

const finite = (v: number, fallback = 0): number => (Number.isFinite(v) ? v : fallback);
const clamp = (v: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, finite(v, lo)));

export function statsMessage(clock: ClockStats, fps: number, jitterMs: number): StatsMsg {
  return {
    type: 'stats',
    clock: {
      offsetMs: finite(clock.offsetMs),
      errorMs: Math.max(0, finite(clock.errorMs)),
      rttMs: Math.max(0, finite(clock.rttMs)),
      converged: clock.converged === true,
    },
    fps: Math.round(clamp(fps, 0, 1000) * 10) / 10,
    jitterMs: clamp(jitterMs, 0, 10_000),
  };
}
