/**
 * A client's estimate of hub time, kept by ping/pong: this class owns the ping timer and the
 * wire, ClockSync does the estimating. It pings at the pace ClockSync asks for (a burst while
 * converging, then slower) and feeds each pong in with the local receive time. Shared by the
 * browser pages (renderer/common/hub-clock.ts) and the Node screen client
 * (main/screen-client/screen-clock.ts); timers are injected, so shared/ stays platform-free and
 * tests run on virtual time.
 */
import { encodePing, type PongMsg } from '../protocol/binary';
import { ClockSync } from './clock-sync';
import type { ClockSyncOptions } from './types';

export interface ClockStats {
  /** Hub − local offset in use now, ms. */
  offsetMs: number;
  /** Bound on |now() − true hub time|, ms (Infinity before the first pong). */
  errorMs: number;
  /** Smallest round trip of the recent samples, ms. */
  rttMs: number;
  converged: boolean;
  /** Hub clock rate relative to the local clock, ppm. */
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

export class PingedClock {
  private sync: ClockSync;
  private timer: unknown = null;

  constructor(
    private readonly sink: PingSink,
    private readonly local: () => number,
    private readonly timers: ClockTimers,
    private readonly options: Partial<ClockSyncOptions> = {},
  ) {
    this.sync = new ClockSync(options);
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

  /** Forgets every sample: the next connection may reach another (or a restarted) hub. */
  reset(): void {
    this.sync = new ClockSync(this.options);
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

  /** Estimated hub time at a local time the caller has just read (the same guarantees). */
  nowAt(local: number): number {
    return this.sync.now(local);
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
