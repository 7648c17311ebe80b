/**
 * Start at login, switched from config: login items on macOS and Windows
 * (app.setLoginItemSettings), an XDG autostart entry on Linux
 * ($XDG_CONFIG_HOME/autostart/flagwall.desktop, default ~/.config/autostart), written atomically
 * when on and removed when off.
 */
import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-file';

export interface AutostartTarget {
  platform: NodeJS.Platform;
  /** The program to run: the AppImage or installed binary (or Electron plus the app path). */
  exec: string;
  args: string[];
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
  env?: NodeJS.ProcessEnv;
}

export const autostartDesktopPath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(
    env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'),
    'autostart',
    'flagwall.desktop',
  );

/** Applies the setting; returns what it did, for the log. */
export function applyAutostart(enabled: boolean, target: AutostartTarget): string {
  if (target.platform === 'darwin' || target.platform === 'win32') {
    target.setLoginItemSettings({
      openAtLogin: enabled,
      ...(target.platform === 'win32' ? { path: target.exec, args: target.args } : {}),
    });
    return enabled ? 'login item on' : 'login item off';
  }
  const path = autostartDesktopPath(target.env);
  if (!enabled) {
    rmSync(path, { force: true });
    return `removed ${path}`;
  }
  writeFileAtomic(path, desktopEntry(target.exec, target.args));
  return `wrote ${path}`;
}

/** Desktop Entry Specification: Exec arguments quoted, with `"`, `` ` ``, `$`, `\` escaped. */
export function desktopEntry(exec: string, args: string[]): string {
  const quote = (s: string): string =>
    /^[A-Za-z0-9_./:=+-]+$/.test(s) ? s : `"${s.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=flagwall',
    'Comment=Multi-screen flag wall kiosk',
    `Exec=${[exec, ...args].map(quote).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
