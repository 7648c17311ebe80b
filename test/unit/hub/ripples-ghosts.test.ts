import { describe, expect, it } from 'vitest';
import { encodeMove, encodeTap } from '../../../shared/protocol/binary';
import { MAX_LIVE_RIPPLES, RIPPLE_MERGE_MS } from '../../../shared/scene/ripple-cap';
import { RIPPLE_LIFE_MS } from '../../../shared/scene/evaluate';
import { SceneStore } from '../../../shared/scene/store';
import { SNAPSHOT_MAX_BYTES, snapshotWorstBytes } from '../../../main/hub/snapshot';
import { connectMemoryClient, type MemoryClient } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

const TICK_MS = 1000 / 60;
const addr = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const phones = (hub: Parameters<typeof connectMemoryClient>[0], n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => connectMemoryClient(hub, { role: 'phone' }, addr(from + i)));
const idOf = (c: MemoryClient): number => {
  const w = c.socket.json().find((m) => m.type === 'welcome');
  return w?.type === 'welcome' ? w.clientId : -1;
};

describe('ripples are a shared, capped resource', () => {
  it('300 phones tapping at once never make more than MAX_LIVE_RIPPLES live ripples', () => {
    const { hub, clock } = createMemoryHub();
    hub.start();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const crowd = phones(hub, 300);
    let maxLive = 0;
    for (let round = 0; round < 30; round++) {
      crowd.forEach((c, i) =>
        c.send(encodeTap(((i * 37 + round * 11) % 300) / 300, (i % 17) / 17)),
      );
      clock.advance(200);
      maxLive = Math.max(maxLive, hub.liveRipples);
    }
    expect(maxLive).toBe(MAX_LIVE_RIPPLES);
    expect(hub.counters.ripplesMerged).toBeGreaterThan(0);
    // What the screen was told: never more started within one ripple life than the cap.
    const starts = screen.socket.ticks().flatMap((t) => t.taps.map((tap) => tap.t0));
    for (const t of starts) {
      expect(starts.filter((u) => u >= t && u < t + RIPPLE_LIFE_MS).length).toBeLessThanOrEqual(
        MAX_LIVE_RIPPLES,
      );
    }
    hub.stop();
  });

  it('a tap near a young ripple merges into it; later or farther it starts its own', () => {
    const { hub, clock } = createMemoryHub();
    hub.start();
    const [a, b] = phones(hub, 2);
    a!.send(encodeTap(0.5, 0.5));
    b!.send(encodeTap(0.52, 0.49)); // within the radius, same instant: merged
    expect(hub.liveRipples).toBe(1);
    b!.send(encodeTap(0.7, 0.5)); // far: its own
    expect(hub.liveRipples).toBe(2);
    clock.advance(RIPPLE_MERGE_MS + 1);
    a!.send(encodeTap(0.51, 0.5)); // the first one is no longer young
    expect(hub.liveRipples).toBe(3);
    hub.stop();
  });

  it('a screen never holds more than the cap, whatever ticks say', () => {
    const store = new SceneStore();
    const t = 1_700_000_000_000;
    const taps = Array.from({ length: 500 }, (_, i) => ({ id: 1, qx: i, qy: i, t0: t }));
    store.applyTick({ tag: 0x82, tick: 1, hubTime: t, moves: [], gone: [], taps });
    expect(store.view(t + 1).ripples.length).toBe(MAX_LIVE_RIPPLES);
  });

  it('the worst-case snapshot (2000 phones, 100 dozing, longest names and ids, full ripples) fits 256 KiB', () => {
    const { hub, clock } = createMemoryHub({ limits: { maxDozing: 100 } });
    hub.start();
    hub.phones.reserveIdsBelow(0xfffffffe - 2200);
    const worstName = '"'.repeat(24); // each escaped to 2 bytes: the name byte cap binds
    const join = (i: number) =>
      connectMemoryClient(hub, { role: 'phone', phone: { name: worstName, flag: 'gb' } }, addr(i));
    const leavers = Array.from({ length: 100 }, (_, i) => join(i));
    for (const c of leavers) c.send(encodeMove(1, 0.123457, 0.876543));
    for (const c of leavers) c.conn.closed(); // they moved, so they doze
    const stay = Array.from({ length: 2000 }, (_, i) => join(1000 + i));
    stay.forEach((c, i) => c.send(encodeMove(1, ((i * 7919) % 65535) / 65535, 0.333337)));
    expect(hub.phones.size).toBe(2100);
    clock.advance(TICK_MS);
    for (let i = 0; i < 200; i++) stay[i]!.send(encodeTap((i % 20) / 20 + 0.01, (i / 200) * 0.99));
    expect(hub.liveRipples).toBe(MAX_LIVE_RIPPLES);
    const bytes = Buffer.byteLength(JSON.stringify(hub.snapshot()));
    expect(bytes).toBeLessThanOrEqual(snapshotWorstBytes(2100));
    expect(snapshotWorstBytes(2100)).toBeLessThanOrEqual(SNAPSHOT_MAX_BYTES);
    // And what a screen actually receives on joining.
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY }, '10.99.0.1');
    const snap = screen.socket.sent.find((d) => typeof d === 'string' && d.includes('"snapshot"'));
    expect(Buffer.byteLength(snap as string)).toBeLessThanOrEqual(SNAPSHOT_MAX_BYTES);
    hub.stop();
  });
});

describe('ghosts', () => {
  it('a phone that never moved leaves at once; one that moved dozes', () => {
    const { hub, clock } = createMemoryHub();
    hub.start();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const [ghost, real] = phones(hub, 2);
    real!.send(encodeMove(1, 0.3, 0.3));
    clock.advance(TICK_MS);
    screen.socket.clear();
    ghost!.conn.closed();
    real!.conn.closed();
    clock.advance(TICK_MS);
    expect(hub.phones.get(idOf(ghost!))).toBeUndefined();
    expect(hub.phones.get(idOf(real!))?.dozing).toBe(true);
    const roster = screen.socket.json().filter((m) => m.type === 'roster');
    expect(roster).toEqual([
      {
        type: 'roster',
        upsert: [expect.objectContaining({ id: idOf(real!), dozing: true })],
        remove: [idOf(ghost!)],
      },
    ]);
    expect(screen.socket.ticks().at(-1)!.gone).toEqual([idOf(ghost!)]);
    hub.stop();
  });

  it('dozing phones are capped by maxDozing: the oldest dozer leaves first', () => {
    const { hub, clock } = createMemoryHub({ limits: { maxDozing: 5 } });
    hub.start();
    const crowd = phones(hub, 12);
    for (const c of crowd) c.send(encodeMove(1, 0.5, 0.5));
    for (const c of crowd) {
      c.conn.closed();
      clock.advance(10);
    }
    const dozing = [...hub.phones.values()].filter((p) => p.dozing).map((p) => p.id);
    expect(dozing).toEqual(crowd.slice(7).map(idOf)); // the 5 newest
    hub.stop();
  });

  it('profile changes and joins are batched: one roster message per tick', () => {
    const { hub, clock } = createMemoryHub();
    hub.start();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const crowd = phones(hub, 20);
    for (const c of crowd) for (let i = 0; i < 3; i++) c.send({ type: 'profile', name: `x${i}` });
    expect(screen.socket.json().filter((m) => m.type === 'roster')).toEqual([]);
    clock.advance(TICK_MS);
    const rosters = screen.socket.json().filter((m) => m.type === 'roster');
    expect(rosters.length).toBe(1);
    const r = rosters[0]!;
    expect(r.type === 'roster' && r.upsert.length).toBe(20);
    expect(r.type === 'roster' && r.upsert.every((p) => p.name === 'x2')).toBe(true);
    hub.stop();
  });
});
