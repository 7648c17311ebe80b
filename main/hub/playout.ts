/** The playout delay every screen draws cursors behind hub time. */
import type { Settings } from '../../shared/scene/settings';

/** Never below this, ms: one 60 Hz tick plus scheduling slack on a wired LAN. */
export const MIN_PLAYOUT_MS = 35;
export const MAX_PLAYOUT_MS = 250;

/**
 * Operator's fixed value if set; otherwise two tick intervals plus twice the worst jitter any
 * screen reports, so the two snapshots around t − d have almost always arrived everywhere.
 */
export function choosePlayoutDelay(
  settings: Pick<Settings, 'playoutDelayMs' | 'tickHz'>,
  jitters: number[],
): number {
  if (settings.playoutDelayMs !== null) return settings.playoutDelayMs;
  const worst = jitters.length ? Math.max(...jitters) : 0;
  const d = 2000 / settings.tickHz + 2 * worst;
  return Math.round(Math.min(MAX_PLAYOUT_MS, Math.max(MIN_PLAYOUT_MS, d)));
}
