/**
 * The headless screen's estimate of hub time: shared/clock's PingedClock (the same ping pacing
 * and estimator as the pages, docs/clock.md) with Node's timers. Every start() begins from
 * scratch, since a new connection may reach a new (or restarted) hub.
 */
import { PingedClock, type ClockStats, type ClockTimers } from '../../shared/clock/pinged-clock';

export type ScreenClockStats = ClockStats;

const nodeTimers: ClockTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class ScreenClock extends PingedClock {
  constructor(
    send: (ping: Uint8Array) => boolean,
    local: () => number = () => performance.timeOrigin + performance.now(),
  ) {
    super({ send }, local, nodeTimers);
  }

  override start(): void {
    this.stop();
    this.reset();
    super.start();
  }
}
