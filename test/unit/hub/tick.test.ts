import { describe, expect, it } from 'vitest';
import { TickFanout, type DirtyPhone } from '../../../main/hub/tick';
import {
  MAX_TICK_ENTRIES,
  decodeHubFrame,
  encodeMove,
  encodeTap,
  encodeTick,
  quantize,
  type TickMsg,
} from '../../../shared/protocol/binary';
import { connectMemoryClient, type MemoryClient } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

const tickOf = (b: Uint8Array): TickMsg => {
  const m = decodeHubFrame(b);
  if (m?.tag !== 0x82) throw new Error('not a TICK');
  return m;
};
const phone = (id: number, x = 0.5, y = 0.5): DirtyPhone => ({ id, x, y, moved: false });

describe('TickFanout', () => {
  it('writes the same bytes as encodeTick (one layout)', () => {
    const f = new TickFanout<DirtyPhone>(() => true);
    const a = phone(7, 0.25, 0.75);
    const b = phone(9, 1, 0);
    f.moved(a);
    f.moved(b);
    f.left(3);
    f.tap({ id: 7, qx: 10, qy: 20, t0: 1234.5 });
    const ours = f.frame(99.25);
    const ref = encodeTick(
      0,
      99.25,
      [
        { id: 7, qx: quantize(0.25), qy: quantize(0.75) },
        { id: 9, qx: quantize(1), qy: quantize(0) },
      ],
      [3],
      [{ id: 7, qx: 10, qy: 20, t0: 1234.5 }],
    );
    expect(Buffer.from(ours).equals(Buffer.from(ref))).toBe(true);
    expect(tickOf(f.frame(100)).tick).toBe(1);
  });

  it('lists a phone once per tick however often it moved, with its latest position', () => {
    const f = new TickFanout<DirtyPhone>(() => true);
    const p = phone(1);
    for (const x of [0.1, 0.2, 0.3]) {
      p.x = x;
      f.moved(p);
    }
    const t = tickOf(f.frame(0));
    expect(t.moves).toEqual([{ id: 1, qx: quantize(0.3), qy: quantize(0.5) }]);
    expect(tickOf(f.frame(1)).moves).toEqual([]);
  });

  it('skips a phone removed after it moved', () => {
    const removed = new Set<number>([2]);
    const f = new TickFanout<DirtyPhone>((p) => !removed.has(p.id));
    f.moved(phone(1));
    f.moved(phone(2));
    expect(tickOf(f.frame(0)).moves.map((m) => m.id)).toEqual([1]);
  });

  it('spills taps and moves beyond 65535 into the next tick, in order, dropping none', () => {
    const f = new TickFanout<DirtyPhone>(() => true);
    const total = MAX_TICK_ENTRIES + 1000;
    for (let i = 0; i < total; i++) {
      f.tap({ id: i, qx: i & 0xffff, qy: 0, t0: i });
      f.moved(phone(i + 1));
    }
    const first = tickOf(f.frame(0));
    const second = tickOf(f.frame(1));
    expect(first.taps.length).toBe(MAX_TICK_ENTRIES);
    expect(first.moves.length).toBe(MAX_TICK_ENTRIES);
    expect(second.taps.length).toBe(1000);
    expect(second.moves.length).toBe(1000);
    const tapIds = [...first.taps, ...second.taps].map((t) => t.id);
    expect(tapIds).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(new Set([...first.moves, ...second.moves].map((m) => m.id)).size).toBe(total);
    expect(f.pending).toEqual({ moves: 0, taps: 0, gone: 0 });
  });
});

describe('hub coalescing', () => {
  const setup = () => {
    const rig = createMemoryHub();
    rig.hub.start();
    const screen = connectMemoryClient(rig.hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const phones: MemoryClient[] = [1, 2, 3].map(() =>
      connectMemoryClient(rig.hub, { role: 'phone' }),
    );
    const ids = phones.map((p) => {
      const w = p.socket.json().find((m) => m.type === 'welcome');
      return w?.type === 'welcome' ? w.clientId : -1;
    });
    return { ...rig, screen, phones, ids };
  };

  it('sends each moved phone once per tick with the latest position; taps all arrive', () => {
    const { hub, clock, screen, phones, ids } = setup();
    screen.socket.clear();
    phones[0]!.send(encodeMove(1, 0.1, 0.1));
    phones[0]!.send(encodeMove(2, 0.2, 0.2));
    phones[0]!.send(encodeMove(3, 0.3, 0.4));
    phones[1]!.send(encodeMove(1, 0.9, 0.9));
    for (let i = 0; i < 5; i++) phones[2]!.send(encodeTap(i / 10, 0.5));
    clock.advance(1000 / 60);
    const ticks = screen.socket.ticks();
    expect(ticks.length).toBe(1);
    const t = ticks[0]!;
    expect(t.moves).toEqual([
      { id: ids[0], qx: quantize(0.3), qy: quantize(0.4) },
      { id: ids[1], qx: quantize(0.9), qy: quantize(0.9) },
    ]);
    expect(t.taps.map((x) => [x.id, x.qx])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [ids[2], quantize(i / 10)]),
    );
    clock.advance(1000 / 60);
    const next = screen.socket.ticks()[1]!;
    expect(next.moves).toEqual([]);
    expect(next.taps).toEqual([]);
    expect(hub.counters.phoneUpdates).toBe(9);
    hub.stop();
  });

  it('sends an overdue tick from the receive path when the loop is too busy for its timer', () => {
    const { hub, clock, screen, phones, ids } = setup();
    const period = 1000 / 60;
    clock.advance(period); // one ordinary tick
    screen.socket.clear();
    clock.busy(period * 0.9); // reading sockets: the next tick is not due yet
    phones[0]!.send(encodeMove(1, 0.1, 0.1));
    expect(screen.socket.ticks()).toHaveLength(0);
    clock.busy(period * 0.2); // still reading: now it is due, but its timer cannot run
    phones[1]!.send(encodeMove(1, 0.9, 0.9));
    const ticks = screen.socket.ticks();
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.moves.map((m) => m.id)).toEqual([ids[0], ids[1]]);
    // The late timer then finds the tick already sent and does not send another right after it.
    clock.advance(1);
    expect(screen.socket.ticks()).toHaveLength(1);
    clock.advance(period);
    expect(screen.socket.ticks()).toHaveLength(2);
    expect(hub.counters.ticks).toBe(3);
    hub.stop();
  });
});
