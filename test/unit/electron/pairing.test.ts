/**
 * The Electron screen role and pairing, on the mocked electron module: the credential a screen
 * page is issued is saved in config.json through the preload bridge and used at the next start;
 * discovery then joins only the hub it paired with, and refuses another hub announcing the wall.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../main/electron/ipc';
import { choosePinnedWall } from '../../../main/discovery/pinned-wall';
import type { WallAnnouncement } from '../../../main/discovery/wall-record';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import * as fake from './fake-electron';
import { ManualTimers } from './helpers';
import { HUB, launch, type Launched } from './launch';

vi.mock('electron', () => import('./fake-electron'));

let running: Launched | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const RECORD = { hubId: 'hub-paired-1', screenId: 'screen-id-42', credential: 'k'.repeat(43) };

const invokeFrom = (w: fake.BrowserWindow, channel: string, ...args: unknown[]) =>
  fake.ipcMain.invoke(channel, w.webContents, w.webContents.mainFrame, ...args);

const announce = (
  hubId: string,
  wall = 'lobby',
  url = 'http://10.0.0.7:8080',
): WallAnnouncement => ({
  wall,
  hubId,
  proto: PROTOCOL_VERSION,
  url,
  wsPath: '/ws',
  instance: `${wall} (${hubId})`,
  fqdn: `${wall} (${hubId})._flagwall._tcp.local`,
});

describe('Electron screen pairing', () => {
  it('a screen without a key loads its page without one; the issued credential is saved in config.json', async () => {
    running = await launch({ config: { role: 'screen', hubUrl: HUB, wall: 'lobby' } });
    const screen = running.screens()[0]!;
    expect(screen.webContents.url).toMatch(/^http:\/\/10\.1\.2\.3:8080\/screen\?x=/);
    expect(await invokeFrom(screen, IPC_CHANNELS.pairingGet)).toBeNull();
    await invokeFrom(screen, IPC_CHANNELS.pairingSave, { ...RECORD, extra: 'dropped' });
    const file = JSON.parse(readFileSync(join(running.userData, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    // Only "pairing" changed: the installer's keys are kept as written.
    expect(file).toEqual({
      autostart: false,
      role: 'screen',
      hubUrl: HUB,
      wall: 'lobby',
      pairing: RECORD,
    });
    expect(await invokeFrom(screen, IPC_CHANNELS.pairingGet)).toEqual(RECORD);
    await expect(invokeFrom(screen, IPC_CHANNELS.pairingSave, { hubId: 'x' })).rejects.toThrow(
      'not a pairing record',
    );
    // A frame that is not one of our screens gets nothing.
    const stranger = new fake.FakeWebContents();
    stranger.mainFrame.url = `${HUB}/screen`;
    await expect(
      fake.ipcMain.invoke(IPC_CHANNELS.pairingGet, stranger, stranger.mainFrame),
    ).rejects.toThrow('refused');
  });

  it('uses the saved credential at the next start: discovery is pinned to its hub id', async () => {
    const asked: [string | undefined, string | undefined][] = [];
    running = await launch({
      config: { role: 'screen', wall: 'lobby', pairing: RECORD },
      shell: {
        findHub: async (wall, hubId) => (asked.push([wall, hubId]), 'http://10.0.0.7:8080'),
      },
    });
    expect(asked).toEqual([['lobby', RECORD.hubId]]);
    expect(await invokeFrom(running.screens()[0]!, IPC_CHANNELS.pairingGet)).toEqual(RECORD);
    expect(running.logs.messages()).toContain(
      `no wall key: the screens log in with their pairing credential (hub ${RECORD.hubId})`,
    );
  });

  it('a different hub announcing the same wall is refused until re-paired; the paired hub is joined', async () => {
    const timers = new ManualTimers();
    let visible = [announce('impostor-9')];
    const findHub = async (wall?: string, hubId?: string): Promise<string> => {
      const choice = choosePinnedWall(visible, wall, hubId!);
      if (choice.kind === 'join') return choice.hub.url;
      throw new Error(choice.reason);
    };
    const pending = launch({
      config: { role: 'screen', wall: 'lobby', pairing: RECORD },
      timers,
      shell: { findHub },
    });
    await vi.waitFor(() => expect(timers.waiting()).toEqual([1000]));
    expect(fake.BrowserWindow.all.filter((w) => !w.destroyed)).toHaveLength(0); // not joined
    visible = [announce('impostor-9'), announce(RECORD.hubId, 'lobby', 'http://10.0.0.8:8080')];
    timers.advance(1000);
    running = await pending;
    expect(running.screens()[0]!.webContents.url).toMatch(/^http:\/\/10\.0\.0\.8:8080\/screen/);
    const refusal = running.logs.lines.find((l) => l.msg.startsWith('no hub found yet'));
    expect(String(refusal?.err)).toContain(
      'a different hub (impostor-9) is announcing wall "lobby": refusing it until this screen is re-paired',
    );
  });

  it('one admitted display pairs the machine: its other windows reload and log in with it', async () => {
    running = await launch({
      config: { role: 'screen', hubUrl: HUB },
      displays: [fake.display(1, 0, 0), fake.display(2, 1920, 0)],
      primary: 1,
    });
    const [first, second] = running.screens();
    await invokeFrom(first!, IPC_CHANNELS.pairingSave, RECORD);
    expect([first!.webContents.reloads, second!.webContents.reloads]).toEqual([0, 1]);
    expect(await invokeFrom(second!, IPC_CHANNELS.pairingGet)).toEqual(RECORD);
    // A revoke reaches every window from the hub; forgetting twice is harmless.
    await invokeFrom(first!, IPC_CHANNELS.pairingForget);
    await invokeFrom(second!, IPC_CHANNELS.pairingForget);
    expect(await invokeFrom(second!, IPC_CHANNELS.pairingGet)).toBeNull();
    expect(second!.webContents.reloads).toBe(1);
  });

  it('--pair forgets the stored pairing (the displays show a new code)', async () => {
    running = await launch({
      config: { role: 'screen', hubUrl: HUB, pairing: RECORD },
      argv: ['--pair'],
    });
    const file = JSON.parse(readFileSync(join(running.userData, 'config.json'), 'utf8')) as {
      pairing: unknown;
    };
    expect(file.pairing).toBeNull();
    expect(await invokeFrom(running.screens()[0]!, IPC_CHANNELS.pairingGet)).toBeNull();
  });

  it('a config.json that cannot be read is never overwritten by a save', async () => {
    running = await launch({ config: { role: 'screen', hubUrl: HUB } });
    const path = join(running.userData, 'config.json');
    writeFileSync(path, '{ not json');
    await expect(
      invokeFrom(running.screens()[0]!, IPC_CHANNELS.pairingSave, RECORD),
    ).rejects.toThrow('could not be read, so it was not changed');
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
    // Nor is a folder (or anything that is not a JSON object) in its place.
    rmSync(path);
    mkdirSync(path);
    await expect(
      invokeFrom(running.screens()[0]!, IPC_CHANNELS.pairingSave, RECORD),
    ).rejects.toThrow('could not be read, so it was not changed');
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it('each pairing save keeps the config.json before it as config.json.prev', async () => {
    running = await launch({ config: { role: 'screen', hubUrl: HUB } });
    const path = join(running.userData, 'config.json');
    const before = readFileSync(path, 'utf8');
    await invokeFrom(running.screens()[0]!, IPC_CHANNELS.pairingSave, RECORD);
    expect(readFileSync(`${path}.prev`, 'utf8')).toBe(before);
    await invokeFrom(running.screens()[0]!, IPC_CHANNELS.pairingForget);
    expect(JSON.parse(readFileSync(`${path}.prev`, 'utf8'))).toMatchObject({ pairing: RECORD });
  });
});

describe('choosePinnedWall', () => {
  it('joins only the pinned hub, whatever else announces the wall', () => {
    const mine = announce(RECORD.hubId, 'lobby', 'http://10.0.0.8:8080');
    expect(choosePinnedWall([announce('other'), mine], 'lobby', RECORD.hubId)).toMatchObject({
      kind: 'join',
      hub: mine,
    });
    expect(choosePinnedWall([announce('other'), mine], undefined, RECORD.hubId)).toMatchObject({
      kind: 'join',
      hub: mine,
    });
    expect(choosePinnedWall([announce('other')], undefined, RECORD.hubId)).toMatchObject({
      kind: 'wait',
      reason: expect.stringContaining('a different hub (other) is announcing wall "lobby"'),
    });
    expect(choosePinnedWall([announce('other', 'cafe')], 'lobby', RECORD.hubId)).toEqual({
      kind: 'wait',
      reason: `waiting for the hub this screen paired with (${RECORD.hubId})`,
    });
  });
});
