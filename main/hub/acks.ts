/**
 * ACKs tell a phone its latest accepted position, at most `phoneAckHz` times a second each: a
 * phone moving at 30 Hz is not written to for every move. While a phone keeps moving, its ACK
 * goes out from the receive path, on the first move after the gap — so the writes are spread over
 * time instead of bunching in the tick that the screens wait for. The tick only sends the trailing
 * ACK of a phone that stopped, so the last position is always confirmed.
 */
import type { Phone } from './phones';

/** What the hub did with one due ACK: sent it, kept it for a later tick, or dropped it. */
export type AckOutcome = 'sent' | 'later' | 'drop';

export class AckQueue {
  private readonly owed: Phone[] = [];

  /** @param gapMs least time between two ACKs to one phone (1000 / phoneAckHz). */
  constructor(private readonly gapMs: () => number) {}

  /** A phone moved at `now`: true when its ACK is due right away (the caller sends it). */
  moved(phone: Phone, now: number): boolean {
    phone.movedAt = now;
    if (now - phone.lastAckAt >= this.gapMs()) return true;
    this.owe(phone);
    return false;
  }

  /** Keeps `phone` owed an ACK until a tick can send it. */
  owe(phone: Phone): void {
    if (phone.unacked) return;
    phone.unacked = true;
    this.owed.push(phone);
  }

  /** The caller sent an ACK to `phone` at `now`. */
  sent(phone: Phone, now: number): void {
    phone.lastAckAt = now;
    phone.unacked = false;
  }

  /** Trailing ACKs: phones owed one whose gap has passed and that have stopped moving. */
  flush(now: number, send: (phone: Phone) => AckOutcome): void {
    const gap = this.gapMs();
    let keep = 0;
    for (let i = 0; i < this.owed.length; i++) {
      const phone = this.owed[i]!;
      if (!phone.unacked) continue; // acked from the receive path meanwhile
      const idle = now - phone.movedAt >= gap / 2;
      const outcome = now - phone.lastAckAt < gap || !idle ? 'later' : send(phone);
      if (outcome === 'later') this.owed[keep++] = phone;
      else if (outcome === 'sent') this.sent(phone, now);
      else phone.unacked = false;
    }
    this.owed.length = keep;
  }
}

/**
 * True when `phone` got an ACK less than `ms` ago. ACKs carry the presence count, so such a phone
 * needs no presence message: a moving crowd costs one write per ACK and nothing more.
 */
export function ackedWithin(phone: Phone | null, now: number, ms: number): boolean {
  return phone !== null && now - phone.lastAckAt < ms;
}
