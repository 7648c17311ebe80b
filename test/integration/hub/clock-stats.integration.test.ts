import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, TEST_KEY, type TestHub } from '../../support/hub';
import { TestClient } from '../../support/ws-client';
import { encodePing, BinTag } from '../../../shared/protocol/binary';

let hub: TestHub | null = null;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.stop();
  hub = null;
});

const stats = (jitterMs: number, errorMs = 0.2) => ({
  type: 'stats',
  clock: { offsetMs: 3200.5, errorMs, rttMs: 1.5, converged: true },
  fps: 59.9,
  jitterMs,
});

describe('screen clock stats on a real hub', () => {
  it('answers pings with hub times, shows reports on /healthz, and announces a higher playout delay', async () => {
    hub = await startTestHub();
    const screenHello = { role: 'screen' as const, key: TEST_KEY, screen: { name: 'left' } };
    const a = await TestClient.join(hub.wsUrl, screenHello);
    const b = await TestClient.join(hub.wsUrl, { ...screenHello, screen: { name: 'right' } });
    clients.push(a, b);

    // Ping → pong carrying our t0 and the hub's t1 ≤ t2.
    const t0 = 1234.5;
    a.sendBinary(encodePing(t0));
    const pong = await a.waitFor(
      () => {
        for (const r of a.received)
          if (r.kind === 'binary' && r.msg?.tag === BinTag.PONG) return r.msg;
        return undefined;
      },
      5000,
      'a pong',
    );
    expect(pong.t0).toBe(t0);
    expect(pong.t2).toBeGreaterThanOrEqual(pong.t1);
    expect(Math.abs(pong.t1 - Date.now())).toBeLessThan(5000);

    const before = (a.json('snapshot').at(-1) ?? { playoutDelayMs: 0 }).playoutDelayMs;
    a.sendJson(stats(1));
    b.sendJson(stats(40, 0.8));
    // 16.7 + 1.5/2 + 1.5·40 + 0.8 + 5 ≈ 83 ms, announced to both screens.
    const announced = await b.waitFor(
      () => b.json('settings').find((m) => m.playoutDelayMs > before),
      5000,
      'a settings message with a higher playout delay',
    );
    expect(announced.playoutDelayMs).toBe(83);
    await a.waitFor(() => a.json('settings').find((m) => m.playoutDelayMs === 83), 5000, 'a too');

    const health = (await (
      await fetch(`http://127.0.0.1:${hub.port}/healthz`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as {
      screens: number;
      playoutDelayMs: number;
      screenDetails: {
        name: string;
        clock: { offsetMs: number } | null;
        fps: number | null;
        jitterMs: number | null;
      }[];
    };
    expect(health.screens).toBe(2);
    expect(health.playoutDelayMs).toBe(83);
    const right = health.screenDetails.find((s) => s.name === 'right');
    expect(right).toMatchObject({
      fps: 59.9,
      jitterMs: 40,
      clock: { offsetMs: 3200.5, errorMs: 0.8, rttMs: 1.5, converged: true },
    });
  });
});
