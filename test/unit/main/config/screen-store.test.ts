import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScreens, saveScreens, screensPath } from '../../../../main/config/screen-store';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'flagwall-screens-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const RECORD = {
  screenId: 'screen-id-1',
  name: 'left',
  credential: 'c'.repeat(43),
  pairedAt: 1,
  lastSeenAt: null,
  revokedAt: null,
};

describe('screens.json', () => {
  it('a missing file is no paired screens, silently', () => {
    expect(loadScreens(temp())).toEqual({ screens: [] });
  });

  it('round-trips, written 0600 (it holds credentials)', () => {
    const dir = temp();
    saveScreens(dir, [RECORD]);
    expect(loadScreens(dir)).toEqual({ screens: [RECORD] });
    expect(statSync(screensPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('a corrupt file is kept aside under a dated name, never overwritten by the next save', () => {
    const dir = temp();
    writeFileSync(screensPath(dir), '{"screens": [ truncated');
    const loaded = loadScreens(dir);
    expect(loaded.screens).toEqual([]);
    expect(loaded.problem).toMatch(
      /screens\.json is not valid JSON.*no screen is paired.*kept as screens\.json\.bad-/,
    );
    saveScreens(dir, [RECORD]);
    const aside = readdirSync(dir).find((f) => f.startsWith('screens.json.bad-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"screens": [ truncated');
  });

  it('a bad record costs that record alone: every other paired screen keeps its credential', () => {
    const dir = temp();
    const other = { ...RECORD, screenId: 'screen-id-2', credential: 'd'.repeat(43) };
    const revoked = { ...RECORD, screenId: 'screen-id-3', revokedAt: 5 };
    const bad = [
      { ...RECORD, screenId: 'screen-id-4', credential: 5 },
      { ...RECORD, screenId: 'no!' },
      { ...RECORD, pairedAt: 'yesterday' },
      'not a record',
      { ...other, name: 'a repeat of screen-id-2' },
    ];
    const found = JSON.stringify({ screens: [RECORD, bad[0], other, ...bad.slice(1), revoked] });
    writeFileSync(screensPath(dir), found);
    const loaded = loadScreens(dir);
    expect(loaded.screens).toEqual([RECORD, other, revoked]);
    expect(loaded.problem).toMatch(
      /had 5 of 8 screens that could not be used, left out \(first: screens\[1\]\.credential: .*\); kept every other paired screen; the file as found is kept as screens\.json\.bad-/,
    );
    const aside = readdirSync(dir).filter((f) => f.startsWith('screens.json.bad-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(found);
    // The repaired file is in place: the next start is clean and keeps the same credentials.
    expect(loadScreens(dir)).toEqual({ screens: [RECORD, other, revoked] });
  });

  it('an unreadable file falls back to the previous generation, whole', () => {
    const dir = temp();
    saveScreens(dir, [RECORD]);
    saveScreens(dir, [RECORD, { ...RECORD, screenId: 'screen-id-2' }]);
    writeFileSync(screensPath(dir), '');
    const loaded = loadScreens(dir);
    expect(loaded.screens).toEqual([RECORD]);
    expect(loaded.problem).toMatch(
      /is empty; restored the paired screens from .*screens\.json\.prev/,
    );
  });

  it('each save keeps the one before as screens.json.prev', () => {
    const dir = temp();
    saveScreens(dir, [RECORD]);
    saveScreens(dir, []);
    expect(JSON.parse(readFileSync(`${screensPath(dir)}.prev`, 'utf8'))).toEqual({
      screens: [RECORD],
    });
  });
});
