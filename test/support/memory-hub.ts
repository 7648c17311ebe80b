/** A Hub on a FakeHubClock with memory sockets: the unit-test rig for hub logic. */
import { pino, type Logger } from 'pino';
import { Hub } from '../../main/hub/hub';
import type { HubLimits } from '../../main/hub/limits';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/scene/settings';
import { FakeHubClock } from './fake-hub-clock';

export const MEMORY_HUB_KEY = 'memory-hub-key';

export function createMemoryHub(
  opts: { limits?: Partial<HubLimits>; settings?: Partial<Settings>; log?: Logger } = {},
): { hub: Hub; clock: FakeHubClock } {
  const clock = new FakeHubClock();
  let token = 0;
  const hub = new Hub({
    wall: 'test',
    hubId: 'hub-test',
    key: MEMORY_HUB_KEY,
    settings: { ...DEFAULT_SETTINGS, ...opts.settings },
    clock,
    log: opts.log ?? pino({ level: 'silent' }),
    ...(opts.limits ? { limits: opts.limits } : {}),
    token: () => `token-${++token}`,
  });
  return { hub, clock };
}
