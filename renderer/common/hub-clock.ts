/**
 * The page's estimate of hub time, kept by ping/pong over the hub connection. The estimation is
 * shared/clock's ClockSync (pure, tested on a simulated link); this class only owns the timer
 * and the wire: it pings at the pace ClockSync asks for (a burst while converging, then slower)
 * and feeds each pong in with the local receive time.
 * Interface used by the screen page: start(), stop(), seed(), onPong(), now(), stats().
 */
import { ClockSync } from '../../shared/clock/clock-sync';
import type { ClockSyncOptions } from '../../shared/clock/types';
import { encodePing, type PongMsg } from '../../shared/protocol/binary';

export interface ClockStats {
  /** Hub − local offset the page uses now, ms. */
  offsetMs: number;
  /** Bound on |now() − true hub time|, ms (Infinity before the first pong). */
  errorMs: number;
  /** Smallest round trip of the recent samples, ms. */
  rttMs: number;
  converged: boolean;
  /** Hub clock rate relative to this page's clock, ppm. */
  ratePpm?: number;
  samples?: number;
  /** Hub clock steps (or hub restarts) detected: now() may jump when this changes. */
  epoch?: number;
}

export interface PingSink {
  /** False when the ping could not be sent (not connected). */
  send(data: Uint8Array): boolean;
}

export interface ClockTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: ClockTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Chrome coarsens performance.now() to 100 µs unless the page is cross-origin isolated; each
 * timestamp can be off by that much, so it belongs in the bound.
 */
const BROWSER_RESOLUTION_MS = 0.1;

export class HubClock {
  private readonly sync: ClockSync;
  private timer: unknown = null;

  constructor(
    private readonly sink: PingSink,
    private readonly local: () => number,
    options: Partial<ClockSyncOptions> = {},
    private readonly timers: ClockTimers = browserTimers,
  ) {
    this.sync = new ClockSync({ resolutionMs: BROWSER_RESOLUTION_MS, ...options });
  }

  start(): void {
    if (this.timer !== null) return;
    const loop = (): void => {
      const sent = this.sink.send(encodePing(this.local()));
      // A ping that never left does not count towards the burst: retry at the fast pace.
      const delay = sent ? this.sync.nextPingDelayMs(this.local()) : this.sync.opts.fastPingMs;
      this.timer = this.timers.setTimeout(loop, delay);
    };
    loop();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Seeds the estimate from the welcome's hub time before any pong has arrived. */
  seed(hubTime: number): void {
    this.sync.seed(hubTime, this.local());
  }

  onPong(p: PongMsg): void {
    this.sync.addSample({ t0: p.t0, t1: p.t1, t2: p.t2, t3: this.local() });
  }

  /** Estimated hub time now, ms: never runs backwards (except across a detected hub step). */
  now(): number {
    return this.sync.now(this.local());
  }

  stats(): ClockStats {
    const s = this.sync.stats(this.local());
    return {
      offsetMs: s.offsetMs,
      errorMs: s.errorMs,
      rttMs: s.rttMs,
      converged: s.converged,
      ratePpm: s.ratePpm,
      samples: s.samples,
      epoch: s.epoch,
    };
  }
}
