/**
 * When the hub ticks. A timer alone is not enough under a crowd: timers run only between batches
 * of socket reads, and a batch can outlast a tick period, so every frame would wait for it. The
 * receive path therefore asks `overdue(now)` (one comparison) and ticks itself when the timer is
 * late; the timer then skips the tick it would have sent right after.
 */
import type { HubClock } from './clock';

export class TickSchedule {
  private timer: unknown = null;
  /** When the next tick is due (hub time); Infinity while stopped. */
  private dueAt = Infinity;
  private periodMs = 0;

  constructor(
    private readonly clock: HubClock,
    private readonly tick: () => void,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  /** (Re)starts ticking at `hz`. */
  start(hz: number): void {
    this.stop();
    this.periodMs = 1000 / hz;
    this.dueAt = this.clock.now() + this.periodMs;
    this.timer = this.clock.setInterval(() => {
      if (this.clock.now() >= this.dueAt - this.periodMs / 4) this.tick();
    }, this.periodMs);
  }

  stop(): void {
    this.clock.clearInterval(this.timer);
    this.timer = null;
    this.dueAt = Infinity;
  }

  /** A tick went out at `now` (from either path). */
  ticked(now: number): void {
    if (this.timer !== null) this.dueAt = now + this.periodMs;
  }

  /** True when the timer is late for the tick due by `now`: the caller ticks. */
  overdue(now: number): boolean {
    return now >= this.dueAt;
  }
}
