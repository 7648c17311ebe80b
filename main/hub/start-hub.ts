/**
 * Starts a complete hub: state from the data dir, the hub logic, HTTP + WebSocket server.
 * Used by the CLI (`flagwall hub`), the Electron hub role, and the tests (port 0).
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { loadHubState, saveHubState, type HubState } from '../config/hub-state';
import { defaultDataDir, packageVersion, rendererRoot } from '../paths';
import { systemClock, type HubClock } from './clock';
import { Hub } from './hub';
import type { HubLimits } from './limits';
import { createLogger, type Logger } from './logger';
import { createHubMetrics } from './metrics';
import { createHubServer, listen } from './server';

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
}

export interface RunningHub {
  hub: Hub;
  state: HubState;
  port: number;
  /** Base URL reachable from the LAN (or loopback when bound there). */
  url: string;
  urls: { phone: string; screen: string; operator: string; health: string };
  /** True when this run created the wall key (print it once). */
  keyCreated: boolean;
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
    ...(opts.limits ? { limits: opts.limits } : {}),
    token: () => randomBytes(16).toString('base64url'),
    onSettings: (settings) => {
      state.settings = settings;
      try {
        saveHubState(dataDir, state);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'could not save settings');
      }
    },
  });
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
  hub.start();

  const base = `http://${displayHost(host)}:${address.port}`;
  const key = encodeURIComponent(state.key);
  let closing: Promise<void> | null = null;
  return {
    hub,
    state,
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
      (closing ??= new Promise<void>((resolve) => {
        hub.stop();
        metrics.stop();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
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
