/**
 * The playout delay d: every screen draws cursors at hub time t − d, interpolating between the
 * two tick snapshots around it, so d must cover a tick interval (the later snapshot must exist)
 * plus the time that snapshot takes to reach the slowest screen (its one-way floor, about half
 * its round trip, plus its tick jitter) plus that screen's clock error. One d for the whole wall,
 * chosen here from what the screens report, so every screen draws the same cursor positions.
 */
import type { Settings } from '../../shared/scene/settings';

/** Never below this, ms: one 60 Hz tick plus scheduling slack on a wired LAN. */
export const MIN_PLAYOUT_MS = 35;
export const MAX_PLAYOUT_MS = 250;
/** Jitter is reported as a p95; this covers the ticks beyond it. */
const JITTER_FACTOR = 1.5;
/** Frame scheduling slack (a 60 Hz frame can start up to ~a few ms late). */
const SLACK_MS = 5;
/** A lower d is only adopted once it is this much lower, and has been for HOLD_DOWN_MS. */
const LOWER_RATIO = 0.8;
export const HOLD_DOWN_MS = 10_000;

/** What a screen reports that matters here (all ms; any may be missing). */
export interface ScreenTiming {
  jitterMs?: number | undefined;
  rttMs?: number | undefined;
  errorMs?: number | undefined;
}

const nonNegative = (v: number | undefined): number =>
  v !== undefined && Number.isFinite(v) && v > 0 ? v : 0;

/**
 * The delay the reports call for: the operator's fixed value if set; otherwise one tick
 * interval plus the worst screen's (rtt/2 + 1.5 × jitter + clock error) plus slack, clamped.
 * Bare numbers are taken as jitter alone.
 */
export function choosePlayoutDelay(
  settings: Pick<Settings, 'playoutDelayMs' | 'tickHz'>,
  screens: readonly (number | ScreenTiming)[],
): number {
  if (settings.playoutDelayMs !== null) return settings.playoutDelayMs;
  let worst = 0;
  for (const s of screens) {
    const t: ScreenTiming = typeof s === 'number' ? { jitterMs: s } : s;
    const late = nonNegative(t.rttMs) / 2 + JITTER_FACTOR * nonNegative(t.jitterMs);
    worst = Math.max(worst, late + nonNegative(t.errorMs));
  }
  const d = 1000 / settings.tickHz + worst + SLACK_MS;
  return Math.round(Math.min(MAX_PLAYOUT_MS, Math.max(MIN_PLAYOUT_MS, d)));
}

/**
 * The announced d, with hysteresis: a change moves every cursor on the wall in time, so d
 * rises at once when the reports call for more (late snapshots freeze cursors), and falls only
 * when the lower value has been called for steadily for HOLD_DOWN_MS and is clearly lower.
 */
export class PlayoutDelay {
  private current: number | null = null;
  private lowerSince: number | null = null;

  /** Feeds the latest target at hub time `now`; returns the delay to use. */
  update(target: number, now: number): number {
    if (this.current === null || target >= this.current) {
      this.current = target;
      this.lowerSince = null;
    } else if (target > this.current * LOWER_RATIO) {
      this.lowerSince = null;
    } else {
      this.lowerSince ??= now;
      if (now - this.lowerSince >= HOLD_DOWN_MS) {
        this.current = target;
        this.lowerSince = null;
      }
    }
    return this.current;
  }
}
