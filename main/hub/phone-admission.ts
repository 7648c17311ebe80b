/**
 * Who is on the wall: phones join (or resume, or wait when the wall is full), doze when their
 * socket drops, leave when their grace period ends or the operator kicks them, and waiting
 * phones are let on, oldest first, whenever a place frees up. The hub (hub.ts) routes messages
 * here; this file owns the phone ↔ session mapping.
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

export class PhoneAdmission {
  private readonly sessionByPhone = new Map<number, Session>();
  /** Phones that started dozing on this hub, oldest first (restored ones are not among them). */
  private readonly dozers = new Set<Phone>();
  /** Set while the hub shuts down: every phone dozes (phones.json keeps it for the restart). */
  shuttingDown = false;

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
        io.sendJson(s, this.deps.welcome(s));
        io.sendJson(s, { type: 'wait', position: countWaiting(this.deps.sessions) });
        return;
      }
      const flag = pickFlag(hello.phone?.flag, hello.phone?.lang, s.info.acceptLanguage);
      const bucket = rippleBucket(limits, clock.now());
      phone = phones.add(this.deps.token(), flag, sanitizeName(hello.phone?.name), bucket);
    }
    s.phone = phone;
    this.sessionByPhone.set(phone.id, s);
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

  /** Lets waiting phones onto the wall, oldest first, while there is room. */
  admitWaiting(): void {
    const waiting = [...this.deps.sessions]
      .filter((s) => s.waiting)
      .sort((a, b) => a.connectedAt - b.connectedAt);
    for (const s of waiting) {
      if (countPhones(this.deps.phones.values()).active >= this.deps.settings().maxPhones) break;
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
    const s = this.sessionByPhone.get(id);
    this.sessionByPhone.delete(id);
    this.dozers.delete(phone);
    this.deps.phones.remove(phone);
    this.deps.roster([], [id]);
    if (s) {
      s.phone = null;
      this.deps.io.reject(s, CloseCode.KICKED, 'removed from the wall by the operator');
    }
    this.admitWaiting();
    return true;
  }
}
