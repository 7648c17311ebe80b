import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyAutostart,
  autostartDesktopPath,
  desktopEntry,
} from '../../../main/electron/autostart';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

describe('autostart', () => {
  it('Linux: writes ~/.config/autostart/flagwall.desktop under a temp HOME, then removes it', () => {
    const home = mkdtempSync(join(tmpdir(), 'flagwall-home-'));
    homes.push(home);
    const env = { HOME: home };
    const calls: unknown[] = [];
    const target = {
      platform: 'linux' as const,
      exec: '/opt/flagwall/flagwall.AppImage',
      args: [],
      setLoginItemSettings: (s: unknown) => calls.push(s),
      env,
    };
    const path = join(home, '.config', 'autostart', 'flagwall.desktop');
    expect(autostartDesktopPath(env)).toBe(path);
    expect(applyAutostart(true, target)).toBe(`wrote ${path}`);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('Exec=/opt/flagwall/flagwall.AppImage\n');
    expect(text).toContain('Type=Application\n');
    expect(applyAutostart(true, target)).toBe(`wrote ${path}`); // idempotent
    expect(applyAutostart(false, target)).toBe(`removed ${path}`);
    expect(existsSync(path)).toBe(false);
    expect(applyAutostart(false, target)).toBe(`removed ${path}`); // already gone: fine
    expect(calls).toEqual([]);
  });

  it('macOS and Windows: login items, switched on and off', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const calls: { openAtLogin: boolean; path?: string }[] = [];
      const target = {
        platform,
        exec: 'C:\\flagwall\\flagwall.exe',
        args: [],
        setLoginItemSettings: (s: { openAtLogin: boolean }) => calls.push(s),
      };
      expect(applyAutostart(true, target)).toBe('login item on');
      expect(applyAutostart(false, target)).toBe('login item off');
      expect(calls.map((c) => c.openAtLogin)).toEqual([true, false]);
      if (platform === 'win32') expect(calls[0]!.path).toBe('C:\\flagwall\\flagwall.exe');
    }
  });

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(desktopEntry('/usr/bin/electron', ['/home/a b/app', 'x$y"z'])).toContain(
      'Exec=/usr/bin/electron "/home/a b/app" "x\\$y\\"z"\n',
    );
  });
});
