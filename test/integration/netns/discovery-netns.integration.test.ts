/**
 * Multi-host discovery on a private LAN of network namespaces (test/support/netns.ts): a hub in
 * one namespace, screens in others, real mDNS across a bridge. Skips, saying why, only when
 * namespaces cannot be created (not root); CI runs as root.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../main/paths';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { NsLan, namespaceProblem, type LineProcess } from '../../support/netns';

const problem = namespaceProblem();
if (problem) console.warn(`SKIPPED netns discovery tests: ${problem}`);

const CLI = join(packageRoot, 'dist', 'main', 'cli.js');
const KEY = 'netns-wall-key-1';
/**
 * Waits that include starting a process (Node, Python) are generous: on a loaded CI machine a
 * start alone can take seconds. The requirement under test (back within 5 s of a restart) is
 * asserted on its own, below.
 */
const STARTUP_MS = 15_000;
const FIND_HUB = join(packageRoot, 'test', 'integration', 'netns', 'find-hub-probe.ts');
const ZEROCONF = join(packageRoot, 'test', 'integration', 'netns', 'zeroconf_browse.py');

describe.skipIf(problem !== null)(
  'discovery across network namespaces',
  { timeout: 60_000 },
  () => {
    let lan: NsLan;
    const dirs: string[] = [];
    const dataDir = (): string => {
      const d = mkdtempSync(join(tmpdir(), 'flagwall-netns-'));
      dirs.push(d);
      return d;
    };
    const startHub = async (
      host: string,
      wall: string,
      data: string,
      port = 0,
    ): Promise<{ proc: LineProcess; port: number; hubId: string; upAt: number }> => {
      const proc = lan.spawn(
        host,
        process.execPath,
        [CLI, 'hub', '--port', String(port), '--data', data, '--name', wall, '--key', KEY],
        { FLAGWALL_LOG: 'info' },
      );
      const announced = await proc.waitForJson({ msg: 'announced on mDNS' }, STARTUP_MS);
      const hubId = (JSON.parse(readFileSync(join(data, 'hub.json'), 'utf8')) as { hubId: string })
        .hubId;
      return { proc, port: announced.json.port as number, hubId, upAt: announced.at };
    };
    const startScreen = (host: string, args: string[] = []): LineProcess =>
      lan.spawn(host, process.execPath, [
        CLI,
        'screen',
        '--key',
        KEY,
        '--data',
        dataDir(),
        ...args,
      ]);

    beforeAll(() => {
      if (!existsSync(CLI))
        throw new Error(`${CLI} is missing: run \`node build/bundle.mjs\` first`);
      lan = new NsLan('disc');
      for (const h of ['hub', 'hub2', 's1', 's2', 'iso']) lan.addHost(h);
    });

    // A failed test must not leave its hubs announcing into the next one.
    afterEach(async () => {
      await lan?.killAll();
    });

    afterAll(async () => {
      await lan?.destroy();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('screens find the wall and connect; after SIGKILL and restart both are back within 5 s', async () => {
      const data = dataDir();
      let hub = await startHub('hub', 'north', data);
      const only = startScreen('s1'); // no --wall: joins the only wall on the LAN
      const named = startScreen('s2', ['--wall', 'north']);
      for (const screen of [only, named]) {
        const live = await screen.waitForJson({ state: 'live' }, STARTUP_MS);
        const converged = await screen.waitForJson({ state: 'converged' }, STARTUP_MS);
        expect(live.json.hubId).toBe(hub.hubId);
        expect(live.json.url).toBe(`ws://${lan.hosts.get('hub')!.address}:${hub.port}/ws`);
        const first = screen.lines.find((l) => l.json)!.json!.t as number; // the client's first line
        report('screen start to live / converged', {
          screen: screen === only ? 'no --wall' : '--wall north',
          processToLiveMs: live.json.t,
          processToConvergedMs: converged.json.t,
          clientStartToLiveMs: Math.round((live.json.t as number) - first),
          clientStartToConvergedMs: Math.round((converged.json.t as number) - first),
        });
      }

      // SIGKILL, then restart: on the same port (as `flagwall hub` does with its default 8080), on
      // a new port (found again over mDNS), and on a new address (a reboot into a new DHCP lease).
      for (const variant of ['same port', 'new port', 'new address, same port'] as const) {
        const samePort = variant !== 'new port';
        const from = [only.lines.length, named.lines.length] as const;
        const killedAt = performance.now();
        hub.proc.kill('SIGKILL');
        await hub.proc.exited;
        if (variant === 'new address, same port') lan.readdress('hub', 200);
        const restartAt = performance.now();
        hub = await startHub('hub', 'north', data, samePort ? hub.port : 0);
        const back = await Promise.all(
          [only, named].map((s, i) => s.waitForJson({ state: 'live' }, STARTUP_MS, from[i])),
        );
        for (const b of back) {
          expect(b.json.hubId).toBe(hub.hubId); // same identity from the data dir
          expect(b.json.url).toBe(`ws://${lan.hosts.get('hub')!.address}:${hub.port}/ws`);
        }
        const lastBack = Math.max(...back.map((b) => b.at));
        // The requirement: once the hub is running again, both screens are back within 5 s.
        // (The hub's own start-up is reported, not asserted: it is Node starting on a busy box.)
        expect(lastBack - hub.upAt).toBeLessThan(5000);
        report(`hub SIGKILL + restart (${variant}) to both screens live`, {
          fromKillMs: Math.round(lastBack - killedAt),
          hubStartMs: Math.round(hub.upAt - restartAt),
          fromHubUpMs: Math.round(lastBack - hub.upAt),
          fromRestartMs: Math.round(lastBack - restartAt),
        });
      }
      hub.proc.kill('SIGTERM');
      await hub.proc.exited;
      only.kill();
      named.kill();
    });

    it('two walls on one LAN stay separate; a real mDNS client sees both, and the goodbye', async () => {
      const north = await startHub('hub', 'north', dataDir());
      const south = await startHub('hub2', 'south', dataDir());
      const browser = lan.spawn('s2', '/usr/bin/python3', [ZEROCONF, '20']);
      const forNorth = startScreen('s1', ['--wall', 'north']);
      const forSouth = startScreen('s2', ['--wall', 'south']);
      const undecided = startScreen('s1'); // no --wall, two walls: must wait and say so

      expect((await forNorth.waitForJson({ state: 'live' }, STARTUP_MS)).json.hubId).toBe(
        north.hubId,
      );
      expect((await forSouth.waitForJson({ state: 'live' }, STARTUP_MS)).json.hubId).toBe(
        south.hubId,
      );
      const waiting = await undecided.waitFor(
        (l) => l.state === 'discovering' && String(l.detail).includes('several walls'),
        STARTUP_MS,
      );
      expect(waiting.json.walls).toEqual(['north', 'south']);
      expect(undecided.jsonLines({ state: 'connecting' })).toEqual([]);

      for (const [hub, wall, host] of [
        [north, 'north', 'hub'],
        [south, 'south', 'hub2'],
      ] as const) {
        const seen = await browser.waitFor(
          (l) => l.event === 'added' && (l.txt as Record<string, string>)?.wall === wall,
          STARTUP_MS,
        );
        expect(seen.json.txt).toEqual({
          proto: String(PROTOCOL_VERSION),
          wall,
          id: hub.hubId,
          path: '/ws',
        });
        expect(seen.json.port).toBe(hub.port);
        expect(seen.json.addresses).toEqual([lan.hosts.get(host)!.address]);
        expect(String(seen.json.name)).toMatch(
          new RegExp(`^${wall} \\(.{8}\\)\\._flagwall\\._tcp\\.local\\.$`),
        );
      }

      // findHub(), the one-shot API the Electron screen role uses.
      const probe = (...wall: string[]) =>
        lan
          .spawn('s1', process.execPath, ['--import', 'tsx', FIND_HUB, ...wall])
          .waitFor(() => true, STARTUP_MS);
      const [foundSouth, ambiguous] = await Promise.all([probe('south'), probe()]);
      expect(foundSouth.json).toMatchObject({
        ok: true,
        hub: {
          wall: 'south',
          hubId: south.hubId,
          url: `http://${lan.hosts.get('hub2')!.address}:${south.port}`,
        },
      });
      expect(ambiguous.json).toMatchObject({
        ok: false,
        name: 'HubNotFoundError',
        message: expect.stringContaining('several walls'),
      });

      // Graceful stop sends goodbye packets: the other stack drops the service long before its TTL.
      const stopAt = performance.now();
      south.proc.kill('SIGTERM');
      const removed = await browser.waitFor(
        (l) => l.event === 'removed' && String(l.name).startsWith('south '),
        5000,
      );
      report('goodbye seen by python-zeroconf after SIGTERM', {
        ms: Math.round(removed.at - stopAt),
      });
      expect((await forSouth.waitForJson({ state: 'reconnecting' }, 5000)).json.wall).toBe('south');
      // The north screen never looked at the south hub.
      expect(forNorth.jsonLines({ hubId: south.hubId })).toEqual([]);
      north.proc.kill('SIGTERM');
      await Promise.all([north.proc.exited, south.proc.exited]);
      for (const p of [browser, forNorth, forSouth, undecided]) p.kill();
    });

    it('an mDNS fault (port 5353 taken) degrades discovery and crashes nothing', async () => {
      const holder = lan.spawn('iso', '/usr/bin/python3', [
        '-c',
        'import socket,sys,time\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(("0.0.0.0",5353))\nprint("bound",flush=True)\ntime.sleep(30)',
      ]);
      await holder.waitForText((t) => t === 'bound', STARTUP_MS);
      const hub = lan.spawn(
        'iso',
        process.execPath,
        [CLI, 'hub', '--port', '0', '--data', dataDir(), '--name', 'iso', '--key', KEY],
        { FLAGWALL_LOG: 'info' },
      );
      await hub.waitForJson({ msg: 'mDNS error (discovery degraded)' }, STARTUP_MS);
      const finder = startScreen('iso');
      await finder.waitForStderr('mDNS error (discovery degraded)', STARTUP_MS);
      // Both still run: the hub serves a screen that was given its address.
      const port = Number(
        /:(\d+)\/healthz/.exec(
          (await hub.waitForText((t) => t.startsWith('health:'), STARTUP_MS)).text,
        )?.[1],
      );
      const direct = startScreen('iso', ['--hub', `http://127.0.0.1:${port}`]);
      expect((await direct.waitForJson({ state: 'live' }, STARTUP_MS)).json.wall).toBe('iso');
      expect(finder.child.exitCode).toBeNull();
      expect(finder.jsonLines({ state: 'discovering' })).toHaveLength(1);
      for (const p of [direct, finder, hub, holder]) p.kill();
    });

    it('--no-mdns and "mdns": false in hub.json keep a hub off the network', async () => {
      const flagged = lan.spawn('hub', process.execPath, [
        CLI,
        'hub',
        '--no-mdns',
        '--port',
        '0',
        '--data',
        dataDir(),
        '--name',
        'quiet-flag',
        '--key',
        KEY,
      ]);
      const configured = dataDir();
      writeFileSync(
        join(configured, 'hub.json'),
        JSON.stringify({ hubId: 'cfg-quiet-hub', wall: 'quiet-config', key: KEY, mdns: false }),
      );
      const fromConfig = lan.spawn('iso', process.execPath, [
        CLI,
        'hub',
        '--port',
        '0',
        '--data',
        configured,
        '--key',
        KEY,
      ]);
      for (const quiet of [flagged, fromConfig])
        await quiet.waitForText((t) => t.startsWith('health:'), STARTUP_MS);
      // Both quiet hubs are up before the browser starts and the loud hub says goodbye: any answer
      // from them would come before the goodbye, and the browser prints what it sees in order.
      const loud = await startHub('hub2', 'loud', dataDir());
      const browser = lan.spawn('s1', '/usr/bin/python3', [ZEROCONF, '20']);
      await browser.waitFor(
        (l) => l.event === 'added' && (l.txt as Record<string, string>)?.wall === 'loud',
        STARTUP_MS,
      );
      loud.proc.kill('SIGTERM');
      await browser.waitFor(
        (l) => l.event === 'removed' && String(l.name).startsWith('loud '),
        5000,
      );
      expect(browser.lines.map((l) => l.text).filter((t) => t.includes('quiet'))).toEqual([]);
      for (const p of [browser, flagged, fromConfig, loud.proc]) p.kill();
    });
  },
);

function report(what: string, figures: Record<string, unknown>): void {
  console.log(JSON.stringify({ report: what, ...figures }));
}
