import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../../main/hub/fair-admission';

const w = (address: string, connectedAt: number) => ({
  info: { address },
  connectedAt,
  id: `${address}@${connectedAt}`,
});

describe('FairQueue', () => {
  it('interleaves addresses: one address with many sockets does not take every place', () => {
    const q = new FairQueue();
    const flood = Array.from({ length: 500 }, (_, i) => w('A', i));
    const order = q.order([...flood, w('B', 1000), w('C', 1001)]).map((x) => x.id);
    expect(order.slice(0, 4)).toEqual(['A@0', 'B@1000', 'C@1001', 'A@1']);
    expect(order).toHaveLength(502);
  });

  it('the address served last goes to the back of the round', () => {
    const q = new FairQueue();
    const waiting = [w('A', 0), w('A', 1), w('A', 2), w('B', 10), w('B', 11)];
    const taken: string[] = [];
    let left = waiting;
    for (let i = 0; i < 4; i++) {
      const next = q.order(left)[0]!;
      q.admitted(next);
      taken.push(next.id);
      left = left.filter((x) => x !== next);
    }
    expect(taken).toEqual(['A@0', 'B@10', 'A@1', 'B@11']);
  });

  it('within an address, oldest first', () => {
    const q = new FairQueue();
    expect(q.order([w('A', 5), w('A', 1), w('A', 3)]).map((x) => x.connectedAt)).toEqual([1, 3, 5]);
  });
});
