/**
 * Ripples are a shared resource: a crowd tapping at once must still give a readable wall. The
 * hub admits a tap as a new ripple only if fewer than MAX_LIVE_RIPPLES are alive and no ripple
 * younger than RIPPLE_MERGE_MS started within RIPPLE_MERGE_RADIUS of it (that one already shows
 * the tap: it is merged into it, i.e. dropped). Screens apply the same cap to what they hold.
 */

/** Most ripples alive at once on the whole wall (each lives RIPPLE_LIFE_MS). */
export const MAX_LIVE_RIPPLES = 64;
/** A tap this close (wall fractions, either axis) to a young ripple merges into it. */
export const RIPPLE_MERGE_RADIUS = 0.04;
/** A ripple is "young" (absorbs nearby taps) for this long after it starts, ms. */
export const RIPPLE_MERGE_MS = 500;

export interface RippleAt {
  x: number;
  y: number;
  t0: number;
}

/**
 * True when a tap at (x, y) at time `now` may start a new ripple, given the live ones (oldest
 * first, expired ones already pruned). Scans only the young tail, so it stays cheap at the cap.
 */
export function admitsRipple(
  live: readonly RippleAt[],
  x: number,
  y: number,
  now: number,
): boolean {
  if (live.length >= MAX_LIVE_RIPPLES) return false;
  for (let i = live.length - 1; i >= 0; i--) {
    const r = live[i]!;
    if (now - r.t0 >= RIPPLE_MERGE_MS) break;
    if (Math.abs(r.x - x) <= RIPPLE_MERGE_RADIUS && Math.abs(r.y - y) <= RIPPLE_MERGE_RADIUS)
      return false;
  }
  return true;
}
