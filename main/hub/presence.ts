/**
 * Presence (how many phones are on the wall) goes to every phone about once a second. Sending it
 * to thousands of sockets at once would block the event loop for tens of ms every second — a
 * latency spike for every screen — so each round is spread over the ticks until the next one.
 */
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
