/**
 * Fair order for the waiting queue: round-robin by address, so one address holding 500 waiting
 * sockets gets one place in turn with every other address, not every place that frees up. The
 * address served longest ago (or never) goes first; within an address, oldest socket first.
 */

export interface Waiter {
  readonly info: { readonly address: string };
  readonly connectedAt: number;
}

export class FairQueue {
  /** Address → when it was last given a place (a counter, not a time). Only waiting addresses. */
  private readonly lastServed = new Map<string, number>();
  private served = 0;

  /** `waiting` in the order places go to them. */
  order<T extends Waiter>(waiting: Iterable<T>): T[] {
    const byAddress = new Map<string, T[]>();
    for (const w of waiting) {
      const list = byAddress.get(w.info.address);
      if (list) list.push(w);
      else byAddress.set(w.info.address, [w]);
    }
    // Addresses no one waits from any more are forgotten (the map stays as small as the queue).
    for (const address of this.lastServed.keys())
      if (!byAddress.has(address)) this.lastServed.delete(address);
    const queues = [...byAddress.entries()].map(([address, list]) => {
      list.sort((a, b) => a.connectedAt - b.connectedAt);
      return { rank: this.lastServed.get(address) ?? -1, first: list[0]!.connectedAt, list };
    });
    queues.sort((a, b) => a.rank - b.rank || a.first - b.first);
    const out: T[] = [];
    // Round r takes each address's r-th socket; exhausted addresses drop out (O(queue) in all).
    let active = queues;
    for (let round = 0; active.length > 0; round++) {
      const next: typeof queues = [];
      for (const q of active) {
        out.push(q.list[round]!);
        if (q.list.length > round + 1) next.push(q);
      }
      active = next;
    }
    return out;
  }

  /** `w` was given a place: its address goes to the back of the round. */
  admitted(w: Waiter): void {
    this.lastServed.set(w.info.address, ++this.served);
  }
}
