/**
 * The hub: every client's session, the messages they send, and the tick that fans one binary
 * frame out to every screen. Who is on the wall (join, wait, doze, leave, kick) is
 * phone-admission.ts. Written against HubSocket and HubClock only, so it runs (and is tested)
 * without a network or real time. The ws/http wiring lives in server.ts.
 */
import {
  BinTag,
  decodeClientFrame,
  encodeAck,
  encodePong,
  quantize,
} from '../../shared/protocol/binary';
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage, SnapshotMsg } from '../../shared/protocol/hub-messages';
import type { ClientMessage, HelloMsg, ProfileMsg } from '../../shared/protocol/messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Settings } from '../../shared/scene/settings';
import { sanitizeName } from './flags';
import { DEFAULT_LIMITS, type HubLimits } from './limits';
import { PhoneRegistry, type Phone } from './phones';
import { newScreenInfo, Session } from './session';
import type { ConnectionInfo, HubSocket } from './socket';
import { parseClientMessage } from './validation';
import { choosePlayoutDelay, PlayoutDelay } from './playout';
import { countPhones, screenTimings, welcomeMessage } from './hub-queries';
import { TickFanout } from './tick';
import { AckQueue } from './acks';
import { RippleLog } from './ripples';
import { PhonePresence } from './presence';
import { readMove, type MoveFields } from './hot-decode';
import {
  createCounters,
  type Connection,
  type HubCounters,
  type HubExtension,
  type HubOptions,
  type TickObserver,
} from './hub-types';
import { PhoneAdmission } from './phone-admission';
import { SessionIO } from './session-io';
import { TickSchedule } from './tick-schedule';
import { KeyGate } from './auth';
import type { ScreenPairing } from './pairing';
import { MsgKind, SessionBudget, type BudgetClass } from './budgets';
import { BudgetGate } from './budget-gate';
import { buildSnapshot } from './snapshot';
import { RosterBatch } from './roster-batch';
import { WallNames } from './names';
import { DEFAULT_ASPECT } from './spawn';

export type { Connection, HubCounters, HubExtension, HubOptions, TickObserver } from './hub-types';

/** Dozing phones are checked for expiry this often, not every tick. */
const EXPIRY_CHECK_MS = 250;

export class Hub {
  readonly limits: HubLimits;
  readonly phones = new PhoneRegistry();
  readonly sessions = new Set<Session>();
  readonly counters: HubCounters = createCounters();
  /** Sessions that said hello as screens: the tick's only iteration over clients. */
  readonly screens = new Set<Session>();
  /** Set by metrics; called once per tick. */
  tickObserver: TickObserver | null = null;
  private settings: Settings;
  private readonly ticks: TickSchedule;
  private presenceTimer: unknown = null;
  private readonly perAddress = new Map<string, number>();
  private readonly fanout = new TickFanout<Phone>((p) => this.phones.get(p.id) === p);
  private readonly acks = new AckQueue(() => 1000 / this.limits.phoneAckHz);
  private nextExpiryCheck = 0;
  /** Scratch the hot MOVE decoder writes into (one per hub, reused for every message). */
  private readonly move: MoveFields = { seq: 0, x: 0, y: 0 };
  private readonly ripples = new RippleLog();
  private readonly presence: PhonePresence<Session>;
  private readonly playout = new PlayoutDelay();
  private announcedPlayoutMs: number | null = null;
  readonly startedAt: number;
  extension: HubExtension = {};
  /** Screen pairing (pairing.ts); null: screens need the wall key. Set by start-hub.ts. */
  pairing: ScreenPairing | null = null;
  private readonly io: SessionIO;
  /** Who is on the wall; also the operator's moderation tools (ban, blocklist). */
  readonly admission: PhoneAdmission;
  /** Key checks for hellos and the full /healthz: constant time, throttled per address. */
  readonly keyGate: KeyGate;
  /** Every inbound message's budget, connect churn and cooldowns (budget-gate.ts). */
  readonly gate: BudgetGate;
  private readonly roster = new RosterBatch();
  /** What name each flag carries on the wall (mode, filter, approval queue). */
  readonly names: WallNames;
  /** Wall width / height for placing newcomers (the operator's layout sets it). */
  wallAspect = DEFAULT_ASPECT;

  constructor(private readonly opts: HubOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.settings = { ...opts.settings };
    this.gate = new BudgetGate(this.limits);
    this.io = new SessionIO({
      counters: this.counters,
      limits: this.limits,
      clock: opts.clock,
      log: opts.log,
      onClosed: (s) => this.onClosed(s),
    });
    this.presence = new PhonePresence(1000 / this.limits.presenceHz);
    this.admission = new PhoneAdmission({
      phones: this.phones,
      sessions: this.sessions,
      io: this.io,
      clock: opts.clock,
      limits: this.limits,
      settings: () => this.settings,
      welcome: (s) => welcomeMessage(s, this.opts, this.settings, this.opts.clock.now()),
      token: () => this.opts.token(),
      roster: (upsert, remove) => this.broadcastRoster(upsert, remove),
    });
    this.names = new WallNames({
      mode: () => this.settings.names,
      phones: () => this.phones.values(),
    });
    this.phones.spawnOptions = () => ({
      flagSize: this.settings.flagSize,
      aspect: this.wallAspect,
    });
    this.startedAt = opts.clock.now();
    this.keyGate = new KeyGate(opts.key, opts.clock, opts.log, opts.keyThrottle);
    this.ticks = new TickSchedule(opts.clock, () => this.tick());
  }

  get wall(): string {
    return this.opts.wall;
  }
  get hubId(): string {
    return this.opts.hubId;
  }
  get currentSettings(): Readonly<Settings> {
    return this.settings;
  }

  /** Starts the tick and presence loops. */
  start(): void {
    for (const p of this.phones.values()) this.names.refresh(p); // restored from the data dir
    this.ticks.start(this.settings.tickHz);
    this.presenceTimer = this.opts.clock.setInterval(
      () => this.sendPresence(),
      1000 / this.limits.presenceHz,
    );
  }

  /** Stops the loops and closes every client with GOING_AWAY. */
  stop(reason = 'hub shutting down'): void {
    this.ticks.stop();
    this.opts.clock.clearInterval(this.presenceTimer);
    this.admission.shuttingDown = true;
    for (const s of this.sessions) this.io.close(s, CloseCode.GOING_AWAY, reason);
  }

  accept(socket: HubSocket, info: ConnectionInfo): Connection {
    const now = this.opts.clock.now();
    const session = new Session(socket, info, now);
    session.budget = new SessionBudget(this.limits.budgets, 'pending', now);
    this.sessions.add(session);
    const count = (this.perAddress.get(info.address) ?? 0) + 1;
    this.perAddress.set(info.address, count);
    const refused = this.gate.refuseConnection(info.address, count, now);
    if (refused) this.io.reject(session, refused.code, refused.reason, refused.retryInMs);
    else {
      session.helloTimer = this.opts.clock.setTimeout(() => {
        if (!session.role)
          this.io.reject(session, CloseCode.NO_HELLO, 'no hello within the time limit');
      }, this.limits.helloTimeoutMs);
    }
    return {
      receive: (data, isBinary) => this.receive(session, data, isBinary),
      closed: () => this.onClosed(session),
    };
  }

  /** Live settings change: applied to every client at once. */
  updateSettings(patch: Partial<Settings>): void {
    const tickChanged = patch.tickHz !== undefined && patch.tickHz !== this.settings.tickHz;
    this.settings = { ...this.settings, ...patch };
    if (tickChanged && this.ticks.running) this.ticks.start(this.settings.tickHz);
    this.opts.onSettings?.(this.settings);
    if (patch.maxPhones !== undefined) this.admission.admitWaiting();
    const renamed = patch.names !== undefined ? this.names.modeChanged() : [];
    if (renamed.length > 0) this.broadcastRoster(renamed, []);
    const msg: HubMessage = {
      type: 'settings',
      settings: this.settings,
      playoutDelayMs: this.playoutDelayMs(),
    };
    for (const s of this.sessions) if (s.role) this.io.sendJson(s, msg);
  }

  /**
   * Encodes one frame of what changed and sends the same bytes to every screen. A backed-up screen
   * skips the tick (nothing queues for it) and gets a catch-up frame when it drains.
   */
  tick(): void {
    const started = performance.now();
    const now = this.opts.clock.now();
    this.ticks.ticked(now);
    this.ripples.prune(now);
    this.flushRoster();
    const frame = this.fanout.frame(now);
    this.counters.ticks++;
    let sent = 0;
    for (const s of this.screens) if (this.deliverTick(s, frame, now)) sent++;
    this.sendAcks(now);
    this.presence.step(
      now,
      (s) => !s.closed && !this.io.backedUp(s),
      (s, text) => this.io.sendText(s, text),
    );
    if (now >= this.nextExpiryCheck) {
      this.nextExpiryCheck = now + EXPIRY_CHECK_MS;
      this.admission.expireDozing(now);
      this.admission.housekeeping(now);
    }
    this.tickObserver?.tick(performance.now() - started, frame.byteLength, sent);
  }

  playoutDelayMs(): number {
    const target = choosePlayoutDelay(this.settings, screenTimings(this.sessions));
    if (this.settings.playoutDelayMs !== null) return target;
    return this.playout.update(target, this.opts.clock.now());
  }

  /** After a screen's report: if the wall's playout delay moved, tell every screen. */
  private announcePlayoutIfChanged(): void {
    const d = this.playoutDelayMs();
    if (d === this.announcedPlayoutMs) return;
    this.announcedPlayoutMs = d;
    const msg: HubMessage = { type: 'settings', settings: this.settings, playoutDelayMs: d };
    for (const s of this.sessions) if (s.screen) this.io.sendJson(s, msg);
  }

  // ---- receiving -----------------------------------------------------------------------------

  private receive(s: Session, data: Uint8Array | string, isBinary: boolean): void {
    if (s.closed) return;
    this.counters.messagesIn++;
    const now = this.opts.clock.now();
    if (s.screen) s.screen.lastSeen = now;
    if (isBinary && typeof data !== 'string') {
      if (s.phone && !s.waiting && readMove(data, this.move)) {
        if (!this.admit(s, MsgKind.MOVE, now)) return;
        return this.acceptMove(s, s.phone, now);
      }
      return this.receiveBinary(s, data, now);
    }
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return this.io.reject(s, CloseCode.BAD_MESSAGE, parsed.error);
    const msg = parsed.message;
    if (!this.admit(s, kindOf(msg), now)) return;
    if (msg.type === 'hello') return this.onHello(s, msg);
    if (msg.type === 'auth-proof' && this.pairing) return this.pairing.proof(s, msg);
    if (!s.role) return this.io.reject(s, CloseCode.NO_HELLO, 'first message must be hello');
    if (msg.type === 'stats') {
      if (!s.screen) return this.io.reject(s, CloseCode.FORBIDDEN, 'stats are for screens');
      s.screen.stats = msg;
      return this.announcePlayoutIfChanged();
    }
    if (msg.type === 'profile') {
      if (!s.phone) return this.io.reject(s, CloseCode.FORBIDDEN, 'profile is for phones');
      return this.onProfile(s.phone, msg);
    }
    if (
      msg.type === 'locate' &&
      s.phone &&
      !s.waiting &&
      !this.gate.wallLocate(MsgKind.LOCATE, now)
    )
      return;
    this.extension.message?.(s, msg);
  }

  /** The gate: true to handle the message; false when over budget (a flood is closed too). */
  private admit(s: Session, kind: MsgKind, now: number): boolean {
    if (this.gate.pass(s.budget, kind, now)) return true;
    if (s.budget.abusive) this.rateLimit(s, now);
    return false;
  }

  /** Sustained excess: closed, and (strangers only) its token and address cool down. */
  private rateLimit(s: Session, now: number): void {
    let retryInMs: number | undefined;
    if (s.role !== 'screen' && s.role !== 'operator')
      retryInMs = this.gate.coolDown(s.info.address, s.phone?.token ?? s.waitingHello?.resume, now);
    else this.gate.counters.rateLimitClosed++;
    const why = 'too many messages: wait a little, then rejoin';
    this.io.reject(s, CloseCode.RATE_LIMITED, why, retryInMs);
  }

  private receiveBinary(s: Session, data: Uint8Array, now: number): void {
    const msg = decodeClientFrame(data);
    if (!msg) return this.io.reject(s, CloseCode.BAD_MESSAGE, 'malformed binary frame');
    const kind =
      msg.tag === BinTag.PING ? MsgKind.PING : msg.tag === BinTag.MOVE ? MsgKind.MOVE : MsgKind.TAP;
    if (!this.admit(s, kind, now)) return;
    if (msg.tag === BinTag.PING) {
      return this.io.sendDroppable(s, encodePong(msg.t0, now, this.opts.clock.now()));
    }
    if (!s.role) return this.io.reject(s, CloseCode.NO_HELLO, 'first message must be hello');
    if (s.waiting) return; // over capacity: not on the wall yet (its page may still send)
    const phone = s.phone;
    if (!phone) return this.io.reject(s, CloseCode.FORBIDDEN, 'only phones move and tap');
    if (msg.tag === BinTag.MOVE) {
      this.counters.phoneUpdates++;
      phone.x = msg.x;
      phone.y = msg.y;
      phone.seq = msg.seq;
      return this.markMoved(s, phone, now);
    }
    // A ripple: the phone's own rate (kept across its reconnects), then the wall-wide cap.
    if (!phone.bucket.take(now)) {
      this.counters.rateLimited++;
      return;
    }
    this.counters.phoneUpdates++;
    const tap = { id: phone.id, qx: quantize(msg.x), qy: quantize(msg.y), t0: now };
    if (this.ripples.add(msg.x, msg.y, tap)) this.fanout.tap(tap);
    else this.counters.ripplesMerged++;
  }

  /** Hot path: a MOVE read into `this.move` without allocating (the gate already passed it). */
  private acceptMove(s: Session, phone: Phone, now: number): void {
    this.counters.phoneUpdates++;
    phone.x = this.move.x;
    phone.y = this.move.y;
    phone.seq = this.move.seq;
    this.markMoved(s, phone, now);
    if (this.ticks.overdue(now)) this.tick(); // the timer is stuck behind a batch of reads
  }

  /** `s` is the phone's own session (the move came from it). */
  private markMoved(s: Session, phone: Phone, now: number): void {
    this.fanout.moved(phone);
    if (!this.acks.moved(phone, now)) return;
    if (this.io.backedUp(s)) {
      if (!s.closed) this.acks.owe(phone);
      return;
    }
    this.io.sendBinary(s, encodeAck(phone.seq, phone.x, phone.y, this.presence.count));
    this.acks.sent(phone, now);
  }

  private onHello(s: Session, hello: HelloMsg): void {
    if (s.role || this.pairing?.holds(s))
      return this.io.reject(s, CloseCode.BAD_MESSAGE, 'hello sent twice');
    const now = this.opts.clock.now();
    const coolingMs = this.gate.helloCooldownMs(s.info.address, hello, now);
    const why = 'too many messages earlier: rejoin later';
    if (coolingMs > 0) return this.io.reject(s, CloseCode.RATE_LIMITED, why, coolingMs);
    this.opts.clock.clearTimeout(s.helloTimer);
    if (hello.role === 'phone' && this.admission.refuseBanned(s, hello)) return;
    if (hello.proto !== PROTOCOL_VERSION) {
      return this.io.reject(
        s,
        CloseCode.VERSION_MISMATCH,
        `protocol ${hello.proto} not supported; hub speaks ${PROTOCOL_VERSION}`,
      );
    }
    const pairing = hello.role === 'screen' && hello.key === undefined ? this.pairing : null;
    const refused =
      hello.role === 'phone'
        ? null
        : pairing
          ? this.keyGate.originCheck(s.info.address, s.info.originRefusal)
          : this.keyGate.check(s.info.address, hello.key, s.info.originRefusal);
    if (refused) {
      // Not io.reject: the gate logs wrong keys once per address per period, not once per try.
      const { code, message, retryAfterMs } = refused;
      this.io.sendJson(s, { type: 'error', code, message, retryInMs: retryAfterMs });
      return this.io.close(s, refused.code, refused.message);
    }
    if (pairing) return pairing.hello(s, hello);
    this.enter(s, hello);
  }

  /** A screen that proved its pairing credential (pairing.ts) goes live like a keyed one. */
  enterScreen(s: Session, hello: HelloMsg): void {
    if (!s.closed && !s.role) this.enter(s, { ...hello, role: 'screen' });
  }

  /** After authentication: the session takes its role, gets its welcome (and snapshot). */
  private enter(s: Session, hello: HelloMsg): void {
    s.role = hello.role;
    s.budget.become(hello.role satisfies BudgetClass, this.opts.clock.now());
    if (hello.role === 'phone') {
      this.admission.join(s, hello);
      return this.extension.joined?.(s, hello);
    }
    if (hello.role === 'screen') {
      const name = sanitizeName(hello.screen?.name) || `screen-${this.sessions.size}`;
      s.screen = newScreenInfo(name, hello.screen?.slice ?? null, this.opts.clock.now());
      this.screens.add(s);
    }
    this.io.sendJson(s, welcomeMessage(s, this.opts, this.settings, this.opts.clock.now()));
    if (hello.role === 'screen') this.io.sendJson(s, this.snapshot());
    this.extension.joined?.(s, hello);
  }

  private onProfile(phone: Phone, msg: ProfileMsg): void {
    if (msg.flag) phone.flag = this.admission.profileFlag(phone, msg.flag);
    if (msg.name !== undefined) this.names.rename(phone, sanitizeName(msg.name));
    this.broadcastRoster([phone], []); // batched: at most one roster per tick (roster-batch.ts)
  }

  // ---- leaving -------------------------------------------------------------------------------

  private onClosed(s: Session): void {
    if (!this.sessions.delete(s)) return;
    this.screens.delete(s);
    s.closed = true;
    this.opts.clock.clearTimeout(s.helloTimer);
    const left = (this.perAddress.get(s.info.address) ?? 1) - 1;
    if (left <= 0) this.perAddress.delete(s.info.address);
    else this.perAddress.set(s.info.address, left);
    this.admission.left(s);
    this.pairing?.left(s);
    this.extension.left?.(s);
  }

  // ---- operator actions (used by main/hub/operator.ts) ------------------------------------------

  /** Removes a phone from the wall now (no dozing) and closes its socket with KICKED. */
  kickPhone(id: number): boolean {
    return this.admission.kick(id);
  }

  /** The operator's verdict on a phone's name (approval mode): true, or a sentence why not. */
  decideName(phoneId: number, approve: boolean): true | string {
    const decided = this.names.decide(this.phones.get(phoneId), approve);
    if (typeof decided === 'string') return decided;
    this.broadcastRoster([decided], []);
    return true;
  }

  /** Forgets every live ripple (new screens get none in their snapshot). */
  clearRipples(): void {
    this.ripples.clear();
  }

  /** Sends one JSON message to one client. */
  send(s: Session, msg: HubMessage): void {
    this.io.sendJson(s, msg);
  }

  /** Explains, logs and closes one client (e.g. a command from the wrong role). */
  refuse(s: Session, code: number, message: string): void {
    this.io.reject(s, code, message);
  }

  // ---- sending -------------------------------------------------------------------------------

  /** What a joining screen gets: bounded whatever the crowd did (snapshot.ts). */
  snapshot(): SnapshotMsg {
    this.ripples.prune(this.opts.clock.now());
    return buildSnapshot(this.phones.values(), this.ripples.infos(), this.playoutDelayMs());
  }

  /** Roster changes wait for the next tick: one message per tick, however many changes. */
  private broadcastRoster(upsert: Phone[], remove: number[]): void {
    for (const id of remove) this.fanout.left(id);
    for (const id of remove) this.names.left(id);
    for (const p of upsert) this.names.refresh(p);
    this.roster.add(upsert, remove);
  }

  /** Sends the batched roster to every screen before this tick's frame (the socket keeps order). */
  private flushRoster(): void {
    const msg = this.roster.take();
    if (!msg) return;
    this.opts.onRoster?.();
    const text = JSON.stringify(msg);
    for (const s of this.screens) this.io.sendText(s, text);
  }

  /** Live ripples now (bounded by MAX_LIVE_RIPPLES). */
  get liveRipples(): number {
    return this.ripples.size;
  }

  /** Starts a presence round, spread over the ticks until the next (see presence.ts). */
  private sendPresence(): void {
    const phones = [...this.sessions].filter((s) => s.role === 'phone' && !s.waiting);
    // Over 80% of the interval, so a round ends before the next begins even if ticks run late.
    const ticks = Math.floor((0.8 * this.settings.tickHz) / this.limits.presenceHz);
    this.presence.begin(countPhones(this.phones.values()).active, phones, ticks);
  }

  /** Sends one tick to one screen, or skips it if the screen is backed up. True when sent. */
  private deliverTick(s: Session, frame: Uint8Array, now: number): boolean {
    const screen = s.screen!;
    if (this.io.backedUp(s)) {
      if (s.closed) return false;
      screen.skippedTicks++;
      this.counters.skippedTicks++;
      screen.behind = true;
      return false;
    }
    let bytes = frame;
    if (screen.behind) {
      // It missed ticks: send where everyone is now, and the taps since its last frame.
      const taps = this.ripples.tapsSince(screen.lastTickAt);
      bytes = this.fanout.catchUp(now, this.phones.values(), taps);
      screen.behind = false;
      this.counters.catchUps++;
    }
    this.io.sendBinary(s, bytes);
    screen.bytesOut += bytes.byteLength;
    screen.lastTickAt = now;
    return true;
  }

  /** ACKs (latest accepted position) to phones that moved, at most phoneAckHz each. */
  private sendAcks(now: number): void {
    this.acks.flush(now, (phone) => {
      const s = this.admission.sessionOf(phone.id);
      if (!s) return 'drop'; // dozing: its next session starts from a fresh welcome
      if (this.io.backedUp(s)) return s.closed ? 'drop' : 'later';
      this.io.sendBinary(s, encodeAck(phone.seq, phone.x, phone.y, this.presence.count));
      return 'sent';
    });
  }
}

/** The budget kind of a parsed JSON message. */
const kindOf = (msg: ClientMessage): MsgKind =>
  msg.type === 'profile'
    ? MsgKind.PROFILE
    : msg.type === 'locate'
      ? MsgKind.LOCATE
      : MsgKind.CONTROL;
