/** Starts the shell against the fake electron module with a temp userData dir and config. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Shell, ShellOptions } from '../../../main/electron/shell';
import * as fake from './fake-electron';
import { ManualTimers, recordingLogger, settle } from './helpers';

export const HUB = 'http://10.1.2.3:8080';

export interface Launched {
  shell: Shell | null;
  timers: ManualTimers;
  logs: ReturnType<typeof recordingLogger>;
  userData: string;
  screens(): fake.BrowserWindow[];
  operator(): fake.BrowserWindow | undefined;
  stop(): Promise<void>;
}

export async function launch(opts: {
  config?: object;
  argv?: string[];
  displays?: fake.FakeDisplay[];
  primary?: number;
  shell?: Partial<ShellOptions>;
  timers?: ManualTimers;
}): Promise<Launched> {
  fake.resetFakeElectron();
  if (opts.displays) fake.screen.set(opts.displays, opts.primary);
  const userData = mkdtempSync(join(tmpdir(), 'flagwall-shell-'));
  fake.app.userData = userData;
  // Autostart off unless a test turns it on: never touch the real ~/.config.
  writeFileSync(
    join(userData, 'config.json'),
    JSON.stringify({ autostart: false, ...opts.config }),
  );
  const timers = opts.timers ?? new ManualTimers();
  const logs = recordingLogger();
  // Imported late so vi.mock('electron') in the calling test file is in place.
  const { startShell } = await import('../../../main/electron/shell');
  const shell = await startShell({
    argv: opts.argv ?? [],
    log: logs.log,
    timers,
    preloadPath: '/fake/preload.cjs',
    ...opts.shell,
  });
  await settle();
  const live = (): fake.BrowserWindow[] => fake.BrowserWindow.all.filter((w) => !w.destroyed);
  return {
    shell,
    timers,
    logs,
    userData,
    screens: () => live().filter((w) => String(w.options.title).startsWith('flagwall screen')),
    operator: () => live().find((w) => w.options.title === 'flagwall operator'),
    stop: async () => {
      await shell?.stop();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
