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
      /screens\.json is not valid JSON.*kept aside as .*screens\.json\.unreadable-/,
    );
    saveScreens(dir, [RECORD]);
    const aside = readdirSync(dir).find((f) => f.startsWith('screens.json.unreadable-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"screens": [ truncated');
  });

  it('a file of the wrong shape says where', () => {
    const dir = temp();
    writeFileSync(screensPath(dir), JSON.stringify({ screens: [{ ...RECORD, credential: 5 }] }));
    expect(loadScreens(dir).problem).toMatch(
      /not a valid paired-screens file at screens\.0\.credential/,
    );
  });
});
