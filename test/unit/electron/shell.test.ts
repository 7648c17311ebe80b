import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningHub, StartHubOptions } from '../../../main/hub/start-hub';
import * as fake from './fake-electron';
import { ManualTimers, settle } from './helpers';
import { HUB, launch, type Launched } from './launch';

vi.mock('electron', () => import('./fake-electron'));

let running: Launched | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  vi.unstubAllEnvs();
});

/** A stand-in hub (the real one is exercised in security.test.ts): records starts and closes. */
function fakeHubs(
  failFirst = 0,
  portOf: (n: number) => number = () => 8080,
): {
  start: (opts: StartHubOptions) => Promise<RunningHub>;
  started: number;
  closed: number;
  options: StartHubOptions[];
} {
  const rec = {
    started: 0,
    closed: 0,
    options: [] as StartHubOptions[],
    start: async (opts: StartHubOptions): Promise<RunningHub> => {
      rec.started += 1;
      rec.options.push(opts);
      if (rec.started <= failFirst)
        throw new Error('listen EADDRINUSE: address already in use 0.0.0.0:8080');
      return {
        port: portOf(rec.started),
        url: 'http://192.168.0.9:8080',
        state: { key: 'stored-key-123', wall: 'w', hubId: 'h', settings: {} },
        close: async () => {
          rec.closed += 1;
        },
      } as unknown as RunningHub;
    },
  };
  return rec;
}

describe('roles', () => {
  it('hub role: runs the hub, shows the operator console on the primary display, no screen windows', async () => {
    const hubs = fakeHubs();
    running = await launch({
      config: { role: 'hub' },
      displays: [fake.display(1, -1920, 0), fake.display(2, 0, 0)],
      primary: 2,
      shell: { startHub: hubs.start },
    });
    expect(hubs.started).toBe(1);
    // Port from config, data next to config.json, no wall/key override unless configured.
    expect(hubs.options[0]).toMatchObject({ port: 8080, dataDir: running.userData });
    expect(hubs.options[0]).not.toHaveProperty('wall');
    expect(hubs.options[0]).not.toHaveProperty('key');
    expect(running.screens()).toHaveLength(0);
    const op = running.operator()!;
    expect(op.webContents.url).toBe('http://127.0.0.1:8080/operator?key=stored-key-123');
    expect(op.visible).toBe(true);
    expect(op.bounds.x).toBeGreaterThanOrEqual(0); // on the primary (x 0..1920), not the left one
    expect(op.options.kiosk).toBeUndefined();
    op.close(); // hidden, not gone; launching the app again brings it back
    expect(op.visible).toBe(false);
    fake.app.emit('second-instance');
    expect(op.visible && op.focused).toBe(true);
    expect(fake.powerSaveBlocker.types()).toEqual(['prevent-app-suspension']);
  });

  it('hub+screen role: screens load from the local hub; the chord brings the hidden console up and away', async () => {
    const hubs = fakeHubs();
    running = await launch({
      config: { role: 'hub+screen', key: 'configured-key' },
      argv: ['--wall', 'lobby'],
      shell: { startHub: hubs.start },
    });
    expect(hubs.options[0]).toMatchObject({ wall: 'lobby', key: 'configured-key' });
    const screen = running.screens()[0]!; // loads with the key the running hub reports
    expect(screen.webContents.url).toBe(
      'http://127.0.0.1:8080/screen?key=stored-key-123&x=0&y=0&w=1&h=1',
    );
    const op = running.operator()!;
    expect(op.visible).toBe(false);
    expect(screen.webContents.pressKey({ key: 'o', control: true, alt: true, shift: true })).toBe(
      true,
    );
    expect(op.visible && op.focused && op.alwaysOnTop).toBe(true);
    expect(screen.kiosk).toBe(true); // the wall stays in kiosk
    expect(op.webContents.pressKey({ key: 'O', control: true, alt: true, shift: true })).toBe(true);
    expect(op.visible).toBe(false);
    op.close(); // closing only hides
    expect(op.destroyed).toBe(false);
    expect(op.webContents.pressKey({ key: 'q', control: true })).toBe(true);
    expect(fake.app.quitCalls).toBe(1);
  });

  it('a configured operator chord replaces the default', async () => {
    running = await launch({
      config: { role: 'screen', hubUrl: HUB, operatorChord: 'Alt+Shift+F9' },
    });
    const win = running.screens()[0]!;
    expect(win.webContents.pressKey({ key: 'o', control: true, alt: true, shift: true })).toBe(
      true,
    ); // swallowed
    expect(win.kiosk).toBe(true);
    win.webContents.pressKey({ key: 'F9', alt: true, shift: true });
    expect(win.kiosk).toBe(false);
  });

  it('screen role without a hub URL says what to set and exits', async () => {
    const hooks = process.listeners('uncaughtException').length;
    running = await launch({ config: { role: 'screen' } });
    expect(process.listeners('uncaughtException')).toHaveLength(hooks); // nothing left behind
    expect(running.shell).toBeNull();
    expect(fake.app.exitCode).toBe(2);
    expect(running.screens()).toHaveLength(0);
    expect(running.logs.messages(50).join('\n')).toMatch(
      /no hub URL: start with --hub http:\/\/<hub-address>:8080 or set "hubUrl" in .*config\.json/,
    );
  });

  it('screen role without a hub URL asks discovery, patiently, for the configured wall', async () => {
    const timers = new ManualTimers();
    const asked: (string | undefined)[] = [];
    const findHub = async (wall?: string): Promise<string> => {
      asked.push(wall);
      if (asked.length < 3) throw new Error('no wall found within 10000 ms');
      return 'http://10.0.0.44:8080';
    };
    const pending = launch({
      config: { role: 'screen', key: 'wall-key-123' },
      argv: ['--wall', 'lobby'],
      timers,
      shell: { findHub },
    });
    for (const delay of [1000, 2000]) {
      await vi.waitFor(() => expect(timers.waiting()).toEqual([delay]));
      timers.advance(delay);
    }
    running = await pending;
    expect(asked).toEqual(['lobby', 'lobby', 'lobby']);
    expect(running.screens()[0]!.webContents.url).toMatch(
      /^http:\/\/10\.0\.0\.44:8080\/screen\?key=wall-key-123&/,
    );
    expect(running.logs.messages(40)).toEqual([
      'no hub found yet; looking again in 1000 ms',
      'no hub found yet; looking again in 2000 ms',
    ]);
  });

  it('without a wall name, discovery is asked for the only wall on the network', async () => {
    const asked: (string | undefined)[] = [];
    running = await launch({
      config: { role: 'screen', key: 'wall-key-123' },
      shell: { findHub: async (wall) => (asked.push(wall), 'http://10.0.0.45:8080') },
    });
    expect(asked).toEqual([undefined]);
  });

  it('--role screen --hub on the command line beats the file', async () => {
    running = await launch({
      config: { role: 'hub' },
      argv: ['--role', 'screen', '--hub', 'http://10.9.9.9:8080/'],
    });
    expect(running.shell!.config.role).toBe('screen');
    expect(running.screens()[0]!.webContents.url).toMatch(/^http:\/\/10\.9\.9\.9:8080\/screen\?/);
  });

  it('reports config problems by key, then runs on that key’s default', async () => {
    running = await launch({ config: { role: 'screen', hubUrl: HUB, displays: 'left', port: -1 } });
    const warnings = running.logs.messages(40);
    expect(warnings.some((m) => /"displays".*using the default "all"/.test(m))).toBe(true);
    expect(warnings.some((m) => /"port".*using the default 8080/.test(m))).toBe(true);
    expect(running.screens()).toHaveLength(1);
  });

  it('a second instance exits without touching anything', async () => {
    fake.resetFakeElectron();
    fake.app.lockHeld = false;
    const { startShell } = await import('../../../main/electron/shell');
    const { recordingLogger } = await import('./helpers');
    const logs = recordingLogger();
    expect(await startShell({ argv: [], log: logs.log })).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.all).toHaveLength(0);
    expect(logs.messages()[0]).toMatch(/already running/);
  });
});

describe('staying up', () => {
  it('keeps retrying a hub that will not start, with growing delays, then shows the wall', async () => {
    const hubs = fakeHubs(3);
    const timers = new ManualTimers();
    const pending = launch({
      config: { role: 'hub+screen' },
      shell: { startHub: hubs.start },
      timers,
    });
    // launch() waits for the hub; drive its clock from here until the hub is up.
    for (const [i, delay] of [1000, 2000, 4000].entries()) {
      await vi.waitFor(() => expect(hubs.started).toBe(i + 1));
      await vi.waitFor(() => expect(timers.waiting()).toEqual([delay]));
      expect(fake.BrowserWindow.all).toHaveLength(0); // nothing shown before there is a hub
      timers.advance(delay);
    }
    running = await pending;
    expect(hubs.started).toBe(4);
    expect(running.screens()).toHaveLength(1);
    expect(running.logs.messages(50)).toEqual([
      'hub failed; restart #1 in 1000 ms',
      'hub failed; restart #2 in 2000 ms',
      'hub failed; restart #3 in 4000 ms',
    ]);
  });

  it('restarts the hub after an uncaught error in the main process, without a dialog', async () => {
    const before = new Set(process.listeners('uncaughtException'));
    const hubs = fakeHubs();
    running = await launch({ config: { role: 'hub' }, shell: { startHub: hubs.start } });
    const ours = process.listeners('uncaughtException').filter((l) => !before.has(l));
    expect(ours).toHaveLength(1);
    ours[0]!(new Error('boom in a hub handler'), 'uncaughtException');
    await settle();
    expect(hubs.closed).toBe(1);
    expect(running.timers.waiting()).toEqual([1000]);
    running.timers.advance(1000);
    await settle();
    expect(hubs.started).toBe(2);
    expect(running.shell!.supervisor!.restarts).toBe(1);
    expect(running.shell!.supervisor!.hub).not.toBeNull();
    await running.shell!.stop();
    expect(process.listeners('uncaughtException').filter((l) => !before.has(l))).toHaveLength(0);
  });

  it('a hub that comes back on another port takes the windows with it', async () => {
    const before = new Set(process.listeners('uncaughtException'));
    const hubs = fakeHubs(0, (n) => 40000 + n);
    running = await launch({ config: { role: 'hub+screen' }, shell: { startHub: hubs.start } });
    const screen = running.screens()[0]!;
    expect(screen.webContents.url).toMatch(/^http:\/\/127\.0\.0\.1:40001\/screen\?/);
    process.listeners('uncaughtException').find((l) => !before.has(l))!(
      new Error('x'),
      'uncaughtException',
    );
    await settle();
    running.timers.advance(1000);
    await settle();
    expect(running.shell!.hubBase).toBe('http://127.0.0.1:40002');
    expect(screen.webContents.url).toMatch(
      /^http:\/\/127\.0\.0\.1:40002\/screen\?key=stored-key-123&/,
    );
    expect(running.operator()!.webContents.url).toBe(
      'http://127.0.0.1:40002/operator?key=stored-key-123',
    );
    expect(running.shell!.trust.allows('http://127.0.0.1:40002/')).toBe(true);
    expect(running.shell!.trust.allows('http://127.0.0.1:40001/')).toBe(false);
  });

  it('a screen-only machine logs an uncaught error instead of showing a dialog', async () => {
    const before = new Set(process.listeners('uncaughtException'));
    running = await launch({ config: { role: 'screen', hubUrl: HUB } });
    const ours = process.listeners('uncaughtException').filter((l) => !before.has(l));
    expect(ours).toHaveLength(1);
    ours[0]!(new Error('oops'), 'uncaughtException');
    expect(running.logs.messages(50)).toEqual(['uncaught error in the main process']);
    expect(running.screens()).toHaveLength(1);
    await running.stop();
    running = null;
    expect(process.listeners('uncaughtException').filter((l) => !before.has(l))).toHaveLength(0);
  });

  it('quitting stops the hub and closes every window', async () => {
    const hubs = fakeHubs();
    running = await launch({ config: { role: 'hub+screen' }, shell: { startHub: hubs.start } });
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    fake.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1));
    expect(hubs.closed).toBe(1);
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(fake.powerSaveBlocker.types()).toEqual([]);
  });
});

describe('autostart from config', () => {
  it('writes the XDG autostart entry when on and removes it when off', async () => {
    const configHome = mkdtempSync(join(tmpdir(), 'flagwall-xdg-'));
    vi.stubEnv('XDG_CONFIG_HOME', configHome);
    const entry = join(configHome, 'autostart', 'flagwall.desktop');
    try {
      running = await launch({ config: { role: 'screen', hubUrl: HUB, autostart: true } });
      expect(readFileSync(entry, 'utf8')).toMatch(/^\[Desktop Entry\][\s\S]*\nExec=\S+ \/app\n/);
      await running.stop();
      running = await launch({ config: { role: 'screen', hubUrl: HUB, autostart: false } });
      expect(existsSync(entry)).toBe(false);
    } finally {
      rmSync(configHome, { recursive: true, force: true });
    }
  });
});

describe('hub supervisor edges', () => {
  it('quitting while the hub is still failing to start ends the wait instead of hanging', async () => {
    const { HubSupervisor } = await import('../../../main/electron/hub-supervisor');
    const { recordingLogger } = await import('./helpers');
    const timers = new ManualTimers();
    const hubs = fakeHubs(100);
    const sup = new HubSupervisor({
      start: () => hubs.start({}),
      onUp: () => undefined,
      log: recordingLogger().log,
      timers,
    });
    const up = sup.run();
    await vi.waitFor(() => expect(timers.waiting()).toEqual([1000]));
    await sup.stop();
    expect(await up).toBeNull();
    expect(timers.waiting()).toEqual([]);
  });

  it('a burst of faults restarts the hub once', async () => {
    const { HubSupervisor } = await import('../../../main/electron/hub-supervisor');
    const { recordingLogger } = await import('./helpers');
    const timers = new ManualTimers();
    const hubs = fakeHubs();
    const sup = new HubSupervisor({
      start: () => hubs.start({}),
      onUp: () => undefined,
      log: recordingLogger().log,
      timers,
    });
    await sup.run();
    sup.fail(new Error('one'));
    sup.fail(new Error('two'));
    await settle();
    sup.fail(new Error('three'));
    expect(timers.waiting()).toEqual([1000]);
    timers.advance(1000);
    await settle();
    expect([hubs.started, hubs.closed, sup.restarts]).toEqual([2, 1, 1]);
    await sup.stop();
  });
});
