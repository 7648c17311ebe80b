import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appConfigPath,
  type AppConfig,
  applyAppFlags,
  DEFAULT_APP_CONFIG,
  loadAppConfig,
  saveAppConfig,
  validateAppConfig,
} from '../../../main/config/app-config';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'flagwall-appcfg-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('app config file', () => {
  it('is all defaults, silently, when the file does not exist', () => {
    const loaded = loadAppConfig(tempDir());
    expect(loaded.problems).toEqual([]);
    expect(loaded.config).toEqual(DEFAULT_APP_CONFIG);
    expect(loaded.config.role).toBe('hub+screen');
  });

  it('reads every documented key', () => {
    const dir = tempDir();
    const written: AppConfig = {
      role: 'screen',
      wall: 'lobby',
      hubUrl: 'http://10.0.0.5:8080/',
      port: 9000,
      displays: [1, '2779098405'],
      key: 'a-long-wall-key',
      autostart: true,
      operatorChord: 'CmdOrCtrl+Shift+F9',
      wallRegion: { x: 0.5, y: 0, w: 0.5, h: 1 },
      pairing: { hubId: 'hub-1', screenId: 'screen-id-1', credential: 'c'.repeat(43) },
    };
    saveAppConfig(dir, written);
    const { config, problems } = loadAppConfig(dir);
    expect(problems).toEqual([]);
    expect(config).toEqual({ ...written, hubUrl: 'http://10.0.0.5:8080' });
  });

  it('reports each bad value by key and falls back to that key’s default only', () => {
    const { config, problems } = validateAppConfig({
      role: 'projector',
      wall: 'kept',
      port: 70000,
      displays: 'left',
      hubUrl: 'ftp://x',
      wallRegion: { x: 0.8, y: 0, w: 0.5, h: 1 },
      operatorChord: 'O',
      colour: 'red',
    });
    expect(config.wall).toBe('kept');
    expect(config.role).toBe(DEFAULT_APP_CONFIG.role);
    expect(config.port).toBe(8080);
    expect(config.displays).toBe('all');
    expect(config.hubUrl).toBeNull();
    expect(config.wallRegion).toEqual(DEFAULT_APP_CONFIG.wallRegion);
    expect(config.operatorChord).toBe(DEFAULT_APP_CONFIG.operatorChord);
    const byKey = (k: string): string | undefined => problems.find((p) => p.includes(`"${k}`));
    expect(byKey('role')).toMatch(/"role".*projector.*using the default "hub\+screen"/);
    expect(byKey('port')).toMatch(/"port".*70000.*using the default 8080/);
    expect(byKey('displays')).toMatch(/using the default "all"/);
    expect(byKey('hubUrl')).toMatch(/http/);
    expect(byKey('wallRegion')).toMatch(/inside the wall/);
    expect(byKey('operatorChord')).toMatch(/modifiers plus one key/);
    expect(problems.find((p) => p.includes('colour'))).toMatch(/unknown key "colour" ignored/);
    expect(problems).toHaveLength(7);
  });

  it('says so when the file is not JSON, and runs on defaults', () => {
    const dir = tempDir();
    writeFileSync(appConfigPath(dir), '{ role: hub');
    const { config, problems } = loadAppConfig(dir);
    expect(config).toEqual(DEFAULT_APP_CONFIG);
    expect(problems[0]).toMatch(/config\.json is not valid JSON.*using defaults/);
  });

  it('rejects a non-object document as a whole', () => {
    expect(validateAppConfig([1, 2]).problems[0]).toMatch(/expected a JSON object/);
  });

  it('saves atomically: the file is whole JSON and no temp file is left', () => {
    const dir = tempDir();
    saveAppConfig(dir, { role: 'hub' });
    expect(JSON.parse(readFileSync(appConfigPath(dir), 'utf8'))).toEqual({ role: 'hub' });
    saveAppConfig(dir, { role: 'screen' });
    expect(JSON.parse(readFileSync(appConfigPath(dir), 'utf8'))).toEqual({ role: 'screen' });
    expect(readdirSync(dir)).toEqual(['config.json', 'config.json.prev']);
  });
});

describe('CLI flags over the file', () => {
  const base = (): ReturnType<typeof validateAppConfig> =>
    validateAppConfig({ role: 'hub', wall: 'file' });

  it('override the file and leave unknown arguments (Chromium switches) alone', () => {
    const { config, problems } = applyAppFlags(base(), [
      '--role',
      'screen',
      '--hub',
      'http://192.168.1.4:8080',
      '--wall',
      'flags',
      '--displays',
      '0,id:42',
      '--key',
      'secret-key-1',
      '--port',
      '0',
      '--enable-logging',
      '--no-sandbox-and-more',
    ]);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      role: 'screen',
      hubUrl: 'http://192.168.1.4:8080',
      wall: 'flags',
      displays: [0, '42'],
      key: 'secret-key-1',
      port: 0,
    });
  });

  it('name the bad flag and keep the file’s value', () => {
    const { config, problems } = applyAppFlags(base(), [
      '--role',
      'wall',
      '--port',
      'x',
      '--displays',
      'left',
    ]);
    expect(config.role).toBe('hub');
    expect(config.port).toBe(8080);
    expect(config.displays).toBe('all');
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^--role: "role".*"wall".*flag ignored/);
    expect(problems[1]).toMatch(/^--port: "port"/);
    expect(problems[2]).toMatch(/^--displays: "displays(\.0)?" .*"left".*flag ignored/);
  });

  it('accepts all and primary for --displays', () => {
    expect(applyAppFlags(base(), ['--displays', 'primary']).config.displays).toBe('primary');
    expect(applyAppFlags(base(), ['--displays=all']).config.displays).toBe('all');
  });

  it('config.json follows the data file rules: a bad key alone falls back, the file kept aside', () => {
    const dir = tempDir();
    const text = JSON.stringify({ role: 'screen', port: 99999, hubUrl: 'http://10.0.0.5:8080' });
    writeFileSync(appConfigPath(dir), text);
    const { config, problems } = loadAppConfig(dir);
    expect(config).toMatchObject({ role: 'screen', port: 8080, hubUrl: 'http://10.0.0.5:8080' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/config\.json had "port" .*99999.*kept as config\.json\.bad-/);
    const aside = readdirSync(dir).find((n) => n.startsWith('config.json.bad-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(text);
    // An unreadable one (a folder in its place) falls back to the generation before.
    saveAppConfig(dir, { role: 'hub', port: 9000 });
    saveAppConfig(dir, { role: 'hub', port: 9001 });
    rmSync(appConfigPath(dir));
    mkdirSync(appConfigPath(dir));
    expect(loadAppConfig(dir).config).toMatchObject({ role: 'hub', port: 9000 });
  });
});
