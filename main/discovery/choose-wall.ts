/**
 * Which hub a screen joins, from the hubs it can see. Pure, so every case is unit-tested:
 * - a wall name was configured: the hub announcing that wall (never another);
 * - none configured: the only wall on the network; with several, wait and say which exist;
 * - a hub speaking another protocol version is never joined, and the reason is given.
 */
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { WallAnnouncement } from './wall-record';

/**
 * Without a wall name, how long to wait after the first hub answers before calling it the only
 * wall, ms. mDNS responders delay shared answers 20-120 ms (RFC 6762 §6) and a hub that missed
 * the first query answers the next, 1 s later (browse.ts); at 250 ms a loaded machine's second
 * hub sometimes answered too late and a screen without --wall joined one of two walls.
 */
export const SETTLE_MS = 1200;

export type WallChoice =
  { kind: 'join'; hub: WallAnnouncement; note?: string } | { kind: 'wait'; reason: string };

export function chooseWall(
  hubs: readonly WallAnnouncement[],
  wanted: string | undefined,
  previousHubId?: string,
): WallChoice {
  const compatible = hubs.filter((h) => h.proto === PROTOCOL_VERSION);
  const incompatible = hubs.filter((h) => h.proto !== PROTOCOL_VERSION);
  const names = [...new Set(hubs.map((h) => h.wall))].sort();
  if (wanted !== undefined) {
    const same = compatible.filter((h) => h.wall === wanted);
    const hub = same.find((h) => h.hubId === previousHubId) ?? same[0];
    if (hub) {
      return same.length > 1
        ? {
            kind: 'join',
            hub,
            note: `${same.length} hubs announce wall "${wanted}"; joined ${hub.hubId}`,
          }
        : { kind: 'join', hub };
    }
    if (incompatible.some((h) => h.wall === wanted))
      return {
        kind: 'wait',
        reason: `wall "${wanted}" speaks another protocol version (this screen speaks ${PROTOCOL_VERSION})`,
      };
    return {
      kind: 'wait',
      reason: names.length
        ? `waiting for wall "${wanted}"; seen: ${names.map((n) => `"${n}"`).join(', ')}`
        : `waiting for wall "${wanted}"`,
    };
  }
  const walls = [...new Set(compatible.map((h) => h.wall))];
  if (walls.length === 1) {
    const hub = compatible.find((h) => h.hubId === previousHubId) ?? compatible[0]!;
    return { kind: 'join', hub };
  }
  if (walls.length > 1)
    return {
      kind: 'wait',
      reason: `several walls on this network (${walls
        .sort()
        .map((n) => `"${n}"`)
        .join(', ')}); choose one with --wall NAME`,
    };
  if (incompatible.length)
    return {
      kind: 'wait',
      reason: `only hubs speaking another protocol version are visible (this screen speaks ${PROTOCOL_VERSION})`,
    };
  return { kind: 'wait', reason: 'no wall found yet' };
}
