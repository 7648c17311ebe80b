/**
 * Starts a complete hub: state from the data dir, the hub logic, HTTP + WebSocket server.
 * Used by the CLI (`flagwall hub`), the Electron hub role, and the tests (port 0).
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { loadHubState, saveHubState, type HubState } from '../config/hub-state';
import { loadLayout, saveLayout } from '../config/layout-store';
import { loadShow, saveShow } from '../config/show-store';
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
  const loaded = loadHubState(dataDir, { wall: opts.wall ?? 'flagwall' });
  if (loaded.problem) log.warn(loaded.problem);
  const state: HubState = {
    ...loaded.state,
    ...(opts.wall ? { wall: opts.wall } : {}),
    ...(opts.key ? { key: opts.key } : {}),
  };
  saveHubState(dataDir, state);

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
    onRoster: () => phoneStore?.changed(),
    onSettings: (settings) => {
      state.settings = settings;
      try {
        saveHubState(dataDir, state);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'could not save settings');
      }
    },
  });
  const clock = opts.clock ?? systemClock;
  restorePhones(hub, dataDir, clock, log);
  const phoneStore = createPhoneStore(hub, dataDir, clock, log);
  const metrics = createHubMetrics(hub);
  const { server, wss } = createHubServer({
    hub,
    log,
    routes: { '/metrics': metrics.route },
    staticRoot: opts.staticRoot ?? rendererRoot,
    version: packageVersion,
  });
  const host = opts.host ?? '0.0.0.0';
  const address = await listen(server, opts.port ?? 8080, host);
  const base = `http://${displayHost(host)}:${address.port}`;
  const layout = loadLayout(dataDir);
  if (layout.problem) log.warn(layout.problem);
  const show = loadShow(dataDir);
  if (show.problem) log.warn(show.problem);
  const operator = new Operator({
    hub,
    clock: opts.clock ?? systemClock,
    log,
    layout: layout.layout,
    saveLayout: (l) => saveLayout(dataDir, l),
    show: show.show,
    saveShow: (s) => saveShow(dataDir, s),
    phoneUrl: `${base}/`,
    version: packageVersion,
  });
  hub.start();
  const loopbackOnly = /^(127\.|::1$|localhost$)/.test(host);
  if (opts.mdns && loopbackOnly) log.info({ host }, 'bound to loopback: not announcing on mDNS');
  const mdns: PublishedWall | null =
    opts.mdns && state.mdns !== false && !loopbackOnly
      ? publishWall({ wall: state.wall, hubId: state.hubId, port: address.port, log })
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

/** The address to print: the first LAN IPv4 when bound to all interfaces. */
function displayHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host.includes(':') ? `[${host}]` : host;
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
