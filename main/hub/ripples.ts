/**
 * Ripples still alive, oldest first: what a joining screen's snapshot lists, and the taps a
 * screen that skipped ticks is sent again in its catch-up frame. Expired ones are dropped from
 * the head; a tap becomes a ripple only by the wall-wide rule of shared/scene/ripple-cap.ts, so
 * the log never holds more than MAX_LIVE_RIPPLES.
 */
import type { TickTap } from '../../shared/protocol/binary';
import type { RippleInfo } from '../../shared/protocol/hub-messages';
import { RIPPLE_LIFE_MS } from '../../shared/scene/evaluate';
import { admitsRipple } from '../../shared/scene/ripple-cap';

interface Ripple extends RippleInfo {
  /** The tap as it went out in a TICK. */
  tap: TickTap;
}

export class RippleLog {
  private readonly live: Ripple[] = [];
  private nextId = 1;

  /** Starts a ripple unless the wall is at its cap or a young one nearby already shows it. */
  add(x: number, y: number, tap: TickTap): boolean {
    this.prune(tap.t0);
    if (!admitsRipple(this.live, x, y, tap.t0)) return false;
    this.live.push({ id: this.nextId++, x, y, t0: tap.t0, tap });
    return true;
  }

  get size(): number {
    return this.live.length;
  }

  prune(now: number): void {
    let n = 0;
    while (n < this.live.length && now - this.live[n]!.t0 >= RIPPLE_LIFE_MS) n++;
    if (n) this.live.splice(0, n);
  }

  /** Taps that started after `t` (hub ms), oldest first. */
  tapsSince(t: number): TickTap[] {
    const out: TickTap[] = [];
    for (const r of this.live) if (r.t0 > t) out.push(r.tap);
    return out;
  }

  /** Forgets every live ripple (operator's "clear ripples"). */
  clear(): void {
    this.live.length = 0;
  }

  infos(): RippleInfo[] {
    return this.live.map(({ id, x, y, t0 }) => ({ id, x, y, t0 }));
  }
}
