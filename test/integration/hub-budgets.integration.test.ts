/**
 * Well-formed abuse against a real hub on port 0 (issue 16, items 1-4): every loop bounded in
 * count and time, attackers on their own loopback addresses (127.0.x.y) so the cooldown of an
 * attacker's address never touches the honest clients on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeHubFrame, encodeMove, encodePing, encodeTap } from '../../shared/protocol/binary';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { SNAPSHOT_MAX_BYTES } from '../../main/hub/snapshot';
import { MAX_LIVE_RIPPLES } from '../../shared/scene/ripple-cap';
import { TestClient } from '../support/ws-client';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';

let hub: TestHub | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await hub?.stop();
  hub = null;
});

const tick = () => new Promise<void>((r) => setImmediate(r));
const attackerAddress = (i: number) => `127.0.${1 + Math.floor(i / 250)}.${2 + (i % 250)}`;

/** A raw phone on its own address: resolves once its welcome (and maybe wait) arrived. */
function rawPhone(url: string, i: number): Promise<{ ws: WebSocket; json: HubMessage[] }> {
  const ws = new WebSocket(url, { localAddress: attackerAddress(i), perMessageDeflate: false });
  sockets.push(ws);
  const json: HubMessage[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`phone ${i} got no welcome`)), 8000);
    ws.on('error', () => undefined);
    ws.on('close', () => clearTimeout(timer));
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'hello', proto: PROTOCOL_VERSION, role: 'phone' })),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = JSON.parse(String(data)) as HubMessage;
      json.push(msg);
      if (msg.type === 'welcome') {
        clearTimeout(timer);
        resolve({ ws, json });
      }
    });
  });
}

/** Sends `frame` from every socket as fast as it can, in small batches, until `ms` pass. */
async function flood(
  wss: WebSocket[],
  frame: () => Uint8Array | string,
  ms: number,
  max = 1e6,
  { batch = 50, onRound = () => undefined }: { batch?: number; onRound?: () => void } = {},
) {
  const end = Date.now() + ms;
  let sent = 0;
  while (Date.now() < end && sent < max) {
    for (const ws of wss) {
      if (ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > 256 * 1024) continue;
      for (let k = 0; k < batch; k++) ws.send(frame());
      sent += batch;
    }
    // A timer, not setImmediate: the hub shares this process, and a spinning client loop
    // would starve it of CPU on a loaded machine (that would measure the test, not the hub).
    await new Promise((r) => setTimeout(r, 1));
    onRound();
  }
  return sent;
}

/** A screen that records every TICK's hub time and every JSON message's size. */
async function screen(url: string) {
  const c = await TestClient.join(url, { role: 'screen', key: TEST_KEY, screen: { name: 's' } });
  const tickTimes: number[] = [];
  let rosterMsgs = 0;
  let rosterBytes = 0;
  c.ws.on('message', (data, isBinary) => {
    const buf = data as Buffer;
    if (isBinary) {
      const m = decodeHubFrame(new Uint8Array(buf));
      if (m?.tag === 0x82) tickTimes.push(m.hubTime);
    } else if (buf.includes('"roster"')) {
      rosterMsgs++;
      rosterBytes += buf.length;
    }
  });
  const maxGap = (from: number) => {
    const t = tickTimes.filter((x) => x >= from);
    let g = 0;
    for (let i = 1; i < t.length; i++) g = Math.max(g, t[i]! - t[i - 1]!);
    return { gap: g, ticks: t.length };
  };
  return { c, maxGap, roster: () => ({ msgs: rosterMsgs, bytes: rosterBytes }) };
}

describe('the hub under well-formed abuse', () => {
  it('a waiting phone that never reads and floods PINGs is closed; its queue stays bounded', async () => {
    hub = await startTestHub();
    hub.hub.updateSettings({ maxPhones: 1 });
    await TestClient.join(hub.wsUrl, { role: 'phone' }); // the one place is taken
    const rssBefore = process.memoryUsage().rss;
    const { ws, json } = await rawPhone(hub.wsUrl, 0);
    expect(json.map((m) => m.type)).toContain('wait');
    (ws as unknown as { _socket: { pause(): void } })._socket.pause(); // never reads again
    let maxQueued = 0;
    const h = hub;
    const watch = setInterval(() => {
      for (const s of h.hub.sessions)
        if (s.info.address.endsWith(attackerAddress(0)))
          maxQueued = Math.max(maxQueued, s.socket.bufferedAmount);
    }, 5);
    const sent = await flood([ws], () => encodePing(performance.now()), 3000, 200_000);
    clearInterval(watch);
    const attackerOpen = [...hub.hub.sessions].some((s) =>
      s.info.address.endsWith(attackerAddress(0)),
    );
    expect(attackerOpen).toBe(false);
    expect(hub.hub.gate.counters.rateLimitClosed).toBe(1);
    expect(maxQueued).toBeLessThanOrEqual(hub.hub.limits.phoneQueueBytes);
    expect(sent).toBeGreaterThan(1000);
    // Generous: the issue saw +2 GB. The whole test process (clients too) stays far under.
    expect((process.memoryUsage().rss - rssBefore) / 2 ** 20).toBeLessThan(150);
  }, 20_000);

  it('20 phones flooding valid PINGs do not stall the ticks a screen gets', async () => {
    hub = await startTestHub();
    const s = await screen(hub.wsUrl);
    const phones = await Promise.all(Array.from({ length: 20 }, (_, i) => rawPhone(hub!.wsUrl, i)));
    // The same screen's gaps with no attack, on this machine now: CI boxes share their cores.
    const quietFrom = performance.timeOrigin + performance.now();
    await new Promise((r) => setTimeout(r, 1500));
    const quiet = s.maxGap(quietFrom);
    const start = performance.timeOrigin + performance.now();
    await flood(
      phones.map((p) => p.ws),
      () => encodePing(performance.now()),
      3000,
      400_000,
    );
    await s.c.waitFor(() => s.maxGap(start).ticks > 90, 5000, 'ticks after the flood');
    const { gap, ticks } = s.maxGap(start);
    // Unbudgeted, this froze every screen for 1.5-3.1 s (issue 16). 250 ms, or 3x the quiet
    // gap when the machine itself is that loaded.
    expect(gap).toBeLessThan(Math.max(250, 3 * quiet.gap));
    expect(ticks).toBeGreaterThan(90); // 3 s at 60 Hz is 180
    expect(hub.hub.gate.counters.rateLimitClosed).toBe(20);
    expect(hub.hub.gate.counters.drops[0]).toBeGreaterThan(20 * 100);
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toMatch(/^flagwall_budget_drops_total\{kind="ping"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^flagwall_rate_limited_closed_total 20$/m);
  }, 30_000);

  it('a tap storm from 300 phones keeps live ripples and the snapshot bounded; a new screen joins', async () => {
    hub = await startTestHub();
    const phones: WebSocket[] = [];
    for (let i = 0; i < 300; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, k) => rawPhone(hub!.wsUrl, i + k)),
      );
      phones.push(...batch.map((b) => b.ws));
    }
    let maxLive = 0;
    const h = hub;
    let n = 0;
    await flood(phones, () => encodeTap((n++ % 97) / 97, (n % 89) / 89), 1500, 300_000, {
      batch: 5,
      onRound: () => (maxLive = Math.max(maxLive, h.hub.liveRipples)),
    });
    await new Promise((r) => setTimeout(r, 100)); // the last taps in flight
    maxLive = Math.max(maxLive, h.hub.liveRipples);
    expect(maxLive).toBeLessThanOrEqual(MAX_LIVE_RIPPLES);
    expect(maxLive).toBeGreaterThan(MAX_LIVE_RIPPLES / 2); // the storm did fill the wall
    const joinedAt = Date.now();
    const late = await TestClient.join(hub.wsUrl, { role: 'screen', key: TEST_KEY });
    const snapshot = await late.waitForJson('snapshot');
    expect(Date.now() - joinedAt).toBeLessThan(2000);
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeLessThanOrEqual(SNAPSHOT_MAX_BYTES);
    expect(snapshot.ripples.length).toBeLessThanOrEqual(MAX_LIVE_RIPPLES);
  }, 40_000);

  it('ghost churn (join, move, leave) keeps dozing phones and phones.json writes bounded', async () => {
    hub = await startTestHub({ limits: { maxDozing: 20 } });
    const writesBefore = hub.phoneStore.writes;
    const started = Date.now();
    let churned = 0;
    let maxDozing = 0;
    while (Date.now() - started < 3000 && churned < 600) {
      const wave = await Promise.all(
        Array.from({ length: 20 }, (_, k) => rawPhone(hub!.wsUrl, (churned + k) % 500)),
      );
      for (const { ws } of wave) ws.send(encodeMove(1, Math.random(), Math.random()));
      await tick();
      for (const { ws } of wave) ws.close();
      await new Promise((r) => setTimeout(r, 20));
      churned += wave.length;
      const dozing = [...hub.hub.phones.values()].filter((p) => p.dozing).length;
      maxDozing = Math.max(maxDozing, dozing);
    }
    const seconds = (Date.now() - started) / 1000;
    expect(churned).toBeGreaterThanOrEqual(100);
    expect(maxDozing).toBeLessThanOrEqual(20);
    expect(hub.hub.phones.size).toBeLessThanOrEqual(20 + 20); // dozers + the last wave
    // phones.json: at most one write per 2 s (plus the first), not one per change.
    expect(hub.phoneStore.writes - writesBefore).toBeLessThanOrEqual(Math.ceil(seconds / 2) + 2);
  }, 30_000);

  it('profile spam from 10 phones reaches a screen as a bounded trickle of roster messages', async () => {
    hub = await startTestHub();
    const s = await screen(hub.wsUrl);
    const phones = await Promise.all(Array.from({ length: 10 }, (_, i) => rawPhone(hub!.wsUrl, i)));
    let n = 0;
    const start = Date.now();
    const sent = await flood(
      phones.map((p) => p.ws),
      () => JSON.stringify({ type: 'profile', name: `spam ${n++}`, flag: 'fr' }),
      2000,
      100_000,
    );
    await s.c.waitFor(() => hub!.hub.gate.counters.rateLimitClosed >= 10, 3000, 'spam closed');
    const seconds = (Date.now() - start) / 1000;
    const r = s.roster();
    expect(sent).toBeGreaterThan(1000);
    expect(r.msgs).toBeLessThanOrEqual(Math.ceil(seconds * 60) + 10); // at most one per tick
    expect(r.bytes).toBeLessThan(64 * 1024); // the issue saw 49 MB
    expect(hub.hub.gate.counters.drops[3]).toBeGreaterThan(1000);
  }, 20_000);
});
