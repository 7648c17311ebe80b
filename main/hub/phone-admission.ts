/**
 * Who is on the wall: phones join (or resume, or wait when the wall is full), doze when their
 * socket drops, leave when their grace period ends, the operator kicks or bans them, or they
 * hold a place too long without a move (idle); waiting phones are let on, round-robin by address
 * (fair-admission.ts), whenever a place frees up. The hub (hub.ts) routes messages here; this
 * file owns the phone ↔ session mapping. Bans and the flag blocklist are moderation.ts.
 */
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Settings } from '../../shared/scene/settings';
import type { HubClock } from './clock';
import { pickFlag, sanitizeName } from './flags';
import { countPhones, countWaiting } from './hub-queries';
import { rippleBucket, type HubLimits } from './limits';
import { FairQueue } from './fair-admission';
import { Moderation, type Ban } from './moderation';
import type { Phone, PhoneRegistry } from './phones';
import type { Session } from './session';
import type { SessionIO } from './session-io';

export interface AdmissionDeps {
  phones: PhoneRegistry;
  /** Every open session (the waiting ones are among them). */
  sessions: ReadonlySet<Session>;
  io: SessionIO;
  clock: HubClock;
  limits: HubLimits;
  settings(): Readonly<Settings>;
  /** The welcome for `s` as things stand now. */
  welcome(s: Session): HubMessage;
  /** A fresh resume token. */
  token(): string;
  /** Tells every screen which phones changed or left. */
  roster(upsert: Phone[], remove: number[]): void;
}

/** Idle places and waiting positions are looked at this often, not per tick or per message. */
export const HOUSEKEEPING_MS = 1000;
/** Most `wait` position updates sent per round: a huge queue is told over several rounds. */
export const POSITIONS_PER_ROUND = 500;

export class PhoneAdmission {
  readonly moderation = new Moderation();
  private readonly sessionByPhone = new Map<number, Session>();
  /** Phones that started dozing on this hub, oldest first (restored ones are not among them). */
  private readonly dozers = new Set<Phone>();
  /** Set while the hub shuts down: every phone dozes (phones.json keeps it for the restart). */
  shuttingDown = false;
  private readonly fair = new FairQueue();
  /** When each phone took (or resumed) its place: an idle place counts from here or its last move. */
  private readonly heldSince = new WeakMap<Phone, number>();
  /** The address each phone last joined from (a dozing phone has no session to ask). */
  private readonly addressOf = new WeakMap<Phone, string>();
  /** The queue position each waiting phone was last told. */
  private readonly toldPosition = new WeakMap<Session, number>();
  private queueChanged = false;
  private nextHousekeeping = 0;

  constructor(private readonly deps: AdmissionDeps) {}

  /** The session a phone is on now (undefined while it dozes). */
  sessionOf(phoneId: number): Session | undefined {
    return this.sessionByPhone.get(phoneId);
  }

  /** A phone's hello: resume its flag, take a new place, or wait for one. */
  join(s: Session, hello: HelloMsg): void {
    const { phones, io, clock, limits } = this.deps;
    let phone = phones.byResume(hello.resume);
    if (phone) {
      const previous = this.sessionByPhone.get(phone.id);
      if (previous && previous !== s) io.close(previous, CloseCode.GOING_AWAY, 'resumed elsewhere');
      phone.dozing = false;
      this.dozers.delete(phone);
    } else {
      if (countPhones(phones.values()).active >= this.deps.settings().maxPhones) {
        s.waiting = true;
        s.waitingHello = hello;
        this.queueChanged = true;
        const position = countWaiting(this.deps.sessions);
        this.toldPosition.set(s, position);
        io.sendJson(s, this.deps.welcome(s));
        io.sendJson(s, { type: 'wait', position });
        return;
      }
      const chosen = pickFlag(hello.phone?.flag, hello.phone?.lang, s.info.acceptLanguage);
      const flag = this.moderation.allowedFlag(chosen);
      const bucket = rippleBucket(limits, clock.now());
      phone = phones.add(this.deps.token(), flag, sanitizeName(hello.phone?.name), bucket);
    }
    s.phone = phone;
    this.sessionByPhone.set(phone.id, s);
    this.heldSince.set(phone, clock.now());
    this.addressOf.set(phone, s.info.address);
    io.sendJson(s, this.deps.welcome(s));
    this.deps.roster([phone], []);
  }

  /**
   * A session closed: its phone dozes (kept for the grace period) if it ever moved; one that
   * never moved leaves at once (a ghost: nothing of it to keep). Past maxDozing the oldest dozer
   * leaves. A place may have freed.
   */
  left(s: Session): void {
    const phone = s.phone;
    if (phone && this.sessionByPhone.get(phone.id) === s) {
      this.sessionByPhone.delete(phone.id);
      if (phone.movedAt === 0 && !this.shuttingDown) {
        this.deps.phones.remove(phone);
        this.deps.roster([], [phone.id]);
      } else {
        phone.dozing = true;
        phone.dozingSince = this.deps.clock.now();
        this.dozers.add(phone);
        this.deps.roster([phone], []);
        if (!this.shuttingDown) this.capDozing();
      }
    }
    if (s.waiting) this.queueChanged = true;
    if (s.waiting || phone) this.admitWaiting();
  }

  /** Dozing phones (from live disconnects) held at once. */
  get dozingCount(): number {
    return this.dozers.size;
  }

  private capDozing(): void {
    const { phones, limits } = this.deps;
    const removed: number[] = [];
    for (const p of this.dozers) {
      if (this.dozers.size - removed.length <= limits.maxDozing) break;
      removed.push(p.id);
    }
    for (const id of removed) {
      const p = phones.get(id)!;
      this.dozers.delete(p);
      phones.remove(p);
    }
    if (removed.length) this.deps.roster([], removed);
  }

  /** Phones dozing longer than the grace period leave the wall. */
  expireDozing(now: number): void {
    const { phones, limits } = this.deps;
    const removed: number[] = [];
    for (const p of phones.values()) {
      if (p.dozing && now - p.dozingSince >= limits.phoneGraceMs) removed.push(p.id);
    }
    if (removed.length === 0) return;
    for (const id of removed) {
      const p = phones.get(id)!;
      this.dozers.delete(p);
      phones.remove(p);
    }
    this.deps.roster([], removed);
    this.admitWaiting();
  }

  /** Lets waiting phones onto the wall while there is room, round-robin by address. */
  admitWaiting(): void {
    const room = (): boolean =>
      countPhones(this.deps.phones.values()).active < this.deps.settings().maxPhones;
    if (!room()) return;
    const waiting = [...this.deps.sessions].filter((s) => s.waiting);
    if (waiting.length === 0) return;
    for (const s of this.fair.order(waiting)) {
      if (!room()) break;
      this.fair.admitted(s);
      this.queueChanged = true;
      s.waiting = false;
      s.role = null;
      this.deps.clock.clearTimeout(s.helloTimer);
      this.join(s, s.waitingHello ?? { type: 'hello', proto: PROTOCOL_VERSION, role: 'phone' });
      s.waitingHello = null;
      s.role = 'phone';
    }
  }

  /** Removes a phone from the wall now (no dozing) and closes its socket with KICKED. */
  kick(id: number): boolean {
    const phone = this.deps.phones.get(id);
    if (!phone) return false;
    this.evict(phone, CloseCode.KICKED, 'removed from the wall by the operator');
    this.admitWaiting();
    return true;
  }

  // ---- moderation ----------------------------------------------------------------------------

  /**
   * A phone's hello from a banned token or address: refused with BANNED (saying when it ends)
   * before any other work. True when refused.
   */
  refuseBanned(s: Session, hello: HelloMsg): boolean {
    const now = this.deps.clock.now();
    const ban = this.moderation.bannedFor(hello.resume, s.info.address, now);
    if (!ban) return false;
    this.closeBanned(s, ban, now);
    return true;
  }

  /**
   * Bans phone `id` (its token, and its address when `byAddress`: every phone from there goes)
   * for `minutes` (null: the rest of the show). A sentence for the operator, or null if no such phone.
   */
  ban(id: number, minutes: number | null, byAddress: boolean): string | null {
    const phone = this.deps.phones.get(id);
    if (!phone) return null;
    const now = this.deps.clock.now();
    const address = byAddress ? (this.addressOf.get(phone) ?? null) : null;
    const label = `#${phone.id}${phone.name ? ` “${phone.name}”` : ''} (${phone.flag})`;
    const durationMs = minutes === null ? null : minutes * 60_000;
    const { ban, evicted } = this.moderation.ban(
      { token: phone.token, address, durationMs, label },
      now,
    );
    let closed = 0;
    const victims = new Set<Session>();
    const own = this.sessionByPhone.get(phone.id);
    if (own) victims.add(own);
    if (address !== null)
      for (const s of this.deps.sessions)
        if (s.role === 'phone' && s.info.address === address) victims.add(s);
    this.removePhone(phone);
    for (const s of victims) {
      if (s.phone) this.removePhone(s.phone);
      this.closeBanned(s, ban, now);
      closed++;
    }
    this.admitWaiting();
    const span = minutes === null ? 'for the rest of the show' : `for ${minutes} min`;
    const what =
      address !== null
        ? `${label} and address ${address}`
        : byAddress
          ? `${label} (its address is unknown: not connected since the hub started)`
          : label;
    return (
      `${what} banned ${span}; ${closed} socket(s) closed` +
      (evicted ? ` (ban list full: lifted the ban on ${evicted.label}, which ended soonest)` : '')
    );
  }

  /** Replaces the flag blocklist; phones showing a blocked flag switch to the fallback now. */
  setBlockedFlags(flags: readonly string[]): number {
    this.moderation.setBlockedFlags(flags);
    const changed: Phone[] = [];
    for (const p of this.deps.phones.values()) {
      const allowed = this.moderation.allowedFlag(p.flag);
      if (allowed !== p.flag) {
        p.flag = allowed;
        changed.push(p);
      }
    }
    if (changed.length === 0) return 0;
    this.deps.roster(changed, []);
    for (const p of changed) {
      const s = this.sessionByPhone.get(p.id);
      if (s) this.deps.io.sendJson(s, { type: 'flag', flag: p.flag });
    }
    return changed.length;
  }

  /** The flag a phone's `profile` may set; a blocked one gives the fallback, and the phone is told. */
  profileFlag(phone: Phone, flag: string): string {
    const allowed = this.moderation.allowedFlag(flag);
    const s = this.sessionByPhone.get(phone.id);
    if (allowed !== flag && s) this.deps.io.sendJson(s, { type: 'flag', flag: allowed });
    return allowed;
  }

  /** Coarse timer (the hub calls it from its tick): frees idle places, tells waiters their place. */
  housekeeping(now: number): void {
    if (now < this.nextHousekeeping) return;
    this.nextHousekeeping = now + HOUSEKEEPING_MS;
    this.closeIdle(now);
    if (this.queueChanged) this.tellPositions();
  }

  /** Phones that held a place for idlePlaceMs without a move: place freed, closed with IDLE. */
  closeIdle(now: number): void {
    const idleMs = this.deps.settings().idlePlaceMs;
    if (!(idleMs > 0)) return;
    const idle: Phone[] = [];
    for (const s of this.sessionByPhone.values()) {
      const p = s.phone;
      if (!p || p.dozing) continue;
      const since = Math.max(p.movedAt, this.heldSince.get(p) ?? now);
      if (now - since >= idleMs) idle.push(p);
    }
    if (idle.length === 0) return;
    const reason = `no move for ${Math.round(idleMs / 1000)} s: place freed, rejoin to play again`;
    for (const p of idle) this.evict(p, CloseCode.IDLE, reason);
    this.admitWaiting();
  }

  /** Sends each waiting phone its place in line when it changed (at most once per round). */
  private tellPositions(): void {
    this.queueChanged = false;
    const order = this.fair.order([...this.deps.sessions].filter((s) => s.waiting && !s.closed));
    let sent = 0;
    for (const [i, s] of order.entries()) {
      const position = i + 1;
      if (this.toldPosition.get(s) === position) continue;
      // The front of the line first; the rest, and backed-up sockets, next round.
      if (sent >= POSITIONS_PER_ROUND || this.deps.io.backedUp(s)) {
        this.queueChanged = true;
        continue;
      }
      this.toldPosition.set(s, position);
      this.deps.io.sendJson(s, { type: 'wait', position });
      sent++;
    }
  }

  private closeBanned(s: Session, ban: Ban, now: number): void {
    const message = 'banned from this wall by the operator';
    this.deps.io.sendJson(s, {
      type: 'error',
      code: CloseCode.BANNED,
      message,
      ...(ban.until !== null ? { endsInMs: Math.max(0, ban.until - now) } : {}),
    });
    this.deps.io.close(s, CloseCode.BANNED, message);
  }

  /** Off the wall now (no dozing), its socket closed with `code`. */
  private evict(phone: Phone, code: number, message: string): void {
    const s = this.sessionByPhone.get(phone.id);
    this.removePhone(phone);
    if (s) this.deps.io.reject(s, code, message);
  }

  private removePhone(phone: Phone): void {
    const s = this.sessionByPhone.get(phone.id);
    if (s) s.phone = null;
    this.sessionByPhone.delete(phone.id);
    this.dozers.delete(phone);
    if (this.deps.phones.get(phone.id) !== phone) return;
    this.deps.phones.remove(phone);
    this.deps.roster([], [phone.id]);
  }
}
