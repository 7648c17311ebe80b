import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanOrphanTemps, InstallerError, prepareDataDir } from '../../../../main/config/data-dir';
import {
  loadDataFile,
  MAX_DATA_FILE_BYTES,
  saveDataFile,
  type DataFileSpec,
} from '../../../../main/config/data-file';
import { hubStatePath, loadHubState, wallKeyProblem } from '../../../../main/config/hub-state';
import { keepItems, pickFields } from '../../../../main/config/recover-fields';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'flagwall-datafile-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Thing {
  name: string;
  size: number;
}
const spec = (dir: string): DataFileSpec<Thing> => ({
  path: join(dir, 'thing.json'),
  what: 'thing',
  fresh: () => ({ name: 'fresh', size: 1 }),
  recover: (raw) =>
    pickFields<Thing>(raw, undefined, { name: z.string(), size: z.number().max(10) }, () => ({
      name: 'fresh',
      size: 1,
    })),
  serialize: (t) => JSON.stringify(t),
});

describe('data files', () => {
  it('every save keeps the one before as .prev; a missing file is a quiet first run', () => {
    const dir = tmp();
    const s = spec(dir);
    expect(loadDataFile(s)).toEqual({ value: { name: 'fresh', size: 1 }, source: 'missing' });
    saveDataFile(s.path, JSON.stringify({ name: 'a', size: 2 }));
    expect(readdirSync(dir)).toEqual(['thing.json']); // nothing before the first save
    saveDataFile(s.path, JSON.stringify({ name: 'b', size: 3 }));
    expect(JSON.parse(readFileSync(`${s.path}.prev`, 'utf8'))).toEqual({ name: 'a', size: 2 });
    expect(loadDataFile(s)).toEqual({ value: { name: 'b', size: 3 }, source: 'file' });
  });

  it('a .prev that cannot be replaced never stops the save itself', () => {
    const dir = tmp();
    const s = spec(dir);
    saveDataFile(s.path, JSON.stringify({ name: 'a', size: 2 }));
    mkdirSync(join(dir, 'thing.json.prev', 'in-the-way'), { recursive: true });
    saveDataFile(s.path, JSON.stringify({ name: 'b', size: 3 }));
    expect(loadDataFile(s).value).toEqual({ name: 'b', size: 3 });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a bad field falls back alone; an unparseable file falls back to .prev, else to fresh', () => {
    const dir = tmp();
    const s = spec(dir);
    writeFileSync(s.path, JSON.stringify({ name: 'kept', size: 99 }));
    const partial = loadDataFile(s);
    expect(partial.value).toEqual({ name: 'kept', size: 1 });
    expect(partial.problem).toMatch(/had a bad size \(99: .*\), default 1 used; kept every other/);
    // Repaired in place, the original aside: the next load is clean.
    expect(loadDataFile(s).source).toBe('file');

    saveDataFile(s.path, JSON.stringify({ name: 'good', size: 5 })); // .prev = the repaired one
    writeFileSync(s.path, '{"name": "tru');
    expect(loadDataFile(s).value).toEqual({ name: 'kept', size: 1 });

    writeFileSync(s.path, 'garbage');
    writeFileSync(`${s.path}.prev`, 'garbage too');
    const none = loadDataFile(s);
    expect(none.value).toEqual({ name: 'fresh', size: 1 });
    expect(none.problem).toMatch(/nothing to restore it from .*using defaults for the thing/);
  });

  it('never overwrites an earlier copy kept aside, even within the same second', () => {
    const dir = tmp();
    const s = spec(dir);
    for (const text of ['first bad', 'second bad', 'third bad']) {
      writeFileSync(s.path, text);
      loadDataFile(s);
    }
    const aside = readdirSync(dir).filter((n) => n.includes('.bad-'));
    expect(aside.map((n) => readFileSync(join(dir, n), 'utf8')).sort()).toEqual([
      'first bad',
      'second bad',
      'third bad',
    ]);
  });

  it('a file that cannot be moved aside is left untouched and never saved over', () => {
    const dir = tmp();
    // A name so long that "<name>.bad-<time>" is over the 255-byte limit: the rename fails, for
    // root too, while the file itself is fine to name.
    const s = { ...spec(dir), path: join(dir, `${'t'.repeat(240)}.json`) };
    writeFileSync(s.path, 'garbage');
    const loaded = loadDataFile(s);
    expect(loaded.problem).toMatch(/could not be moved aside \(ENAMETOOLONG\).*NOT saved/);
    expect(() => saveDataFile(s.path, '{}')).toThrow(/left untouched and not saved over/);
    expect(readFileSync(s.path, 'utf8')).toBe('garbage');
  });

  it('a runaway file is not read at all; a list keeps at most its limit', () => {
    const dir = tmp();
    const s = spec(dir);
    writeFileSync(s.path, '');
    truncateSync(s.path, MAX_DATA_FILE_BYTES + 1); // sparse: no real 64 MiB written
    expect(loadDataFile(s).problem).toMatch(/is too large \(67108865 bytes\)/);
    const list = keepItems([1, 2, 3, 'x', 2], z.number(), 'things', { max: 2, uniqueBy: (n) => n });
    expect(list.items).toEqual([1, 2]);
    expect(list.dropped[0]).toMatch(
      /^3 of 5 things .*\(first: things\[2\] is over the limit of 2\)/,
    );
  });

  it('a FIFO in place of the file is not opened (start-up would block) and is kept aside', () => {
    const dir = tmp();
    const s = spec(dir);
    if (spawnSync('mkfifo', [s.path]).status !== 0) return; // no mkfifo on this system
    const loaded = loadDataFile(s);
    expect(loaded.problem).toMatch(/is not a regular file/);
    expect(statSync(loaded.keptAs!).isFIFO()).toBe(true);
  });

  it('removes temp files of interrupted writes by dead processes only', () => {
    const dir = tmp();
    const dead = '.hub.json.999999999.abc123.tmp';
    const mine = `.hub.json.${process.pid}.abc.tmp`;
    const liveYoung = `.layout.json.${process.ppid}.def.tmp`;
    const liveOld = `.show.json.${process.ppid}.ghi.tmp`;
    for (const n of [dead, mine, liveYoung, liveOld, 'hub.json', '.hidden'])
      writeFileSync(join(dir, n), 'x');
    const hourAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(join(dir, liveOld), hourAgo, hourAgo);
    expect(cleanOrphanTemps(dir).sort()).toEqual([dead, liveOld].sort());
    expect(readdirSync(dir).sort()).toEqual(['.hidden', liveYoung, mine, 'hub.json'].sort());
  });

  it('a data path that is a file is one sentence with the fix', () => {
    const file = join(tmp(), 'f');
    writeFileSync(file, '');
    expect(() => prepareDataDir(file)).toThrow(InstallerError);
    expect(() => prepareDataDir(join(file, 'sub'))).toThrow(/is a file\. Pass --data DIR/);
  });
});

describe('hub.json', () => {
  it('wall keys from an installer: 8 to 200 characters, no surrounding spaces', () => {
    expect(wallKeyProblem('abcdefgh', '--key')).toBeNull();
    expect(wallKeyProblem('abc', '--key')).toMatch(
      /^--key is 3 characters long: a wall key needs 8/,
    );
    expect(wallKeyProblem(' abcdefgh', '--key')).toMatch(/starts or ends with a space/);
    expect(wallKeyProblem('x'.repeat(201), '--key')).toMatch(/201 characters/);
  });

  it('a short key an older hub saved is kept (not re-keyed), with a note to change it', () => {
    const dir = tmp();
    writeFileSync(
      hubStatePath(dir),
      JSON.stringify({ hubId: 'h1', wall: 'lobby', key: 'abc', settings: {} }),
    );
    const loaded = loadHubState(dir, { wall: 'flagwall' });
    expect(loaded.state.key).toBe('abc');
    expect(loaded.created).toBe(false);
    expect(loaded.problem).toMatch(/only 3 characters; it is kept .* longer one with --key/);
    expect(readdirSync(dir)).toEqual(['hub.json']); // nothing moved aside
  });
});
