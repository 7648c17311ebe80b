/**
 * The operator's bans and flag blocklist: plain maps, so the hub checks a phone's hello against
 * them with two lookups before any other work. Both are bounded (a cap, and bans expire), so no
 * number of operator clicks or banned phones grows the hub without limit. Pure: time comes in.
 */
import type { OperatorBan, OperatorModeration } from '../../shared/protocol/hub-messages';
import { FALLBACK_FLAG } from './flags';

/** Most bans held at once; past it the ban ending soonest makes room (see ban()). */
export const MAX_BANS = 1000;
/** Bans the console lists (newest first); the count covers them all. */
export const LISTED_BANS = 200;
/** Most blocked flags (there are ~250 flags in all). */
export const MAX_BLOCKED_FLAGS = 300;

export interface Ban {
  readonly id: number;
  readonly token: string;
  /** Null: only the token is banned. */
  readonly address: string | null;
  /** Hub time it ends; null: the rest of the show (until the hub restarts or an unban). */
  readonly until: number | null;
  readonly label: string;
}

export interface BanRequest {
  token: string;
  address: string | null;
  /** Null: the rest of the show. */
  durationMs: number | null;
  label: string;
}

export class Moderation {
  private readonly byId = new Map<number, Ban>();
  private readonly byToken = new Map<string, Ban>();
  private readonly byAddress = new Map<string, Ban>();
  private blocked = new Set<string>();
  private nextId = 1;

  get banCount(): number {
    return this.byId.size;
  }

  /** The ban in force for this token or address now, if any (expired ones are dropped here). */
  bannedFor(token: string | undefined, address: string, now: number): Ban | null {
    const ban =
      (token !== undefined ? this.byToken.get(token) : undefined) ?? this.byAddress.get(address);
    if (!ban) return null;
    if (ban.until !== null && now >= ban.until) {
      this.remove(ban);
      return this.bannedFor(token, address, now);
    }
    return ban;
  }

  /**
   * Adds a ban. At the cap, expired bans go first, then the one ending soonest (a rest-of-show
   * ban last): the operator can always ban the phone in front of them. Returns the ban and the
   * one lifted to make room, if any.
   */
  ban(req: BanRequest, now: number): { ban: Ban; evicted: Ban | null } {
    const old = this.byToken.get(req.token);
    if (old) this.remove(old);
    let evicted: Ban | null = null;
    if (this.byId.size >= MAX_BANS) {
      this.prune(now);
      if (this.byId.size >= MAX_BANS) {
        evicted = this.endingSoonest();
        if (evicted) this.remove(evicted);
      }
    }
    const ban: Ban = {
      id: this.nextId++,
      token: req.token,
      address: req.address,
      until: req.durationMs === null ? null : now + req.durationMs,
      label: req.label,
    };
    this.byId.set(ban.id, ban);
    this.byToken.set(ban.token, ban);
    if (ban.address !== null) this.byAddress.set(ban.address, ban);
    return { ban, evicted };
  }

  unban(id: number): Ban | null {
    const ban = this.byId.get(id);
    if (!ban) return null;
    this.remove(ban);
    return ban;
  }

  /** Timed bans in force, to keep across a restart (a rest-of-show ban ends with the hub). */
  timedBans(
    now: number,
  ): { token: string; address: string | null; until: number; label: string }[] {
    this.prune(now);
    const out = [];
    for (const b of this.byId.values())
      if (b.until !== null)
        out.push({ token: b.token, address: b.address, until: b.until, label: b.label });
    return out;
  }

  /** Puts back bans saved before a restart; those that ended meanwhile are skipped. */
  restore(
    saved: readonly { token: string; address: string | null; until: number; label: string }[],
    now: number,
  ): number {
    let n = 0;
    for (const b of saved) {
      if (b.until <= now) continue;
      this.ban(
        { token: b.token, address: b.address, durationMs: b.until - now, label: b.label },
        now,
      );
      n++;
    }
    return n;
  }

  /** Drops every ban that has ended. */
  prune(now: number): void {
    for (const ban of this.byId.values())
      if (ban.until !== null && now >= ban.until) this.remove(ban);
  }

  /** Replaces the blocklist (deduplicated, capped). */
  setBlockedFlags(flags: readonly string[]): void {
    this.blocked = new Set(flags.slice(0, MAX_BLOCKED_FLAGS));
  }

  get blockedFlags(): string[] {
    return [...this.blocked].sort();
  }

  /** The flag a phone may show: the fallback instead of a blocked one. */
  allowedFlag(flag: string): string {
    return this.blocked.has(flag) ? FALLBACK_FLAG : flag;
  }

  /** What the console lists, newest ban first. */
  view(now: number): OperatorModeration {
    this.prune(now);
    const newest = [...this.byId.values()].slice(-LISTED_BANS).reverse();
    const bans: OperatorBan[] = newest.map((b) => ({
      id: b.id,
      label: b.label,
      address: b.address,
      endsInMs: b.until === null ? null : b.until - now,
    }));
    return { bans, banCount: this.byId.size, blockedFlags: this.blockedFlags };
  }

  private endingSoonest(): Ban | null {
    let best: Ban | null = null;
    for (const b of this.byId.values()) {
      if (best === null || (b.until ?? Infinity) < (best.until ?? Infinity)) best = b;
    }
    return best;
  }

  private remove(ban: Ban): void {
    this.byId.delete(ban.id);
    if (this.byToken.get(ban.token) === ban) this.byToken.delete(ban.token);
    if (ban.address !== null && this.byAddress.get(ban.address) === ban)
      this.byAddress.delete(ban.address);
  }
}
