import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { encodeMove, encodeTap, quantize } from '../../../shared/protocol/binary';
import { connectMemoryClient, type MemoryClient } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

const TICK_MS = 1000 / 60;
const welcomeId = (c: MemoryClient): number | undefined => {
  const w = c.socket.json().find((m) => m.type === 'welcome');
  return w?.type === 'welcome' ? w.clientId : undefined;
};

describe('per-phone ripple rate', () => {
  it('drops and counts taps beyond the ripple bucket of the phone, then refills', () => {
    const { hub, clock } = createMemoryHub({
      limits: { phoneRipplesPerSecond: 3, phoneRippleBurst: 5 },
    });
    hub.start();
    const phone = connectMemoryClient(hub, { role: 'phone' });
    // Far apart, so the wall-wide merge rule keeps every one the phone's bucket lets through.
    for (let i = 0; i < 8; i++) phone.send(encodeTap(i / 8, i / 8));
    expect(hub.counters.phoneUpdates).toBe(5);
    expect(hub.counters.rateLimited).toBe(3);
    expect(hub.liveRipples).toBe(5);
    clock.advance(1000); // 3 tokens back
    for (let i = 0; i < 5; i++) phone.send(encodeTap(0.05 + i / 6, 0.9));
    expect(hub.counters.phoneUpdates).toBe(8);
    expect(hub.counters.rateLimited).toBe(5);
    expect(phone.socket.closeCode).toBeNull();
    hub.stop();
  });
});

describe('what phones receive', () => {
  it('gets its own ACK (latest position and presence count, at most phoneAckHz), never the ticks', () => {
    const { hub, clock } = createMemoryHub({ limits: { phoneAckHz: 10 } });
    hub.start();
    connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const me = connectMemoryClient(hub, { role: 'phone' });
    const other = connectMemoryClient(hub, { role: 'phone' });
    me.socket.clear();
    for (let i = 1; i <= 60; i++) {
      me.send(encodeMove(i, i / 100, 0.5));
      other.send(encodeMove(i, 0.5, i / 100));
      clock.advance(TICK_MS);
    }
    const acks = me.socket.acks();
    expect(acks.length).toBeGreaterThanOrEqual(9);
    expect(acks.length).toBeLessThanOrEqual(11); // 1 s at 10 Hz
    expect(acks.at(-1)?.seq).toBeGreaterThan(50);
    clock.advance(200);
    const last = me.socket.acks().at(-1)!;
    expect([last.seq, last.x]).toEqual([60, quantize(0.6) / 65535]);
    expect(me.socket.ticks()).toEqual([]);
    // While it moves, the presence count rides on its ACKs: no separate presence write.
    const presence = () => me.socket.json().filter((m) => m.type === 'presence');
    expect(last.phones).toBe(2);
    expect(presence()).toEqual([]);
    // Once it stops, the presence rounds reach it again.
    clock.advance(2000);
    expect(presence()).toEqual([{ type: 'presence', phones: 2 }]);
    hub.stop();
  });
});

describe('presence', () => {
  it('reaches every phone once a second, spread over the ticks rather than in one burst', () => {
    const { hub, clock } = createMemoryHub();
    hub.start();
    const phones = Array.from({ length: 120 }, () => connectMemoryClient(hub, { role: 'phone' }));
    const got = () =>
      phones.filter((p) => p.socket.json().some((m) => m.type === 'presence')).length;
    clock.advance(1020); // the round started at 1000 ms; one tick of it has run
    const first = got();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(120);
    clock.advance(880); // 1.9 s: the round is over, the next not begun
    expect(got()).toBe(120);
    const counts = phones.map((p) => p.socket.json().filter((m) => m.type === 'presence').length);
    expect(Math.max(...counts)).toBe(1);
    hub.stop();
  });
});

describe('ACK timing', () => {
  it('acks a moving phone from the receive path, between ticks, and a stopped one from the tick', () => {
    const { hub, clock } = createMemoryHub({ limits: { phoneAckHz: 5 } });
    hub.start();
    const me = connectMemoryClient(hub, { role: 'phone' });
    me.socket.clear();
    me.send(encodeMove(1, 0.1, 0.1));
    expect(me.socket.acks().map((a) => a.seq)).toEqual([1]); // at once, no tick yet
    clock.advance(100);
    me.send(encodeMove(2, 0.2, 0.2)); // within 200 ms of the last ACK: owed
    clock.advance(50);
    expect(me.socket.acks().length).toBe(1);
    clock.advance(60); // 210 ms since the ACK, and still idle: the tick sends the trailing one
    expect(me.socket.acks().map((a) => a.seq)).toEqual([1, 2]);
    clock.advance(1000);
    expect(me.socket.acks().length).toBe(2); // nothing new to confirm
    hub.stop();
  });
});

describe('capacity', () => {
  it('over maxPhones a phone waits politely and is admitted when a place frees', () => {
    const { hub, clock } = createMemoryHub({ settings: { maxPhones: 2 } });
    hub.start();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const a = connectMemoryClient(hub, { role: 'phone' });
    connectMemoryClient(hub, { role: 'phone' });
    const late = connectMemoryClient(hub, { role: 'phone', phone: { flag: 'fr', name: 'Zoé' } });
    expect(late.socket.json().map((m) => m.type)).toEqual(['welcome', 'wait']);
    expect(late.socket.closeCode).toBeNull();
    expect(welcomeId(late)).toBe(0);
    // Moves from a waiting phone are not on the wall.
    screen.socket.clear();
    late.send(encodeMove(1, 0.9, 0.9));
    clock.advance(TICK_MS);
    expect(screen.socket.ticks()[0]!.moves).toEqual([]);

    a.conn.closed(); // a leaves (it never moved: at once): its place frees
    clock.advance(TICK_MS); // roster changes go out with the next tick
    const welcomes = late.socket.json().filter((m) => m.type === 'welcome');
    expect(welcomes.length).toBe(2);
    const admittedId = welcomes[1]?.type === 'welcome' ? welcomes[1].clientId : 0;
    expect(admittedId).toBeGreaterThan(0);
    expect(welcomes[1]).toMatchObject({ flag: 'fr', name: 'Zoé' }); // what it asked for while waiting
    expect(
      screen.socket
        .json()
        .some((m) => m.type === 'roster' && m.upsert.some((p) => p.id === admittedId)),
    ).toBe(true);
    late.send(encodeMove(2, 0.25, 0.75));
    clock.advance(TICK_MS);
    expect(screen.socket.ticks().at(-1)!.moves).toEqual([
      { id: admittedId, qx: quantize(0.25), qy: quantize(0.75) },
    ]);
    hub.stop();
  });

  it('closes connections beyond the per-address cap with TOO_MANY_CONNECTIONS', () => {
    const { hub } = createMemoryHub({ limits: { maxPerAddress: 2 } });
    hub.start();
    const ok = [1, 2].map(() => connectMemoryClient(hub, { role: 'phone' }, '10.1.1.1'));
    const third = connectMemoryClient(hub, { role: 'phone' }, '10.1.1.1');
    const elsewhere = connectMemoryClient(hub, { role: 'phone' }, '10.1.1.2');
    expect(third.socket.closeCode).toBe(CloseCode.TOO_MANY_CONNECTIONS);
    expect(ok.map((c) => c.socket.closeCode)).toEqual([null, null]);
    expect(elsewhere.socket.closeCode).toBeNull();
    ok[0]!.conn.closed();
    const again = connectMemoryClient(hub, { role: 'phone' }, '10.1.1.1');
    expect(again.socket.closeCode).toBeNull();
    hub.stop();
  });
});
