/** The /healthz report: enough for a monitor, and for the operator console's screen list. */
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Hub } from './hub';
import { countPhones } from './hub-queries';

export function healthReport(hub: Hub, version: string) {
  const screens = [];
  const { active: phones, dozing } = countPhones(hub.phones.values());
  for (const s of hub.sessions) {
    if (s.role !== 'screen' || !s.screen) continue;
    screens.push({
      name: s.screen.name,
      address: s.info.address,
      slice: s.screen.slice,
      clock: s.screen.stats?.clock ?? null,
      fps: s.screen.stats?.fps ?? null,
      jitterMs: s.screen.stats?.jitterMs ?? null,
      skippedTicks: s.screen.skippedTicks,
      lastSeen: s.screen.lastSeen,
    });
  }
  return {
    ok: true,
    version,
    proto: PROTOCOL_VERSION,
    wall: hub.wall,
    hubId: hub.hubId,
    screens: screens.length,
    phones,
    dozing,
    playoutDelayMs: hub.playoutDelayMs(),
    screenDetails: screens,
  };
}
