/** Wires screen pairing into a hub: its registry from `<data dir>/screens.json`, its sockets. */
import { loadScreens, saveScreens } from '../config/screen-store';
import type { HubClock } from './clock';
import type { Hub } from './hub';
import type { Logger } from './logger';
import { ScreenPairing } from './pairing';
import { PairingRegistry, type PairingLimits } from './pairing-registry';

export function createScreenPairing(
  hub: Hub,
  dataDir: string,
  clock: HubClock,
  log: Logger,
  limits?: Partial<PairingLimits>,
): ScreenPairing {
  const loaded = loadScreens(dataDir);
  if (loaded.problem) log.warn(loaded.problem);
  const registry = new PairingRegistry({
    now: () => clock.now(),
    records: loaded.screens,
    save: (records) => saveScreens(dataDir, records),
    ...(limits ? { limits } : {}),
  });
  return attachPairing(hub, registry, clock, log);
}

/** Plugs a pairing registry into the hub's sessions (also what the unit tests use). */
export function attachPairing(
  hub: Hub,
  registry: PairingRegistry,
  clock: HubClock,
  log: Logger,
): ScreenPairing {
  const pairing = new ScreenPairing(
    {
      hubId: hub.hubId,
      helloTimeoutMs: hub.limits.helloTimeoutMs,
      send: (s, msg) => hub.send(s, msg),
      refuse: (s, code, message) => hub.refuse(s, code, message),
      enterScreen: (s, hello) => hub.enterScreen(s, hello),
    },
    registry,
    clock,
    log,
  );
  hub.pairing = pairing;
  return pairing;
}
