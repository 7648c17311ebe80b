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
import { discoveryNotWired, findHubPatiently, type FindHub } from './find-hub';
import { HubSupervisor } from './hub-supervisor';
import { IPC_CHANNELS, type ShellInfo } from './ipc';
import { parseChord } from './kiosk';
import { openOperatorWindow, toggleOperatorWindow } from './operator-window';
import { watchRenderer } from './recovery';
import { ScreenWall } from './screen-windows';
import { hardenSession, isTrustedSender, TrustedOrigin } from './security';
import { systemTimers, type Timers } from './timers';
import { handlePairingIpc, savePairing, wantsRepair } from './pairing-store';

export interface ShellOptions {
  /** User arguments (flags), without the executable and app path. */
  argv: string[];
  log?: Logger;
  findHub?: FindHub;
  timers?: Timers;
  startHub?: (opts: StartHubOptions) => Promise<RunningHub>;
  preloadPath?: string;
}

export interface Shell {
  config: AppConfig;
  /** Where the windows load from now (a restarted hub may have moved). */
  readonly hubBase: string;
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
  if (wantsRepair(opts.argv) && config.pairing) {
    try {
      savePairing(userData, null);
      config.pairing = null;
      log.info({}, "--pair: forgot this screen's pairing; its displays show a new code");
    } catch (err) {
      log.error({}, (err as Error).message);
    }
  }
  app.enableSandbox(); // every renderer sandboxed, whatever a window's options say
  await app.whenReady();
  Menu.setApplicationMenu(null); // no menu accelerators (reload, devtools, quit) in kiosk

  const preload = opts.preloadPath ?? join(__dirname, 'preload.cjs');
  let quitting = false;
  const quit = (): void => app.quit();

  // An uncaught error must never raise Electron's error dialog on an unattended machine:
  // registering these handlers prevents it. It is logged; with a hub here, the hub restarts.
  let onFault: ((err: Error) => void) | null = null;
  const fault = (err: unknown): void => {
    log.error({ err: String((err as Error)?.stack ?? err) }, 'uncaught error in the main process');
    onFault?.(err instanceof Error ? err : new Error(String(err)));
  };
  const processHooks: [string, (...args: unknown[]) => void][] = [
    ['uncaughtException', fault],
    ['unhandledRejection', fault],
  ];
  for (const [name, hook] of processHooks) process.on(name, hook);
  const unhook = (): null => {
    for (const [name, hook] of processHooks) process.off(name, hook);
    return null;
  };

  // Hub: in this process, restarted when it fails; windows use loopback to reach it.
  let supervisor: HubSupervisor | null = null;
  let suspensionBlocker: number | null = null;
  // Set once windows exist: a restarted hub on another port (config port 0) moves them along.
  let hubMoved: ((base: string, key: string) => void) | null = null;
  let hubBase: string;
  let key = config.key;
  if (hasHub(config.role)) {
    const start = opts.startHub ?? startHub;
    supervisor = new HubSupervisor({
      start: () =>
        start({
          port: config.port,
          dataDir: userData,
          // Announce the wall on the LAN; "mdns": false in <userData>/hub.json turns it off.
          mdns: true,
          ...(config.wall ? { wall: config.wall } : {}),
          ...(config.key ? { key: config.key } : {}),
          log,
        }),
      onUp: (hub) => {
        suspensionBlocker ??= powerSaveBlocker.start('prevent-app-suspension');
        hubMoved?.(`http://127.0.0.1:${hub.port}`, hub.state.key);
      },
      log,
      ...(opts.timers ? { timers: opts.timers } : {}),
    });
    const hub = await supervisor.run();
    if (!hub) return unhook();
    hubBase = `http://127.0.0.1:${hub.port}`;
    key = hub.state.key;
    onFault = (err) => supervisor?.fail(err);
  } else {
    try {
      const found =
        config.hubUrl ??
        (await findHubPatiently(
          opts.findHub ?? discoveryNotWired(appConfigPath(userData)),
          config.wall ?? undefined,
          {
            log,
            timers: opts.timers ?? systemTimers,
            stopped: () => quitting,
            // A paired screen joins only the hub it paired with (main/discovery/pinned-wall.ts).
            ...(config.pairing ? { pinnedHubId: config.pairing.hubId } : {}),
          },
        ));
      if (found === null) return unhook();
      hubBase = found;
    } catch (err) {
      log.error({}, (err as Error).message);
      app.exit(2);
      return unhook();
    }
  }

  if (!key)
    log.info(
      {},
      config.pairing
        ? `no wall key: the screens log in with their pairing credential (hub ${config.pairing.hubId})`
        : 'no wall key: each display shows a pairing code; admit it in the operator console (or set "key" in config.json)',
    );
  const trust = new TrustedOrigin(hubBase);
  hardenSession(session.defaultSession, trust);
  const chord = parseChord(config.operatorChord);

  const operatorUrl = (): string =>
    new URL(`/operator?key=${encodeURIComponent(key ?? '')}`, hubBase).toString();
  let operator: BrowserWindow | null = null;
  if (hasHub(config.role)) {
    operator = openOperatorWindow({
      url: operatorUrl(),
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
    const reloadConsole = (): void => void win.loadURL(operatorUrl()).catch(() => undefined);
    watchRenderer(win.webContents, 'operator window', reloadConsole, {
      log,
      ...(opts.timers ? { timers: opts.timers } : {}),
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
      recovery: opts.timers ? { timers: opts.timers } : {},
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
  hubMoved = (base, newKey) => {
    if (base === hubBase && newKey === key) return;
    log.warn({ from: hubBase, to: base }, 'the restarted hub moved; pointing the windows at it');
    hubBase = base;
    key = newKey;
    trust.set(base);
    screens?.setHub(base, newKey);
    if (operator && !operator.isDestroyed())
      void operator.loadURL(operatorUrl()).catch(() => undefined);
  };

  const isOurs = (contents: WebContents): boolean =>
    (operator !== null && !operator.isDestroyed() && operator.webContents === contents) ||
    screens?.find(contents) !== undefined;
  const unhandlePairing = handlePairingIpc({
    ipcMain,
    userData,
    fromScreen: (event) => isTrustedSender(event, (c) => screens?.find(c) !== undefined, trust),
    log,
    current: config.pairing,
    changed: (record, sender) => {
      config.pairing = record;
      // One admitted display pairs the machine: its other windows reload and log in with it.
      if (record)
        for (const w of screens?.list() ?? [])
          if (!w.win.isDestroyed() && w.win.webContents !== sender) w.win.webContents.reload();
    },
  });
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
    get hubBase() {
      return hubBase;
    },
    trust,
    supervisor,
    screens,
    operator,
    stop: async () => {
      quitting = true;
      unhook();
      if (suspensionBlocker !== null) powerSaveBlocker.stop(suspensionBlocker);
      ipcMain.removeHandler(IPC_CHANNELS.shellInfo);
      unhandlePairing();
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
