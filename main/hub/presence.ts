/**
 * Presence (how many phones are on the wall) goes to every phone about once a second. Sending it
 * to thousands of sockets at once would block the event loop for tens of ms every second — a
 * latency spike for every screen — so each round is spread over the ticks until the next one.
 */
import type { HubMessage } from '../../shared/protocol/hub-messages';
import { ackedWithin } from './acks';
import type { Phone } from './phones';

export class PresenceRound<S> {
  private queue: S[] = [];
  private next = 0;
  private text = '';
  private perTick = 0;

  /** Starts a round: `text` for each of `clients`, spread over `ticks` ticks. */
  start(clients: Iterable<S>, text: string, ticks: number): void {
    this.queue = [...clients];
    this.next = 0;
    this.text = text;
    this.perTick = Math.max(1, Math.ceil(this.queue.length / Math.max(1, ticks)));
  }

  /** Sends this tick's share. */
  step(send: (client: S, text: string) => void): void {
    const end = Math.min(this.queue.length, this.next + this.perTick);
    for (; this.next < end; this.next++) send(this.queue[this.next]!, this.text);
    if (this.next >= this.queue.length && this.queue.length) this.queue = [];
  }
}

/**
 * The phone count and its rounds. Every ACK carries `count` too, so a phone ACKed within the last
 * round's interval is skipped: a moving crowd costs one write per ACK and no presence message.
 */
export class PhonePresence<S extends { phone: Phone | null }> {
  private readonly round = new PresenceRound<S>();
  /** Phones on the wall at the last round (0: not counted yet; ACKs then carry 0). */
  count = 0;

  constructor(private readonly intervalMs: number) {}

  /** Starts a round to `phones` spread over `ticks` ticks. */
  begin(count: number, phones: S[], ticks: number): void {
    this.count = count;
    const msg: HubMessage = { type: 'presence', phones: count };
    this.round.start(phones, JSON.stringify(msg), ticks);
  }

  /** This tick's share, to the phones `canSend` allows and that have no recent ACK. */
  step(now: number, canSend: (s: S) => boolean, send: (s: S, text: string) => void): void {
    this.round.step((s, text) => {
      if (canSend(s) && !ackedWithin(s.phone, now, this.intervalMs)) send(s, text);
    });
  }
}
