/**
 * savePairing on the data-file mechanism, without the shell: a config.json the app could not
 * repair nor move aside at start-up is held, and a pairing save never writes over it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appConfigPath, loadAppConfig } from '../../../main/config/app-config';
import { savePairing } from '../../../main/electron/pairing-store';

const RECORD = { hubId: 'hub-paired-1', screenId: 'screen-id-42', credential: 'k'.repeat(43) };

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A userData folder whose path is so long that config.json fits under PATH_MAX (4096) but
 * "config.json.bad-<time>" does not: moving the file aside fails, for root too.
 */
function deepUserData(): string {
  const root = mkdtempSync(join(tmpdir(), 'flagwall-pairing-'));
  dirs.push(root);
  let dir = root;
  while (dir.length < 4096 - 1 - 'config.json'.length - 10) {
    const room = 4096 - 1 - 'config.json'.length - 10 - dir.length - 1;
    dir = join(dir, 'd'.repeat(Math.max(1, Math.min(200, room))));
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('savePairing', () => {
  it('never writes over a config.json held at start-up (damaged and not moved aside)', () => {
    const userData = deepUserData();
    const path = appConfigPath(userData);
    // Parses, but a bad key makes it one to repair and move aside, which fails here.
    const found = '{"role":"screen","port":-1}';
    writeFileSync(path, found);
    const loaded = loadAppConfig(userData);
    expect(loaded.problems.join('\n')).toMatch(/could not be moved aside \(ENAMETOOLONG\)/);
    expect(() => savePairing(userData, RECORD)).toThrow(/left untouched and not saved over/);
    expect(readFileSync(path, 'utf8')).toBe(found);
    // One it cannot parse is refused by the pairing save itself.
    writeFileSync(path, '{ "role": "screen", trunc');
    expect(() => savePairing(userData, RECORD)).toThrow(/could not be read, so it was not changed/);
    expect(readFileSync(path, 'utf8')).toBe('{ "role": "screen", trunc');
  });

  it('keeps every other key, and the file before as config.json.prev', () => {
    const userData = mkdtempSync(join(tmpdir(), 'flagwall-pairing-'));
    dirs.push(userData);
    const path = appConfigPath(userData);
    writeFileSync(path, '{"role":"screen","unknownKey":1}');
    savePairing(userData, RECORD);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      role: 'screen',
      unknownKey: 1,
      pairing: RECORD,
    });
    expect(readFileSync(`${path}.prev`, 'utf8')).toBe('{"role":"screen","unknownKey":1}');
  });
});
