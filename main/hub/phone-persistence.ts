/**
 * Wires the hub's phone registry to <data>/phones.json (main/config/phone-store.ts): restores
 * phones still within their grace period at start, and saves after roster changes.
 */
import { loadPhones, PhoneStore, type StoredPhones } from '../config/phone-store';
import type { HubClock } from './clock';
import type { Hub } from './hub';
import { rippleBucket } from './limits';
import type { Logger } from './logger';

/** Loads saved phones into a hub that has not started yet; returns how many came back. */
export function restorePhones(hub: Hub, dataDir: string, clock: HubClock, log: Logger): number {
  const now = clock.now();
  const loaded = loadPhones(dataDir, now, hub.limits.phoneGraceMs);
  if (loaded.problem) log.warn(loaded.problem);
  let restored = 0;
  // The registry stays bounded across a restart too: the most recently seen phones come back.
  const room = hub.currentSettings.maxPhones + hub.limits.maxDozing;
  const newest = loaded.phones.sort((a, b) => b.seenAt - a.seenAt).slice(0, room);
  for (const p of newest) {
    const phone = hub.phones.restore(p, rippleBucket(hub.limits, now), Math.min(p.seenAt, now));
    if (phone) restored++;
  }
  hub.phones.reserveIdsBelow(loaded.nextId);
  if (restored || loaded.expired)
    log.info({ restored, expired: loaded.expired }, 'phones restored from the data dir');
  return restored;
}

export function createPhoneStore(
  hub: Hub,
  dataDir: string,
  clock: HubClock,
  log: Logger,
): PhoneStore {
  return new PhoneStore({
    dataDir,
    snapshot: (): StoredPhones => {
      const now = clock.now();
      return {
        nextId: hub.phones.nextFreeId,
        phones: [...hub.phones.values()].map((p) => ({
          id: p.id,
          token: p.token,
          flag: p.flag,
          name: p.name,
          seenAt: p.dozing ? p.dozingSince : now,
        })),
      };
    },
    onError: (err) => log.error({ err: err.message }, 'could not save phones'),
  });
}
