/**
 * A HubClock whose time moves only when the test says so: `advance(ms)` runs every timer due in
 * that span, in time order, with `now()` set to each timer's due time.
 */
import type { HubClock } from '../../main/hub/clock';

interface Timer {
  id: number;
  due: number;
  every: number | null;
  fn: () => void;
}

export class FakeHubClock implements HubClock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setInterval(fn: () => void, ms: number): unknown {
    return this.add(fn, ms, ms);
  }

  setTimeout(fn: () => void, ms: number): unknown {
    return this.add(fn, ms, null);
  }

  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /**
   * Time passes while the event loop is busy (e.g. reading a long batch of sockets): `now()` moves
   * on but no timer fires until the next `advance`, as timers only run between batches.
   */
  busy(ms: number): void {
    this.time += ms;
  }

  /** Moves time forward by `ms`, firing due timers in order. Bounded: at most 1e6 firings. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let fired = 0; fired < 1_000_000; fired++) {
      let next: Timer | undefined;
      for (const t of this.timers.values())
        if (t.due <= end && (!next || t.due < next.due)) next = t;
      if (!next) break;
      this.time = Math.max(this.time, next.due); // an overdue timer runs late, not in the past
      if (next.every === null) this.timers.delete(next.id);
      else next.due += next.every;
      next.fn();
    }
    this.time = end;
  }

  private add(fn: () => void, ms: number, every: number | null): number {
    const id = this.nextId++;
    this.timers.set(id, {
      id,
      due: this.time + Math.max(0, ms),
      every: every && Math.max(1, every),
      fn,
    });
    return id;
  }
}
