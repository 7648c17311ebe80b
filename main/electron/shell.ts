/**
 * The desktop app: config and flags → role → hub in the main process (hub roles), kiosk screen
 * windows (screen roles), the operator console, autostart and the IPC the preload may call.
 * app.ts only calls startShell(); everything here takes its time and hub from options so the
 * tests drive it against a mocked electron module.
 */
import { join } from 'node:path';
import {
  app,
  ipcMain,
  Menu,
  powerSaveBlocker,
  session,
  type BrowserWindow,
  type WebContents,
} from 'electron';
import { appConfigPath, applyAppFlags, loadAppConfig, type AppConfig } from '../config/app-config';
import { createLogger, type Logger } from '../hub/logger';
import { startHub, type RunningHub, type StartHubOptions } from '../hub/start-hub';
import { applyAutostart } from './autostart';
import { discoveryNotWired, type FindHub } from './find-hub';
import { HubSupervisor } from './hub-supervisor';
import { IPC_CHANNELS, type ShellInfo } from './ipc';
import { parseChord } from './kiosk';
import { openOperatorWindow, toggleOperatorWindow } from './operator-window';
import { watchRenderer } from './recovery';
import { ScreenWall } from './screen-windows';
import { hardenSession, isTrustedSender, TrustedOrigin } from './security';
import type { Timers } from './timers';

export interface ShellOptions {
  /** User arguments (flags), without the executable and app path. */
  argv: string[];
  log?: Logger;
  findHub?: FindHub;
  timers?: Timers;
  startHub?: (opts: StartHubOptions) => Promise<RunningHub>;
  preloadPath?: string;
  /** Base delay of renderer-reload and hub-restart backoff, ms (tests shorten it). */
  backoffBaseMs?: number;
}

export interface Shell {
  config: AppConfig;
  hubBase: string;
  trust: TrustedOrigin;
  supervisor: HubSupervisor | null;
  screens: ScreenWall | null;
  operator: BrowserWindow | null;
  stop(): Promise<void>;
}

const hasHub = (role: AppConfig['role']): boolean => role !== 'screen';
const hasScreens = (role: AppConfig['role']): boolean => role !== 'hub';

/** Starts the app; resolves null when it will not run (second instance, no hub to show). */
export async function startShell(opts: ShellOptions): Promise<Shell | null> {
  const log = opts.log ?? createLogger();
  if (!app.requestSingleInstanceLock()) {
    log.info({}, 'flagwall is already running on this machine; this second launch exits');
    app.quit();
    return null;
  }
  // A second launch is refused; it brings the operator console forward, so a console closed on a
  // hub-only machine is one click on the app icon away.
  let showConsole: (() => void) | null = null;
  app.on('second-instance', () => {
    log.info({}, 'a second launch was refused (single instance)');
    showConsole?.();
  });
  // Unplugging the last display closes every window; the app stays up and reopens them.
  app.on('window-all-closed', () => undefined);

  const userData = app.getPath('userData');
  const loaded = applyAppFlags(loadAppConfig(userData), opts.argv);
  for (const problem of loaded.problems) log.warn({ config: appConfigPath(userData) }, problem);
  const config = loaded.config;
  app.enableSandbox(); // every renderer sandboxed, whatever a window's options say
  await app.whenReady();
  Menu.setApplicationMenu(null); // no menu accelerators (reload, devtools, quit) in kiosk

  const preload = opts.preloadPath ?? join(__dirname, 'preload.cjs');
  const baseMs = opts.backoffBaseMs;
  let quitting = false;
  const quit = (): void => app.quit();

  // Hub: in this process, restarted when it fails; windows use loopback to reach it.
  let supervisor: HubSupervisor | null = null;
  const processHooks: [string, (...args: unknown[]) => void][] = [];
  let hubBase: string;
  let key = config.key;
  if (hasHub(config.role)) {
    const start = opts.startHub ?? startHub;
    let suspensionBlocker: number | null = null;
    supervisor = new HubSupervisor({
      start: () =>
        start({
          port: config.port,
          dataDir: userData,
          wall: config.wall,
          ...(config.key ? { key: config.key } : {}),
          log,
        }),
      onUp: () => {
        suspensionBlocker ??= powerSaveBlocker.start('prevent-app-suspension');
      },
      log,
      ...(opts.timers ? { timers: opts.timers } : {}),
      ...(baseMs ? { baseMs } : {}),
    });
    const hub = await supervisor.run();
    if (!hub) return null;
    hubBase = `http://127.0.0.1:${hub.port}`;
    key = hub.state.key;
    const failHub = (err: unknown): void => {
      log.error(
        { err: String((err as Error)?.stack ?? err) },
        'uncaught error in the main process',
      );
      supervisor?.fail(err instanceof Error ? err : new Error(String(err)));
    };
    // Registering these also stops Electron's error dialog, which would block an unattended kiosk.
    process.on('uncaughtException', failHub);
    process.on('unhandledRejection', failHub);
    processHooks.push(['uncaughtException', failHub], ['unhandledRejection', failHub]);
  } else {
    try {
      hubBase =
        config.hubUrl ??
        (await (opts.findHub ?? discoveryNotWired(appConfigPath(userData)))(config.wall));
    } catch (err) {
      log.error({}, (err as Error).message);
      app.exit(2);
      return null;
    }
  }

  if (!key)
    log.warn(
      {},
      'no wall key: set "key" in config.json or pass --key; the hub refuses screens without it',
    );
  const trust = new TrustedOrigin(hubBase);
  hardenSession(session.defaultSession, trust);
  const chord = parseChord(config.operatorChord);

  let operator: BrowserWindow | null = null;
  if (hasHub(config.role)) {
    const operatorUrl = new URL(
      `/operator?key=${encodeURIComponent(key ?? '')}`,
      hubBase,
    ).toString();
    operator = openOperatorWindow({
      url: operatorUrl,
      show: !hasScreens(config.role),
      preload,
      trust,
      chord,
      log,
      isQuitting: () => quitting,
      quit,
    });
    const win = operator;
    showConsole = () => {
      if (!win.isDestroyed()) toggleOperatorWindow(win, 'show');
    };
    const reloadConsole = (): void => void win.loadURL(operatorUrl).catch(() => undefined);
    watchRenderer(win.webContents, 'operator window', reloadConsole, {
      log,
      ...(opts.timers ? { timers: opts.timers } : {}),
      ...(baseMs ? { baseMs } : {}),
    });
  }

  let screens: ScreenWall | null = null;
  if (hasScreens(config.role)) {
    screens = new ScreenWall({
      config,
      hubBase,
      key,
      preload,
      trust,
      log,
      recovery: { ...(opts.timers ? { timers: opts.timers } : {}), ...(baseMs ? { baseMs } : {}) },
      onOperatorChord: (win) => {
        if (operator) toggleOperatorWindow(operator);
        else if (win.isKiosk()) {
          win.setKiosk(false);
          win.setAlwaysOnTop(false);
          win.minimize();
        } else {
          win.setKiosk(true);
          win.setAlwaysOnTop(true);
        }
      },
    });
    screens.start();
  }

  const isOurs = (contents: WebContents): boolean =>
    (operator !== null && !operator.isDestroyed() && operator.webContents === contents) ||
    screens?.find(contents) !== undefined;
  ipcMain.handle(IPC_CHANNELS.shellInfo, (event): ShellInfo => {
    if (!isTrustedSender(event, isOurs, trust)) {
      log.warn(
        { url: event.senderFrame?.url ?? null },
        'ignored IPC from a frame we did not create',
      );
      throw new Error('refused');
    }
    const screen = screens?.find(event.sender);
    return {
      version: app.getVersion(),
      role: config.role,
      kind: screen ? 'screen' : 'operator',
      display: screen ? { id: screen.plan.displayId, index: screen.plan.index } : null,
      reloads: screen?.recovery.reloads ?? 0,
    };
  });

  try {
    const what = applyAutostart(config.autostart ?? app.isPackaged, {
      platform: process.platform,
      exec: process.env.APPIMAGE ?? process.execPath,
      args: app.isPackaged ? [] : [app.getAppPath()],
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
    });
    log.info({}, `autostart: ${what}`);
  } catch (err) {
    log.error({ err: (err as Error).message }, 'could not change the autostart setting');
  }

  const shell: Shell = {
    config,
    hubBase,
    trust,
    supervisor,
    screens,
    operator,
    stop: async () => {
      quitting = true;
      for (const [name, hook] of processHooks) process.off(name, hook);
      ipcMain.removeHandler(IPC_CHANNELS.shellInfo);
      screens?.stop();
      if (operator && !operator.isDestroyed()) operator.destroy();
      await supervisor?.stop();
    },
  };
  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (quitting) return;
    event.preventDefault();
    void shell.stop().finally(() => app.quit());
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, quit);
    processHooks.push([signal, quit]);
  }
  log.info(
    { role: config.role, hub: hubBase, screens: screens?.list().length ?? 0 },
    'flagwall is up',
  );
  return shell;
}
