/**
 * The headless screen's estimate of hub time from ping/pong: NTP offset of the lowest-round-trip
 * sample of the last 32 (the approach of renderer/common/hub-clock.ts; the shared/clock
 * estimator can replace the internals). Pings fast while warming up so a new screen converges
 * quickly, then once a second.
 */
import { encodePing, type PongMsg } from '../../shared/protocol/binary';

export interface ScreenClockStats {
  offsetMs: number;
  errorMs: number;
  rttMs: number;
  converged: boolean;
  samples: number;
}

/** Samples needed before the estimate is called converged. */
export const WARMUP_SAMPLES = 8;
const WARMUP_INTERVAL_MS = 50;
const STEADY_INTERVAL_MS = 1000;

export class ScreenClock {
  private samples: { offset: number; rtt: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private offset = 0;
  private rtt = Infinity;

  constructor(
    private readonly send: (ping: Uint8Array) => boolean,
    private readonly local: () => number = () => performance.timeOrigin + performance.now(),
  ) {}

  /** Starts pinging from scratch (a new connection may be a new hub). */
  start(): void {
    this.stop();
    this.samples = [];
    this.rtt = Infinity;
    const loop = (): void => {
      this.send(encodePing(this.local()));
      const warm = this.samples.length < WARMUP_SAMPLES;
      this.timer = setTimeout(loop, warm ? WARMUP_INTERVAL_MS : STEADY_INTERVAL_MS);
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  seed(hubTime: number): void {
    if (this.samples.length === 0) this.offset = hubTime - this.local();
  }

  onPong(p: PongMsg): void {
    const t3 = this.local();
    const rtt = t3 - p.t0 - (p.t2 - p.t1);
    if (rtt < 0) return;
    this.samples.push({ offset: (p.t1 - p.t0 + (p.t2 - t3)) / 2, rtt });
    if (this.samples.length > 32) this.samples.shift();
    const best = this.samples.reduce((a, b) => (b.rtt < a.rtt ? b : a));
    this.offset = best.offset;
    this.rtt = best.rtt;
  }

  now(): number {
    return this.local() + this.offset;
  }

  stats(): ScreenClockStats {
    const rtt = Number.isFinite(this.rtt) ? this.rtt : 0;
    return {
      offsetMs: this.offset,
      errorMs: rtt / 2,
      rttMs: rtt,
      converged: this.samples.length >= WARMUP_SAMPLES,
      samples: this.samples.length,
    };
  }
}
