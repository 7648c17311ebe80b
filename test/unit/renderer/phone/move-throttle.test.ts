import { describe, expect, it } from 'vitest';
import { MoveThrottle, type Scheduler } from '../../../../renderer/phone/move-throttle';

/** A hand-driven clock: timers fire only when the test advances time. */
class FakeScheduler implements Scheduler {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

function setup(hz = 10) {
  const sched = new FakeScheduler();
  const sent: [number, number, number][] = [];
  const throttle = new MoveThrottle(hz, (x, y) => sent.push([sched.t, x, y]), sched);
  return { sched, sent, throttle };
}

describe('MoveThrottle', () => {
  it('sends the first move at once, then only the latest position per interval', () => {
    const { sched, sent, throttle } = setup(10); // 100 ms
    throttle.update(0.1, 0.1);
    expect(sent).toEqual([[0, 0.1, 0.1]]);
    sched.advance(20);
    throttle.update(0.2, 0.2);
    sched.advance(20);
    throttle.update(0.3, 0.3);
    expect(sent).toHaveLength(1);
    sched.advance(60);
    expect(sent).toEqual([
      [0, 0.1, 0.1],
      [100, 0.3, 0.3],
    ]);
  });

  it('sends nothing while the finger is still', () => {
    const { sched, sent, throttle } = setup(10);
    throttle.update(0.5, 0.5);
    sched.advance(1000);
    throttle.update(0.5, 0.5); // same place again
    sched.advance(1000);
    expect(sent).toHaveLength(1);
  });

  it('never exceeds the rate under a flood of moves', () => {
    const { sched, sent, throttle } = setup(30);
    for (let i = 0; i < 1000; i++) {
      throttle.update(i / 1000, 0.5);
      sched.advance(1);
    }
    sched.advance(100);
    // 1000 ms at 30 Hz: at most 31 sends (one leading), and the last position arrives
    expect(sent.length).toBeLessThanOrEqual(31);
    expect(sent.length).toBeGreaterThanOrEqual(29);
    expect(sent.at(-1)![1]).toBe(0.999);
    for (let i = 1; i < sent.length; i++)
      expect(sent[i]![0] - sent[i - 1]![0]).toBeGreaterThanOrEqual(1000 / 30 - 1e-9);
  });

  it('flush sends the pending position early; reset makes it resend the same place', () => {
    const { sched, sent, throttle } = setup(10);
    throttle.update(0.1, 0.1);
    throttle.update(0.2, 0.2);
    throttle.flush();
    expect(sent.map((s) => s[1])).toEqual([0.1, 0.2]);
    sched.advance(500);
    expect(sent).toHaveLength(2); // the cancelled timer does not fire again
    throttle.reset();
    throttle.update(0.2, 0.2);
    expect(sent).toHaveLength(3);
  });

  it('follows rate changes and clamps silly rates', () => {
    const { sched, sent, throttle } = setup(10);
    throttle.setRate(50); // 20 ms
    throttle.update(0.1, 0);
    throttle.update(0.2, 0);
    sched.advance(20);
    expect(sent.map((s) => s[0])).toEqual([0, 20]);
    throttle.setRate(Number.NaN); // falls back to 30 Hz rather than spinning
    throttle.update(0.3, 0);
    sched.advance(1);
    expect(sent).toHaveLength(2);
  });
});
