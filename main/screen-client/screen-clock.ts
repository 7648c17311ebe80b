/**
 * The headless screen's estimate of hub time: ping/pong over the hub link, fed to the shared
 * ClockSync estimator (shared/clock, docs/clock.md), which also paces the pings (fast while
 * converging, slow after). Converged means what ClockSync says: enough samples and an error bound
 * within its `convergedBoundMs`.
 */
import { encodePing, type PongMsg } from '../../shared/protocol/binary';
import { ClockSync, type ClockSyncStats } from '../../shared/clock';

export type ScreenClockStats = Pick<
  ClockSyncStats,
  'offsetMs' | 'errorMs' | 'rttMs' | 'converged' | 'samples'
>;

export class ScreenClock {
  private sync = new ClockSync();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (ping: Uint8Array) => boolean,
    private readonly local: () => number = () => performance.timeOrigin + performance.now(),
  ) {}

  /** Starts pinging from scratch: a new connection may be a new (or restarted) hub. */
  start(): void {
    this.stop();
    this.sync = new ClockSync();
    const loop = (): void => {
      this.send(encodePing(this.local()));
      this.timer = setTimeout(loop, this.sync.nextPingDelayMs(this.local()));
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A coarse first guess from the welcome's hub time, before any pong. */
  seed(hubTime: number): void {
    this.sync.seed(hubTime, this.local());
  }

  onPong(p: PongMsg): void {
    this.sync.addSample({ t0: p.t0, t1: p.t1, t2: p.t2, t3: this.local() });
  }

  /** Estimated hub time now, ms. */
  now(): number {
    return this.sync.now(this.local());
  }

  stats(): ScreenClockStats {
    const { offsetMs, errorMs, rttMs, converged, samples } = this.sync.stats(this.local());
    return { offsetMs, errorMs, rttMs, converged, samples };
  }
}
