/**
 * Fault injection on every data file the hub reads at start-up (hub.json, layout.json, show.json,
 * phones.json, screens.json, bans.json, blocked-flags.json) × every way it can be damaged. Each time a real hub starts on a real socket, a
 * screen with the wall's old key still connects to the same hub id, the damaged file is kept
 * aside as found, and exactly one warning line about that file is logged.
 *
 * "Unreadable" must hold for root too (CI runs as root, where chmod 000 stops nothing): the file
 * is replaced by a symbolic link to itself, which no one can read (ELOOP).
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHubState, saveHubState } from '../../main/config/hub-state';
import { saveLayout } from '../../main/config/layout-store';
import { saveBans, saveBlocklist } from '../../main/config/moderation-store';
import { saveScreens } from '../../main/config/screen-store';
import { savePhones } from '../../main/config/phone-store';
import { saveShow } from '../../main/config/show-store';
import { startHub, type RunningHub } from '../../main/hub/start-hub';
import { DEFAULT_SETTINGS } from '../../shared/scene/settings';
import { TestClient } from '../support/ws-client';

const KEY = 'the-old-wall-key-42';
const HUB_ID = '0b5e4c1e-0000-4000-8000-000000000042';
const SCREEN = {
  name: 'left',
  xMm: 0,
  yMm: 0,
  widthMm: 1210,
  heightMm: 680,
  bezelMm: { left: 3, right: 3, top: 3, bottom: 3 },
};

/** A paired screen: its credential must outlive any damage to screens.json. */
const PAIRED = {
  screenId: 'paired-screen-1',
  name: 'left',
  credential: 'c'.repeat(43),
  pairedAt: 1,
  lastSeenAt: null,
  revokedAt: null,
};
const BAN = {
  token: 'tok-banned',
  address: '10.0.0.9',
  until: Date.now() + 3_600_000,
  label: '#9 (de)',
};
const BLOCKED = ['by', 'ru'];

const dirs: string[] = [];
let running: RunningHub | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await running?.close();
  running = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data dir as a hub leaves it after two saves of each file: current and .prev generations. */
function seededDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flagwall-faults-'));
  dirs.push(dir);
  for (let i = 0; i < 2; i++) {
    saveHubState(dir, {
      hubId: HUB_ID,
      wall: 'lobby',
      key: KEY,
      settings: { ...DEFAULT_SETTINGS, flagSize: 0.2, tickHz: 30 },
    });
    saveLayout(dir, { screens: [SCREEN], wifi: 'venue-guest' });
    saveShow(dir, { blackout: true, paused: false, message: 'welcome' });
    savePhones(dir, {
      nextId: 8,
      phones: [{ id: 7, token: 'tok-7', flag: 'fr', name: 'ana', seenAt: Date.now() }],
    });
    saveScreens(dir, [PAIRED]);
    saveBans(dir, [BAN]);
    saveBlocklist(dir, BLOCKED);
  }
  return dir;
}

const FILES = [
  'hub.json',
  'layout.json',
  'show.json',
  'phones.json',
  'screens.json',
  'bans.json',
  'blocked-flags.json',
] as const;
type FileName = (typeof FILES)[number];

/** One wrong-typed field and one out-of-range field for each file, set on its valid content. */
const FIELD_FAULTS: Record<FileName, { wrongType: object; outOfRange: object }> = {
  'hub.json': {
    wrongType: { settings: { ...DEFAULT_SETTINGS, flagSize: 0.2, tickHz: 'fast' } },
    outOfRange: { settings: { ...DEFAULT_SETTINGS, flagSize: 0.2, tickHz: 100000 } },
  },
  'layout.json': { wrongType: { wifi: 42 }, outOfRange: { wifi: 'x'.repeat(500) } },
  'show.json': { wrongType: { paused: 'no' }, outOfRange: { message: 'x'.repeat(500) } },
  'phones.json': { wrongType: { nextId: 'eight' }, outOfRange: { nextId: 0 } },
  // List files: one bad record beside the valid one, which must survive it.
  'screens.json': {
    wrongType: { screens: [{ ...PAIRED, screenId: 'other-screen-2', credential: 42 }, PAIRED] },
    outOfRange: {
      screens: [PAIRED, { ...PAIRED, screenId: 'other-screen-2', name: 'x'.repeat(500) }],
    },
  },
  'bans.json': {
    wrongType: { bans: [{ ...BAN, token: 'tok-2', until: 'soon' }, BAN] },
    outOfRange: { bans: [BAN, { ...BAN, token: 'x'.repeat(500) }] },
  },
  'blocked-flags.json': {
    wrongType: { blockedFlags: [7, ...BLOCKED] },
    outOfRange: { blockedFlags: [...BLOCKED, 'rus'] },
  },
};

type Fault =
  | 'truncated'
  | 'empty'
  | 'garbage'
  | 'wrong type'
  | 'out-of-range field'
  | 'a directory in its place'
  | 'unreadable (symlink loop)';
const FAULTS: Fault[] = [
  'truncated',
  'empty',
  'garbage',
  'wrong type',
  'out-of-range field',
  'a directory in its place',
  'unreadable (symlink loop)',
];

/** Damages `file` in `dir`; returns the bytes now there (null when it is not a file). */
function damage(dir: string, file: FileName, fault: Fault): string | null {
  const path = join(dir, file);
  const valid = readFileSync(path, 'utf8');
  const write = (text: string): string => (writeFileSync(path, text), text);
  switch (fault) {
    case 'truncated':
      return write(valid.slice(0, Math.floor(valid.length / 2)));
    case 'empty':
      return write('');
    case 'garbage':
      return write('\u0000\u00ff garbage }{ not json at all');
    case 'wrong type':
    case 'out-of-range field': {
      const patch = FIELD_FAULTS[file][fault === 'wrong type' ? 'wrongType' : 'outOfRange'];
      return write(JSON.stringify({ ...(JSON.parse(valid) as object), ...patch }));
    }
    case 'a directory in its place':
      rmSync(path);
      mkdirSync(path);
      writeFileSync(join(path, 'inside.txt'), 'someone else put this here');
      return null;
    case 'unreadable (symlink loop)':
      rmSync(path);
      symlinkSync(basename(path), path);
      return null;
  }
}

interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

async function start(dir: string): Promise<{ hub: RunningHub; logs: LogLine[] }> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  running = await startHub({
    port: 0,
    host: '127.0.0.1',
    mdns: false,
    dataDir: dir,
    log: pino({ level: 'info' }, sink),
  });
  return { hub: running, logs };
}

/** A screen with the old key connects over a real socket, to the same hub. */
async function oldKeyConnects(hub: RunningHub): Promise<void> {
  const screen = await TestClient.join(`ws://127.0.0.1:${hub.port}/ws`, {
    role: 'screen',
    key: KEY,
    screen: { name: 'left' },
  });
  clients.push(screen);
  expect(screen.json('welcome')[0]?.hubId).toBe(HUB_ID);
}

const keptAside = (dir: string, file: string): string[] =>
  readdirSync(dir).filter((n) => n.startsWith(`${file}.bad-`));

describe('data file faults: the hub starts, keeps the wall, keeps the bad file, says so once', () => {
  for (const file of FILES) {
    for (const fault of FAULTS) {
      it(`${file}: ${fault}`, async () => {
        const dir = seededDir();
        const found = damage(dir, file, fault);
        const { hub, logs } = await start(dir);

        expect(hub.state.key).toBe(KEY);
        expect(hub.state.hubId).toBe(HUB_ID);
        await oldKeyConnects(hub);

        // Kept aside as found, never overwritten.
        const aside = keptAside(dir, file);
        expect(aside).toHaveLength(1);
        const copy = join(dir, aside[0]!);
        if (found !== null) expect(readFileSync(copy, 'utf8')).toBe(found);
        else if (fault === 'a directory in its place')
          expect(readFileSync(join(copy, 'inside.txt'), 'utf8')).toMatch(/someone else/);
        // The file in its place is whole again (the next start is clean).
        expect(statSync(join(dir, file)).isFile()).toBe(true);

        // One line about it, saying what was wrong, what was kept, where the original is.
        const lines = logs.filter((l) => l.level >= 40 && l.msg.includes(file));
        expect(lines.map((l) => l.msg)).toHaveLength(1);
        // FLAGWALL_SHOW_FAULTS=1 prints what the hub said for each fault (the closing note's list).
        if (process.env.FLAGWALL_SHOW_FAULTS) console.log(`${file} × ${fault}: ${lines[0]!.msg}`);
        expect(lines[0]!.msg).toContain(aside[0]!);
        expect(lines[0]!.msg).toMatch(/kept every other .*;|restored the .* previous generation/);

        // What the file held is still there: from its valid fields, or the previous generation.
        if (file === 'hub.json') {
          expect(hub.state.wall).toBe('lobby');
          expect(hub.state.settings.flagSize).toBe(0.2);
          // A bad tickHz falls back to its default alone; otherwise the saved 30.
          expect(hub.state.settings.tickHz).toBe(
            fault === 'wrong type' || fault === 'out-of-range field' ? DEFAULT_SETTINGS.tickHz : 30,
          );
        }
        if (file === 'layout.json') {
          expect(hub.operator.currentLayout.screens).toEqual([SCREEN]);
          if (fault !== 'wrong type' && fault !== 'out-of-range field')
            expect(hub.operator.currentLayout.wifi).toBe('venue-guest');
        }
        const show = hub.operator.state().show;
        if (file === 'show.json') {
          expect(show.blackout).toBe(true);
          if (fault !== 'out-of-range field') expect(show.message).toBe('welcome');
        }
        if (file === 'phones.json') {
          expect(hub.hub.phones.get(7)?.token).toBe('tok-7');
          expect(hub.hub.phones.nextFreeId).toBeGreaterThanOrEqual(8);
        }
        if (file === 'screens.json')
          expect(hub.hub.pairing?.registry.lookup(PAIRED.screenId)?.credential).toBe(
            PAIRED.credential,
          );
        const moderation = hub.hub.admission.moderation;
        if (file === 'bans.json')
          expect(moderation.timedBans(Date.now()).map((b) => b.token)).toEqual([BAN.token]);
        if (file === 'blocked-flags.json') expect(moderation.blockedFlags).toEqual(BLOCKED);
      });
    }
  }
});

describe('hub.json without a previous generation', () => {
  const bare = (text: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'flagwall-faults-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'hub.json'), text);
    return dir;
  };

  it('a truncated file still gives back the key and hub id read out of what is left', async () => {
    const whole = JSON.stringify({
      hubId: HUB_ID,
      wall: 'lobby',
      key: KEY,
      settings: DEFAULT_SETTINGS,
    });
    const dir = bare(whole.slice(0, whole.indexOf('"settings"') + 14));
    const { hub, logs } = await start(dir);
    expect([hub.state.key, hub.state.hubId, hub.state.wall]).toEqual([KEY, HUB_ID, 'lobby']);
    await oldKeyConnects(hub);
    expect(hub.keyCreated).toBe(false);
    const line = logs.find((l) => l.msg.includes('hub.json'))!.msg;
    expect(line).toMatch(/not valid JSON.*kept hubId, wall, key read from what was left of it/);
    expect(line).not.toContain(KEY); // the key is never written into a log line
  });

  it('garbage with nothing to restore from: a new key, said plainly, the garbage kept', async () => {
    const dir = bare('garbage');
    const { hub, logs } = await start(dir);
    expect(hub.keyCreated).toBe(true);
    expect(logs.filter((l) => l.msg.includes('hub.json'))[0]!.msg).toMatch(
      /a NEW wall key and hub id were made/,
    );
    expect(readFileSync(join(dir, keptAside(dir, 'hub.json')[0]!), 'utf8')).toBe('garbage');
    // The new identity is saved and loads cleanly next time.
    expect(loadHubState(dir, { wall: 'x' })).toMatchObject({
      created: false,
      state: { key: hub.state.key },
    });
  });

  it('a wrong-typed key falls back to the previous generation, never to a new key', async () => {
    const dir = seededDir();
    const path = join(dir, 'hub.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), key: 12345 }));
    const { hub, logs } = await start(dir);
    expect(hub.state.key).toBe(KEY);
    await oldKeyConnects(hub);
    expect(logs.find((l) => l.msg.includes('hub.json'))!.msg).toMatch(
      /a bad key \(hidden: .*\), the previous generation's key used/,
    );
  });
});
