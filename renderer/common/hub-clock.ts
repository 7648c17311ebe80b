/**
 * The page's estimate of hub time: shared/clock's PingedClock with the browser's timers and
 * timestamp resolution. Interface used by the screen page: start(), stop(), seed(), onPong(),
 * now(), stats().
 */
import {
  PingedClock,
  type ClockStats,
  type ClockTimers,
  type PingSink,
} from '../../shared/clock/pinged-clock';
import type { ClockSyncOptions } from '../../shared/clock/types';

export type { ClockStats, ClockTimers, PingSink };

const browserTimers: ClockTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Chrome coarsens performance.now() to 100 µs unless the page is cross-origin isolated; each
 * timestamp can be off by that much, so it belongs in the bound.
 */
const BROWSER_RESOLUTION_MS = 0.1;

export class HubClock extends PingedClock {
  constructor(
    sink: PingSink,
    local: () => number,
    options: Partial<ClockSyncOptions> = {},
    timers: ClockTimers = browserTimers,
  ) {
    super(sink, local, timers, { resolutionMs: BROWSER_RESOLUTION_MS, ...options });
  }
}
