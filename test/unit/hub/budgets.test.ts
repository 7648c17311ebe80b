import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { encodeMove, encodePing, encodeTap } from '../../../shared/protocol/binary';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { DEFAULT_CLOCK_OPTIONS } from '../../../shared/clock/types';
import { ABUSE, CONNECT_CHURN, DEFAULT_BUDGETS, MsgKind } from '../../../main/hub/budgets';
import type { HubLimits } from '../../../main/hub/limits';
import {
  connectMemoryClient,
  MemoryHubSocket,
  type MemoryClient,
} from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

const pongs = (c: MemoryClient | MemoryHubSocket): number => {
  const sock = c instanceof MemoryHubSocket ? c : c.socket;
  return sock.sent.filter((d) => typeof d !== 'string' && d[0] === 0x81).length;
};
const B = DEFAULT_BUDGETS;

function rig(limits: Partial<HubLimits> = {}) {
  const r = createMemoryHub({ limits });
  r.hub.start();
  return r;
}

describe('the budget gate', () => {
  it('answers a phone at most its PING burst at once, drops (counts) the rest, refills at its rate', () => {
    const { hub, clock } = rig();
    const phone = connectMemoryClient(hub, { role: 'phone' });
    for (let i = 0; i < 50; i++) phone.send(encodePing(i));
    expect(pongs(phone)).toBe(B.phone.ping.burst);
    expect(hub.gate.counters.drops[MsgKind.PING]).toBe(50 - B.phone.ping.burst);
    clock.advance(1000);
    for (let i = 0; i < 50; i++) phone.send(encodePing(i));
    expect(pongs(phone)).toBe(B.phone.ping.burst + B.phone.ping.rate);
    expect(phone.socket.closeCode).toBeNull(); // 80 drops: not yet abuse
    hub.stop();
  });

  it('budgets sockets before hello: a few PINGs, then drops', () => {
    const { hub } = rig();
    const socket = new MemoryHubSocket();
    const conn = hub.accept(socket, { address: '10.9.9.9' });
    for (let i = 0; i < 100; i++) conn.receive(encodePing(i), true);
    expect(pongs(socket)).toBe(B.pending.ping.burst);
    // Its hello still works: the role's own budget starts full.
    conn.receive(JSON.stringify({ type: 'hello', proto: PROTOCOL_VERSION, role: 'phone' }), false);
    expect(socket.json().map((m) => m.type)).toContain('welcome');
    hub.stop();
  });

  it("gives a screen (after its key) room for the clock's real burst: every 5 ms ping answered", () => {
    const { hub, clock } = rig();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const n = DEFAULT_CLOCK_OPTIONS.fastPingCount * 2; // converging twice as long as the minimum
    for (let i = 0; i < n; i++) {
      screen.send(encodePing(i));
      clock.advance(DEFAULT_CLOCK_OPTIONS.fastPingMs);
    }
    expect(pongs(screen)).toBe(n);
    expect(hub.gate.counters.drops[MsgKind.PING]).toBe(0);
    // The same schedule from a phone is mostly dropped: phones need far fewer.
    const phone = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.2');
    for (let i = 0; i < 100; i++) {
      phone.send(encodePing(i));
      clock.advance(DEFAULT_CLOCK_OPTIONS.fastPingMs);
    }
    expect(pongs(phone)).toBeLessThan(20);
    hub.stop();
  });

  it('limits MOVEs to cursorHz plus slack and TAPs to a few a second', () => {
    const { hub, clock } = rig({ phoneRipplesPerSecond: 100, phoneRippleBurst: 100 });
    const phone = connectMemoryClient(hub, { role: 'phone' });
    for (let i = 0; i < 150; i++) phone.send(encodeMove(i, 0.5, 0.5));
    expect(hub.counters.phoneUpdates).toBe(B.phone.move.burst);
    expect(hub.gate.counters.drops[MsgKind.MOVE]).toBe(150 - B.phone.move.burst);
    clock.advance(1000);
    const before = hub.counters.phoneUpdates;
    for (let i = 0; i < 40; i++) phone.send(encodeTap(i / 40, 0.5));
    expect(hub.counters.phoneUpdates - before).toBe(B.phone.tap.burst);
    expect(hub.gate.counters.drops[MsgKind.TAP]).toBe(40 - B.phone.tap.burst);
    hub.stop();
  });

  it('limits profile changes to a few a minute', () => {
    const { hub, clock } = rig();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const phone = connectMemoryClient(hub, { role: 'phone' });
    clock.advance(20);
    screen.socket.clear();
    for (let i = 0; i < 30; i++) phone.send({ type: 'profile', name: `n${i}` });
    clock.advance(20);
    const names = screen.socket
      .json()
      .flatMap((m) => (m.type === 'roster' ? m.upsert.map((p) => p.name) : []));
    expect(names).toEqual([`n${B.phone.profile.burst - 1}`]); // the last one let through
    expect(hub.gate.counters.drops[MsgKind.PROFILE]).toBe(30 - B.phone.profile.burst);
    hub.stop();
  });

  it('caps locate pulses per phone and for the whole wall', () => {
    const { hub } = rig();
    let located = 0;
    hub.extension = { message: (_s, m) => void (m.type === 'locate' && located++) };
    const one = connectMemoryClient(hub, { role: 'phone' });
    for (let i = 0; i < 10; i++) one.send({ type: 'locate' });
    expect(located).toBe(B.phone.locate.burst);
    const crowd = Array.from({ length: 60 }, (_, i) =>
      connectMemoryClient(hub, { role: 'phone' }, `10.2.0.${i}`),
    );
    for (const c of crowd) c.send({ type: 'locate' });
    expect(located).toBeLessThanOrEqual(20); // WALL_LOCATES burst, whoever asks
    expect(hub.gate.counters.drops[MsgKind.LOCATE]).toBeGreaterThanOrEqual(60 + 7 - 20);
    hub.stop();
  });

  it('closes a flood with RATE_LIMITED and cools its token and address down', () => {
    const { hub, clock } = rig({ rateLimitCooldownMs: 10_000 });
    const phone = connectMemoryClient(hub, { role: 'phone' }, '10.3.3.3');
    const welcome = phone.socket.json().find((m) => m.type === 'welcome');
    const resume = welcome?.type === 'welcome' ? welcome.resume : undefined;
    let sent = 0;
    while (phone.socket.closeCode === null && sent < 10_000) {
      phone.send(encodePing(sent++));
    }
    expect(phone.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    expect(sent).toBe(B.phone.ping.burst + ABUSE.burst + 1); // a flood lasts a few ms
    expect(hub.gate.counters.rateLimitClosed).toBe(1);
    // The same address, or the same token from elsewhere, may not join while it cools down.
    const again = connectMemoryClient(hub, { role: 'phone' }, '10.3.3.3');
    expect(again.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    const moved = connectMemoryClient(hub, { role: 'phone', resume }, '10.4.4.4');
    expect(moved.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    expect(hub.gate.counters.cooldownRefused).toBe(2);
    const neighbour = connectMemoryClient(hub, { role: 'phone' }, '10.3.3.4');
    expect(neighbour.socket.closeCode).toBeNull();
    clock.advance(10_001);
    const later = connectMemoryClient(hub, { role: 'phone' }, '10.3.3.3');
    expect(later.socket.closeCode).toBeNull();
    hub.stop();
  });

  it('lets a client slightly over budget run for seconds before closing it', () => {
    const { hub, clock } = rig();
    const phone = connectMemoryClient(hub, { role: 'phone' });
    // 2x its PING rate: 5 drops/s, under the abuse rate (20/s): never closed.
    for (let i = 0; i < 300; i++) {
      phone.send(encodePing(i));
      clock.advance(100);
    }
    expect(phone.socket.closeCode).toBeNull();
    // 50/s over: (50 - 20) drops/s net eat the 200 allowance in ~7 s.
    let ms = 0;
    while (phone.socket.closeCode === null && ms < 60_000) {
      phone.send(encodePing(ms));
      clock.advance(18);
      ms += 18;
    }
    expect(phone.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    expect(ms).toBeGreaterThan(3000);
    hub.stop();
  });

  it('refuses new sockets from one address beyond the connect-churn budget, before any work', () => {
    const { hub, clock } = rig();
    const socks = Array.from({ length: CONNECT_CHURN.burst + 50 }, () => {
      const s = new MemoryHubSocket();
      hub.accept(s, { address: '10.5.5.5' });
      return s;
    });
    const refused = socks.filter((s) => s.closeCode === CloseCode.RATE_LIMITED).length;
    expect(refused).toBe(50);
    expect(hub.gate.counters.churnRefused).toBe(50);
    const elsewhere = new MemoryHubSocket();
    hub.accept(elsewhere, { address: '10.5.5.6' });
    expect(elsewhere.closeCode).toBeNull();
    clock.advance(1000);
    const later = new MemoryHubSocket();
    hub.accept(later, { address: '10.5.5.5' });
    expect(later.closeCode).toBeNull();
    hub.stop();
  });

  it('keeps the churn and cooldown maps bounded however many addresses come', () => {
    const { hub } = rig({ maxTrackedAddresses: 100 });
    for (let i = 0; i < 1000; i++) {
      const s = new MemoryHubSocket();
      const conn = hub.accept(s, { address: `10.6.${i >> 8}.${i & 255}` });
      conn.closed();
    }
    expect(hub.gate.tracked.addresses).toBeLessThanOrEqual(100);
    hub.stop();
  });
});
