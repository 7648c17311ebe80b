import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { encodeMove, encodeTap, quantize } from '../../../shared/protocol/binary';
import { connectMemoryClient } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

const TICK_MS = 1000 / 60;
const SOFT = 64 * 1024;
const HARD = 1024 * 1024;

const setup = () => {
  const rig = createMemoryHub({ limits: { softBufferedBytes: SOFT, hardBufferedBytes: HARD } });
  rig.hub.start();
  const fast = connectMemoryClient(rig.hub, { role: 'screen', key: MEMORY_HUB_KEY });
  const slow = connectMemoryClient(rig.hub, { role: 'screen', key: MEMORY_HUB_KEY });
  const phone = connectMemoryClient(rig.hub, { role: 'phone' });
  const other = connectMemoryClient(rig.hub, { role: 'phone' });
  const idOf = (c: typeof phone) => {
    const w = c.socket.json().find((m) => m.type === 'welcome');
    return w?.type === 'welcome' ? w.clientId : -1;
  };
  return { ...rig, fast, slow, phone, other, phoneId: idOf(phone), otherId: idOf(other) };
};

describe('slow consumers', () => {
  it('a backed-up screen skips ticks, the others get every tick, and it catches up on resume', () => {
    const { hub, clock, fast, slow, phone, other, phoneId, otherId } = setup();
    other.send(encodeMove(1, 0.9, 0.1));
    clock.advance(TICK_MS);
    fast.socket.clear();
    slow.socket.clear();

    slow.socket.bufferedAmount = SOFT + 1;
    for (let i = 1; i <= 10; i++) {
      phone.send(encodeMove(i, i / 20, 0.5));
      clock.advance(TICK_MS);
    }
    phone.send(encodeTap(0.3, 0.3));
    clock.advance(TICK_MS);

    expect(fast.socket.ticks().length).toBe(11);
    expect(fast.socket.ticks().map((t) => t.tick)).toEqual(
      Array.from({ length: 11 }, (_, i) => fast.socket.ticks()[0]!.tick + i),
    );
    expect(slow.socket.ticks().length).toBe(0);
    expect(hub.counters.skippedTicks).toBe(11);

    slow.socket.bufferedAmount = 0; // it drained
    clock.advance(TICK_MS);
    const [catchUp] = slow.socket.ticks();
    expect(slow.socket.ticks().length).toBe(1);
    // Positions of every phone, including one that moved before the stall and not since.
    expect(catchUp!.moves).toEqual(
      expect.arrayContaining([
        { id: phoneId, qx: quantize(10 / 20), qy: quantize(0.5) },
        { id: otherId, qx: quantize(0.9), qy: quantize(0.1) },
      ]),
    );
    expect(catchUp!.taps.map((t) => [t.id, t.qx])).toEqual([[phoneId, quantize(0.3)]]);
    expect(hub.counters.catchUps).toBe(1);

    // Then back to ordinary deltas.
    phone.send(encodeMove(11, 0.7, 0.7));
    clock.advance(TICK_MS);
    expect(slow.socket.ticks()[1]!.moves).toEqual([
      { id: phoneId, qx: quantize(0.7), qy: quantize(0.7) },
    ]);
    expect(fast.socket.ticks().at(-1)!.moves).toEqual(slow.socket.ticks()[1]!.moves);
    hub.stop();
  });

  it('a screen past the hard cap is closed with TOO_SLOW; the others keep receiving', () => {
    const { hub, clock, fast, slow, phone } = setup();
    fast.socket.clear();
    slow.socket.bufferedAmount = HARD + 1;
    phone.send(encodeMove(1, 0.2, 0.2));
    clock.advance(TICK_MS);
    expect(slow.socket.closeCode).toBe(CloseCode.TOO_SLOW);
    expect(hub.counters.slowClosed).toBe(1);
    expect(hub.screens.size).toBe(1);
    for (let i = 0; i < 5; i++) clock.advance(TICK_MS);
    expect(fast.socket.ticks().length).toBe(6);
    expect(fast.socket.closeCode).toBeNull();
    hub.stop();
  });

  it('a stalled reader is skipped, then closed, never queueing much past the soft cap', () => {
    const { hub, clock, fast, slow, phone } = setup();
    // A crowd moving makes each tick a few hundred bytes (taps would be capped: ripple-cap.ts).
    const crowd = Array.from({ length: 50 }, (_, i) =>
      connectMemoryClient(hub, { role: 'phone' }, `10.0.1.${i}`),
    );
    slow.socket.stalled = true; // every byte the hub sends stays queued
    fast.socket.clear();
    let maxQueued = 0;
    let ticks = 0;
    let firstSkip = -1;
    for (; ticks < 60 * 60 && slow.socket.closeCode === null; ticks++) {
      if (firstSkip < 0 && hub.counters.skippedTicks > 0) firstSkip = ticks;
      phone.send(encodeMove(ticks, (ticks % 100) / 100, 0.5));
      for (const c of crowd) c.send(encodeMove(ticks, ((ticks * 7) % 100) / 100, 0.5));
      clock.advance(TICK_MS);
      maxQueued = Math.max(maxQueued, slow.socket.bufferedAmount);
    }
    expect(slow.socket.closeCode).toBe(CloseCode.TOO_SLOW);
    expect(hub.counters.skippedTicks).toBeGreaterThan(0);
    // Closed once backed up for maxBackedUpMs (5 s by default), not left skipping forever.
    expect(firstSkip).toBeGreaterThan(0);
    expect((ticks - firstSkip) * TICK_MS).toBeGreaterThan(5000 - 2 * TICK_MS);
    expect((ticks - firstSkip) * TICK_MS).toBeLessThan(5000 + 2 * TICK_MS);
    // One frame may land past the soft cap before skipping starts; then nothing more queues.
    expect(maxQueued).toBeLessThan(SOFT + 4096);
    expect(fast.socket.ticks().length).toBe(ticks);
    expect(fast.socket.closeCode).toBeNull();
    hub.stop();
  });

  it('a backed-up phone gets no ACKs until it drains, then only the latest', () => {
    const { hub, clock, phone } = setup();
    phone.socket.clear();
    phone.socket.bufferedAmount = 2048; // past a phone's soft cap (1 KiB), under its hard cap
    phone.send(encodeMove(1, 0.1, 0.1));
    clock.advance(200);
    phone.send(encodeMove(2, 0.2, 0.2));
    clock.advance(200);
    expect(phone.socket.acks()).toEqual([]);
    phone.socket.bufferedAmount = 0;
    clock.advance(TICK_MS);
    expect(phone.socket.acks()).toEqual([
      // phones 0: the first presence count comes at 1 s.
      { tag: 0x83, seq: 2, x: quantize(0.2) / 65535, y: quantize(0.2) / 65535, phones: 0 },
    ]);
    hub.stop();
  });
});
