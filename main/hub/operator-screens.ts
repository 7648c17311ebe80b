/**
 * Every screen the operator should know about — connected, placed in the layout, or seen recently —
 * with an honest status: ok (connected and heard from lately), reconnecting (silent, or dropped a
 * moment ago), gone (dropped long ago, or placed but never seen since the hub started).
 */
import type { Slice } from '../../shared/geometry/slice';
import type { WallLayout } from '../../shared/geometry/layout';
import type { OperatorScreen, ScreenStatus } from '../../shared/protocol/hub-messages';
import { UNKNOWN_CLOCK_ERROR_MS } from '../../shared/clock/types';
import { versionFromUserAgent } from './audience';
import type { Session } from './session';

/** A connected screen silent this long is shown as reconnecting. */
export const STALE_MS = 5000;
/** A screen that dropped less than this ago is reconnecting; after, gone. */
export const RECONNECT_GRACE_MS = 60_000;
/** Dropped screens that are not in the layout are forgotten after this. */
const FORGET_MS = 10 * 60_000;

/** Distinct, legible on black, and nameable out loud ("the orange one"). */
export const SCREEN_COLORS = [
  '#ff5a5f',
  '#ffb400',
  '#3ddc97',
  '#2d9cdb',
  '#b15dff',
  '#ff7ac6',
  '#00d1d1',
  '#c0ca33',
];

/** What the hub keeps per live screen session. */
export interface LiveScreen {
  session: Session;
  /** The slice the screen asked for itself (used while it is not placed). */
  ownSlice: Slice | null;
  sentRev: number;
  appliedRev: number;
}

interface Remembered {
  name: string;
  address: string;
  version: string;
  leftAt: number;
}

export class ScreenRoster {
  readonly live = new Map<Session, LiveScreen>();
  private readonly dropped = new Map<string, Remembered>();

  add(s: Session): LiveScreen {
    const entry: LiveScreen = {
      session: s,
      ownSlice: s.screen?.slice ?? null,
      sentRev: 0,
      appliedRev: 0,
    };
    this.live.set(s, entry);
    if (s.screen) this.dropped.delete(s.screen.name);
    return entry;
  }

  remove(s: Session, now: number): void {
    if (!this.live.delete(s) || !s.screen) return;
    if ([...this.live.keys()].some((o) => o.screen?.name === s.screen?.name)) return;
    this.dropped.set(s.screen.name, {
      name: s.screen.name,
      address: s.info.address,
      version: versionFromUserAgent(s.info.userAgent),
      leftAt: now,
    });
  }

  /** Number (1-based) and colour: placed screens in layout order, then the rest by name. */
  numbering(layout: WallLayout): Map<string, number> {
    const names = layout.screens.map((p) => p.name);
    const others = new Set<string>();
    for (const l of this.live.keys()) if (l.screen) others.add(l.screen.name);
    for (const name of this.dropped.keys()) others.add(name);
    for (const n of names) others.delete(n);
    const all = [...names, ...[...others].sort()];
    return new Map(all.map((name, i) => [name, i + 1]));
  }

  list(layout: WallLayout, now: number): OperatorScreen[] {
    for (const [name, r] of this.dropped)
      if (now - r.leftAt > FORGET_MS && !layout.screens.some((p) => p.name === name))
        this.dropped.delete(name);
    const numbers = this.numbering(layout);
    const placed = new Set(layout.screens.map((p) => p.name));
    const out: OperatorScreen[] = [];
    const seen = new Set<string>();
    for (const l of this.live.values()) {
      const sc = l.session.screen;
      if (!sc) continue;
      seen.add(sc.name);
      const ago = now - sc.lastSeen;
      const stale = ago > STALE_MS;
      out.push({
        ...identity(sc.name, numbers),
        status: stale ? 'reconnecting' : 'ok',
        detail: stale ? `connected but silent for ${Math.round(ago / 1000)} s` : '',
        address: l.session.info.address,
        version: versionFromUserAgent(l.session.info.userAgent),
        slice: sc.slice,
        placed: placed.has(sc.name),
        fps: sc.stats?.fps ?? null,
        clockErrorMs: knownClockError(sc.stats?.clock.errorMs),
        rttMs: sc.stats?.clock.rttMs ?? null,
        lastSeenAgoMs: ago,
        appliedRev: l.appliedRev,
        sentRev: l.sentRev,
      });
    }
    const names = new Set([...placed, ...this.dropped.keys()]);
    for (const name of names) {
      if (seen.has(name)) continue;
      const r = this.dropped.get(name);
      const ago = r ? now - r.leftAt : null;
      const status: ScreenStatus =
        ago !== null && ago < RECONNECT_GRACE_MS ? 'reconnecting' : 'gone';
      out.push({
        ...identity(name, numbers),
        status,
        detail:
          ago === null
            ? 'not connected since the hub started'
            : `disconnected ${Math.round(ago / 1000)} s ago`,
        address: r?.address ?? null,
        version: r?.version ?? '',
        slice: null,
        placed: placed.has(name),
        fps: null,
        clockErrorMs: null,
        rttMs: null,
        lastSeenAgoMs: ago,
        appliedRev: 0,
        sentRev: 0,
      });
    }
    return out.sort((a, b) => a.number - b.number);
  }
}

export const colorFor = (n: number): string => SCREEN_COLORS[(n - 1) % SCREEN_COLORS.length]!;

function identity(
  name: string,
  numbers: Map<string, number>,
): { name: string; number: number; color: string } {
  const number = numbers.get(name) ?? 0;
  return { name, number, color: colorFor(number) };
}

/** null (shown as "—") until the screen's clock has a sample. */
function knownClockError(errorMs: number | undefined): number | null {
  return errorMs === undefined || errorMs >= UNKNOWN_CLOCK_ERROR_MS ? null : errorMs;
}
