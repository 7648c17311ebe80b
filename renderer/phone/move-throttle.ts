/**
 * Streams the finger's position at most `hz` times a second: the first move after a pause goes
 * out at once (low latency), later ones are coalesced so only the latest position of each
 * interval is sent, and nothing is sent while the finger is still. Time is injected.
 */
export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class MoveThrottle {
  private pending: { x: number; y: number } | null = null;
  private last: { x: number; y: number } | null = null;
  private lastSentAt = -Infinity;
  private timer: unknown = null;
  private intervalMs: number;

  constructor(
    hz: number,
    private readonly send: (x: number, y: number) => void,
    private readonly sched: Scheduler,
  ) {
    this.intervalMs = MoveThrottle.interval(hz);
  }

  setRate(hz: number): void {
    this.intervalMs = MoveThrottle.interval(hz);
  }

  update(x: number, y: number): void {
    this.pending = { x, y };
    if (this.timer !== null) return;
    const wait = this.lastSentAt + this.intervalMs - this.sched.now();
    if (wait <= 0) this.flush();
    else this.timer = this.sched.setTimeout(() => this.flush(), wait);
  }

  /** Sends the pending position now (e.g. right before a tap), if it differs from the last. */
  flush(): void {
    if (this.timer !== null) this.sched.clearTimeout(this.timer);
    this.timer = null;
    const p = this.pending;
    this.pending = null;
    if (!p || (this.last && this.last.x === p.x && this.last.y === p.y)) return;
    this.last = p;
    this.lastSentAt = this.sched.now();
    this.send(p.x, p.y);
  }

  /** Forget what was sent (after a reconnect the hub should hear the position again). */
  reset(): void {
    this.last = null;
  }

  private static interval(hz: number): number {
    return 1000 / Math.min(120, Math.max(1, Number.isFinite(hz) ? hz : 30));
  }
}
