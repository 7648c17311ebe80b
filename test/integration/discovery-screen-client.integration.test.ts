/**
 * The headless screen client against a real hub on loopback (--hub, so no mDNS): states in
 * order, clock convergence, the scene store fed by the hub, a hub restart on the same port
 * (back with a fresh snapshot), and a refusal that is not retried.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_PATH } from '../support/hub-process';
import { HubLink, type LinkState } from '../../main/screen-client/hub-link';
import { ScreenClient, type ScreenEvent } from '../../main/screen-client/screen-client';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { TestClient } from '../support/ws-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function screen(
  url: string,
  key = TEST_KEY,
): {
  client: ScreenClient;
  events: ScreenEvent[];
  next(state: string, from?: number): Promise<ScreenEvent>;
} {
  const events: ScreenEvent[] = [];
  let wake: (() => void) | null = null;
  const client = new ScreenClient({
    hubUrl: url,
    key,
    name: 'left',
    onEvent: (e) => {
      events.push(e);
      wake?.();
    },
  });
  cleanups.push(() => client.stop());
  const next = async (state: string, from = 0): Promise<ScreenEvent> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const hit = events.slice(from).find((e) => e.state === state);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no "${state}" in ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 250);
        wake = () => (clearTimeout(t), resolve());
      });
    }
  };
  return { client, events, next };
}

describe('headless screen client', () => {
  let hub: TestHub;

  it('connects, converges, follows the wall, and comes back after a hub restart', async () => {
    hub = await startTestHub();
    cleanups.push(() => hub.stop());
    const s = screen(hub.url);
    s.client.start();
    expect((await s.next('live')).phones).toBe(0);
    const converged = await s.next('converged');
    expect(converged.clock?.converged).toBe(true);
    expect(converged.clock?.rttMs).toBeGreaterThanOrEqual(0);
    expect(s.events.map((e) => e.state)).toEqual(['connecting', 'live', 'converged']);
    expect(converged).toMatchObject({ wall: hub.state.wall, hubId: hub.state.hubId });

    const phone = await TestClient.join(hub.wsUrl, { role: 'phone', phone: { flag: 'fr' } });
    cleanups.push(() => phone.close());
    await phone.waitFor(() => s.client.store.phoneCount === 1, 5000, 'the screen to see the phone');

    const { port, dataDir } = hub;
    const from = s.events.length;
    await hub.stop({ keepData: true });
    expect((await s.next('reconnecting', from)).detail).toBeTruthy();
    hub = await startTestHub({ dataDir, port });
    const back = await s.next('live', from);
    // Fresh full snapshot: the phone, restored from the data dir, dozing until it resumes.
    expect(back.phones).toBe(1);
    expect(s.client.store.view(0).cursors[0]).toMatchObject({ flag: 'fr', dozing: true });
    await s.next('converged', from);
  });

  it('a wrong key is refused once, not retried', async () => {
    hub = await startTestHub();
    cleanups.push(() => hub.stop());
    const s = screen(hub.url, 'wrong-key-000');
    s.client.start();
    const refused = await s.next('refused');
    expect(refused.detail).toBe('wrong or missing wall key');
    expect(s.events.filter((e) => e.state === 'reconnecting')).toEqual([]);
  });

  it('`flagwall screen` rejects bad options with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flagwall-screen-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI_PATH, 'screen', '--data', dir, ...args], {
        encoding: 'utf8',
        env: { ...process.env, FLAGWALL_KEY: '' },
      });
    const noKey = run('--hub', 'http://127.0.0.1:9');
    expect([noKey.status, noKey.stderr]).toEqual([2, expect.stringContaining('no wall key')]);
    const badHub = run('--hub', 'ftp://x', '--key', 'k');
    expect([badHub.status, badHub.stderr]).toEqual([
      2,
      expect.stringContaining('--hub must look like'),
    ]);
    writeFileSync(join(dir, 'screen.json'), '{"hub": 5}');
    const badConfig = run();
    expect([badConfig.status, badConfig.stderr]).toEqual([
      2,
      expect.stringContaining('screen.json has a bad "hub"'),
    ]);
  });

  it('HubLink: full-jitter delays from the policy, reset on welcome; retryNow skips the wait', async () => {
    hub = await startTestHub();
    cleanups.push(() => hub.stop());
    const states: { state: LinkState; retryInMs?: number }[] = [];
    const link = new HubLink({
      url: hub.wsUrl,
      // A minute-long wait: the test only passes if retryNow() really cuts it short.
      backoff: { baseMs: 60_000, capMs: 120_000 },
      random: () => 0.5,
      hello: () => ({ type: 'hello', proto: PROTOCOL_VERSION, role: 'screen', key: TEST_KEY }),
      onMessage: () => {},
      onBinary: () => {},
      onState: (state, _detail, retryInMs) =>
        states.push({ state, ...(retryInMs !== undefined ? { retryInMs } : {}) }),
    });
    cleanups.push(() => link.stop());
    const probe = await TestClient.join(hub.wsUrl, { role: 'phone' });
    cleanups.push(() => probe.close());
    const until = (n: number, state: LinkState) =>
      probe.waitFor(
        () => states.filter((s) => s.state === state).length >= n,
        5000,
        `${n}× ${state}`,
      );
    link.start();
    await until(1, 'live');
    for (let round = 1; round <= 2; round++) {
      const { port, dataDir } = hub;
      await hub.stop({ keepData: true });
      await until(round, 'reconnecting');
      // attempt 0 every time: the counter was reset by the welcome before this drop.
      expect(states.filter((s) => s.state === 'reconnecting').at(-1)!.retryInMs).toBe(30_000);
      hub = await startTestHub({ dataDir, port });
      link.retryNow();
      await until(round + 1, 'live');
    }
    expect(link.attempts).toBe(3);
  });
});
