/**
 * Which hub a paired screen joins: only the hub it paired with (its hub id, pinned), never another
 * hub announcing the same wall name — a spoofer on the LAN, or a reinstalled hub — until the
 * screen is paired again. Pure, like choose-wall.ts, which it narrows.
 */
import { chooseWall, type WallChoice } from './choose-wall';
import type { WallAnnouncement } from './wall-record';

export const REPAIR_HINT = 'start the app with --pair (or remove "pairing" from its config.json)';

export function choosePinnedWall(
  hubs: readonly WallAnnouncement[],
  wanted: string | undefined,
  pinnedHubId: string,
): WallChoice {
  const mine = hubs.filter((h) => h.hubId === pinnedHubId);
  const choice = chooseWall(mine, wanted, pinnedHubId);
  if (choice.kind === 'join') return choice;
  const impostor = hubs.find(
    (h) => h.hubId !== pinnedHubId && (wanted === undefined || h.wall === wanted),
  );
  if (impostor)
    return {
      kind: 'wait',
      reason: `a different hub (${impostor.hubId}) is announcing wall "${impostor.wall}": refusing it until this screen is re-paired; to pair with it, ${REPAIR_HINT}`,
    };
  return { kind: 'wait', reason: `waiting for the hub this screen paired with (${pinnedHubId})` };
}
