/**
 * Which phones are owed an ACK (their latest accepted position), each listed once, sent at most
 * `phoneAckHz` per phone: a phone moving at 30 Hz is told where the hub has it without the hub
 * writing to every phone for every move.
 */
import type { Phone } from './phones';

/** What the hub did with one due ACK: sent it, kept it for a later tick, or dropped it. */
export type AckOutcome = 'sent' | 'later' | 'drop';

export class AckQueue {
  private readonly owed: Phone[] = [];

  mark(phone: Phone): void {
    if (phone.unacked) return;
    phone.unacked = true;
    this.owed.push(phone);
  }

  /** Offers each owed phone whose last ACK is at least `minGapMs` old to `send`. */
  flush(now: number, minGapMs: number, send: (phone: Phone) => AckOutcome): void {
    let keep = 0;
    for (let i = 0; i < this.owed.length; i++) {
      const phone = this.owed[i]!;
      const outcome = now - phone.lastAckAt < minGapMs ? 'later' : send(phone);
      if (outcome === 'later') {
        this.owed[keep++] = phone;
        continue;
      }
      phone.unacked = false;
      if (outcome === 'sent') phone.lastAckAt = now;
    }
    this.owed.length = keep;
  }
}
