/**
 * The page's estimate of hub time, kept by ping/pong over the hub connection.
 * Interface used by the screen page: start(), onPong(), now(), stats().
 * (First version: offset from the lowest-round-trip sample of the last 32; the shared/clock
 * estimator replaces the internals.)
 */
import { encodePing, type PongMsg } from '../../shared/protocol/binary';

export interface ClockStats {
  offsetMs: number;
  errorMs: number;
  rttMs: number;
  converged: boolean;
}

export interface PingSink {
  send(data: Uint8Array): boolean;
}

export class HubClock {
  private samples: { offset: number; rtt: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private offset = 0;
  private rtt = Infinity;

  constructor(
    private readonly sink: PingSink,
    private readonly local: () => number,
  ) {}

  start(): void {
    const loop = (): void => {
      this.sink.send(encodePing(this.local()));
      this.timer = setTimeout(loop, this.samples.length < 8 ? 100 : 1000);
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** Seeds the estimate from the welcome's hub time before any pong has arrived. */
  seed(hubTime: number): void {
    if (this.samples.length === 0) this.offset = hubTime - this.local();
  }

  onPong(p: PongMsg): void {
    const t3 = this.local();
    const rtt = t3 - p.t0 - (p.t2 - p.t1);
    const offset = (p.t1 - p.t0 + (p.t2 - t3)) / 2;
    this.samples.push({ offset, rtt });
    if (this.samples.length > 32) this.samples.shift();
    const best = this.samples.reduce((a, b) => (b.rtt < a.rtt ? b : a));
    this.offset = best.offset;
    this.rtt = best.rtt;
  }

  /** Estimated hub time now, ms. */
  now(): number {
    return this.local() + this.offset;
  }

  stats(): ClockStats {
    const rtt = Number.isFinite(this.rtt) ? this.rtt : 0;
    return {
      offsetMs: this.offset,
      errorMs: rtt / 2,
      rttMs: rtt,
      converged: this.samples.length >= 8,
    };
  }
}
