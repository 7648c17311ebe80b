/** Read-only views of hub state the hub needs in several places; pure, so they test alone. */
import type { HubMessage } from '../../shared/protocol/hub-messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Settings } from '../../shared/scene/settings';
import type { Phone } from './phones';
import type { ScreenTiming } from './playout';
import type { Session } from './session';

/** Phones on the wall now (active) and those disconnected within their grace period (dozing). */
export function countPhones(phones: Iterable<Phone>): { active: number; dozing: number } {
  let active = 0;
  let dozing = 0;
  for (const p of phones) {
    if (p.dozing) dozing++;
    else active++;
  }
  return { active, dozing };
}

/** Phones waiting for a place because the wall is full. */
export function countWaiting(sessions: Iterable<Session>): number {
  let n = 0;
  for (const s of sessions) if (s.waiting) n++;
  return n;
}

/** What the screens report about their links, for choosing the playout delay. */
export function screenTimings(sessions: Iterable<Session>): ScreenTiming[] {
  const out: ScreenTiming[] = [];
  for (const s of sessions) {
    const st = s.screen?.stats;
    // An unconverged clock's error says nothing about the steady state: leave it out.
    const errorMs = st?.clock.converged ? st.clock.errorMs : undefined;
    if (st) out.push({ jitterMs: st.jitterMs, rttMs: st.clock.rttMs, errorMs });
  }
  return out;
}

/** The welcome a client gets after its hello (phones: with their identity and resume token). */
export function welcomeMessage(
  s: Session,
  hub: { hubId: string; wall: string },
  settings: Settings,
  hubTime: number,
): HubMessage {
  return {
    type: 'welcome',
    proto: PROTOCOL_VERSION,
    hubId: hub.hubId,
    wall: hub.wall,
    clientId: s.phone?.id ?? 0,
    role: s.role ?? 'phone',
    ...(s.phone
      ? {
          resume: s.phone.token,
          flag: s.phone.flag,
          name: s.phone.name,
          x: s.phone.x,
          y: s.phone.y,
        }
      : {}),
    settings,
    hubTime,
  };
}
