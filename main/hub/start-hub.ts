/**
 * Starts a complete hub: state from the data dir, the hub logic, HTTP + WebSocket server.
 * Used by the CLI (`flagwall hub`), the Electron hub role, and the tests (port 0).
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { loadHubState, saveHubState, wallKeyProblem, type HubState } from '../config/hub-state';
import { cleanOrphanTemps, InstallerError, prepareDataDir } from '../config/data-dir';
import { loadLayout, saveLayout } from '../config/layout-store';
import { loadShow, saveShow } from '../config/show-store';
import { loadBans, loadBlocklist, saveBans, saveBlocklist } from '../config/moderation-store';
import { defaultDataDir, packageVersion, rendererRoot } from '../paths';
import { systemClock, type HubClock } from './clock';
import { Hub } from './hub';
import type { HubLimits } from './limits';
import { createLogger, type Logger } from './logger';
import { createHubMetrics } from './metrics';
import { createHubServer, listen } from './server';
import { Operator } from './operator';
import { publishWall, type PublishedWall } from '../discovery/publish';
import { createPhoneStore, restorePhones } from './phone-persistence';
import type { HubTls } from './auth-tls';
import type { KeyThrottleOptions } from './auth-throttle';
import { createScreenPairing } from './pairing-setup';
import type { PhoneStore } from '../config/phone-store';

export interface StartHubOptions {
  /** TCP port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Interface to bind. Default 0.0.0.0 (the LAN). */
  host?: string;
  /** Where hub.json lives. Default $FLAGWALL_DATA or ~/.flagwall. */
  dataDir?: string;
  /** Wall name; overrides the stored one. Default "flagwall" on first run. */
  wall?: string;
  /** Wall key; overrides the stored one. Default: generated on first run. */
  key?: string;
  log?: Logger;
  clock?: HubClock;
  limits?: Partial<HubLimits>;
  staticRoot?: string;
  /**
   * Announce the wall on the LAN over mDNS (docs/discovery.md). Default false, so tests and
   * benches never multicast; the CLI and the Electron hub turn it on unless told not to.
   */
  mdns?: boolean;
  /** Serve https/wss on the same port with this certificate (auth-tls.ts loadTlsFiles). */
  tls?: HubTls;
  /** Extra host names browsers may use to reach the hub (auth-origin.ts), e.g. a venue DNS name. */
  allowedHosts?: readonly string[];
  /** Wrong-key throttle settings (auth-throttle.ts); tests shorten the cooldown. */
  keyThrottle?: Partial<KeyThrottleOptions>;
}

export interface RunningHub {
  hub: Hub;
  operator: Operator;
  state: HubState;
  port: number;
  /** Base URL reachable from the LAN (or loopback when bound there). */
  url: string;
  urls: { phone: string; screen: string; operator: string; health: string };
  /** True when this run created the wall key (print it once). */
  keyCreated: boolean;
  /** phones.json persistence (its `writes` count shows the write rate stays bounded). */
  phoneStore: PhoneStore;
  close(): Promise<void>;
}

export async function startHub(opts: StartHubOptions = {}): Promise<RunningHub> {
  const log = opts.log ?? createLogger();
  const dataDir = opts.dataDir ?? defaultDataDir();
  checkInput(opts);
  prepareDataDir(dataDir);
  const orphans = cleanOrphanTemps(dataDir);
  if (orphans.length) log.info({ removed: orphans }, 'removed temp files of interrupted saves');
  const loaded = loadHubState(dataDir, { wall: opts.wall ?? 'flagwall' });
  if (loaded.problem) log.warn(loaded.problem);
  const state: HubState = {
    ...loaded.state,
    ...(opts.wall ? { wall: opts.wall } : {}),
    ...(opts.key ? { key: opts.key } : {}),
  };
  const saveState = (): string | null => {
    try {
      saveHubState(dataDir, state);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };
  const startSave = saveState();
  if (startSave) log.error({ err: startSave }, 'could not save hub.json');
  // Why the save made for the latest settings change failed (null: saved); the ack reports it.
  let settingsSaveError: string | null = null;

  const hub = new Hub({
    wall: state.wall,
    hubId: state.hubId,
    key: state.key,
    settings: state.settings,
    clock: opts.clock ?? systemClock,
    log,
    limits: {
      ...(state.phoneGraceMs !== undefined ? { phoneGraceMs: state.phoneGraceMs } : {}),
      ...opts.limits,
    },
    token: () => randomBytes(16).toString('base64url'),
    ...(opts.keyThrottle ? { keyThrottle: opts.keyThrottle } : {}),
    onRoster: () => phoneStore?.changed(),
    onSettings: (settings) => {
      state.settings = settings;
      settingsSaveError = saveState();
      if (settingsSaveError) log.error({ err: settingsSaveError }, 'could not save settings');
    },
  });
  const clock = opts.clock ?? systemClock;
  restorePhones(hub, dataDir, clock, log);
  const blocklist = loadBlocklist(dataDir);
  if (blocklist.problem) log.warn(blocklist.problem);
  hub.admission.setBlockedFlags(blocklist.flags);
  const bans = loadBans(dataDir);
  if (bans.problem) log.warn(bans.problem);
  hub.admission.moderation.restore(bans.bans, clock.now());
  const phoneStore = createPhoneStore(hub, dataDir, clock, log);
  const metrics = createHubMetrics(hub);
  const { server, wss } = createHubServer({
    hub,
    log,
    routes: { '/metrics': metrics.route },
    staticRoot: opts.staticRoot ?? rendererRoot,
    version: packageVersion,
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.allowedHosts ? { allowedHosts: opts.allowedHosts } : {}),
  });
  const host = opts.host ?? '0.0.0.0';
  const port = opts.port ?? 8080;
  const address = await listen(server, port, host).catch((err: NodeJS.ErrnoException) => {
    phoneStore.close();
    metrics.stop();
    wss.close();
    throw listenError(err, port, host);
  });
  const base = `${opts.tls ? 'https' : 'http'}://${displayHost(host)}:${address.port}`;
  const layout = loadLayout(dataDir);
  if (layout.problem) log.warn(layout.problem);
  const show = loadShow(dataDir);
  if (show.problem) log.warn(show.problem);
  const pairing = createScreenPairing(hub, dataDir, clock, log);
  const operator = new Operator({
    hub,
    clock: opts.clock ?? systemClock,
    log,
    layout: layout.layout,
    saveLayout: (l) => saveLayout(dataDir, l),
    show: show.show,
    saveShow: (s) => saveShow(dataDir, s),
    settingsSaveError: () => settingsSaveError,
    saveBlockedFlags: (flags) => saveBlocklist(dataDir, flags),
    saveBans: () => saveBans(dataDir, hub.admission.moderation.timedBans(clock.now())),
    phoneUrl: `${base}/`,
    version: packageVersion,
    pairing,
  });
  pairing.onChange = () => operator.refresh();
  hub.start();
  const loopbackOnly = /^(127\.|::1$|localhost$)/.test(host);
  if (opts.mdns && loopbackOnly) log.info({ host }, 'bound to loopback: not announcing on mDNS');
  const mdns: PublishedWall | null =
    opts.mdns && state.mdns !== false && !loopbackOnly
      ? publishWall({
          wall: state.wall,
          hubId: state.hubId,
          port: address.port,
          log,
          tls: opts.tls !== undefined,
        })
      : null;

  const key = encodeURIComponent(state.key);
  let closing: Promise<void> | null = null;
  return {
    hub,
    operator,
    state,
    phoneStore,
    port: address.port,
    url: base,
    urls: {
      phone: `${base}/`,
      screen: `${base}/screen?key=${key}`,
      operator: `${base}/operator?key=${key}`,
      health: `${base}/healthz`,
    },
    keyCreated: loaded.created && !opts.key,
    close: () =>
      (closing ??= Promise.all([
        // Goodbye first: screens hear the hub is gone as their sockets close.
        mdns?.stop(),
        new Promise<void>((resolve) => {
          operator.stop();
          pairing.stop();
          hub.stop();
          metrics.stop();
          phoneStore.close();
          wss.close();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]).then(() => undefined)),
  };
}

/** Options an installer typed: refused at once, in a sentence, before anything is saved. */
function checkInput(opts: StartHubOptions): void {
  const keyProblem = opts.key === undefined ? null : wallKeyProblem(opts.key, 'The wall key');
  if (keyProblem) throw new InstallerError(keyProblem);
  if (opts.wall !== undefined && (opts.wall.trim() === '' || opts.wall.length > 64))
    throw new InstallerError(
      `The wall name "${opts.wall.slice(0, 80)}" cannot be used: a wall name needs 1 to 64 characters.`,
    );
}

/** A listen failure as the sentence an installer needs. */
function listenError(err: NodeJS.ErrnoException, port: number, host: string): Error {
  if (err.code === 'EADDRINUSE')
    return new InstallerError(
      `Port ${port} is already in use on ${host} (another flagwall hub or another program has it). Pass --port N to pick another, or --port 0 for any free one.`,
    );
  if (err.code === 'EACCES')
    return new InstallerError(
      `Port ${port} needs administrator rights on this machine. Pass --port with a number above 1023, e.g. --port 8080.`,
    );
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return new InstallerError(
      `The hub cannot listen on ${host}: it is not an address of this machine. Pass --host with one of its addresses, or leave --host out to listen on all of them.`,
    );
  return err;
}

/** The address to print: the first LAN IPv4 when bound to all interfaces. */
function displayHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host.includes(':') ? `[${host}]` : host;
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
