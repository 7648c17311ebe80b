/**
 * The operator console's hub side: runs operator commands (identify, reload, pause, blackout,
 * message, kick, clear ripples, live settings, layout), keeps each screen's wall-state (slice,
 * number, overlays, join banner) and tells the console everything it shows. Plugs into the hub
 * through its extension hooks; nothing here is on the per-tick hot path.
 */
import { CloseCode } from '../../shared/protocol/codes';
import type {
  HubMessage,
  OperatorStateMsg,
  WallStateMsg,
} from '../../shared/protocol/hub-messages';
import type { ClientMessage, HelloMsg, OperatorCommand } from '../../shared/protocol/messages';
import { WHOLE_WALL } from '../../shared/geometry/slice';
import { holdsBottomRight, sliceFor, type WallLayout } from '../../shared/geometry/layout';
import type { HubClock } from './clock';
import type { Hub } from './hub';
import { countPhones } from './hub-queries';
import type { Logger } from './logger';
import { Audience, phonesAndAudience } from './audience';
import { pickFlag } from './flags';
import { colorFor, ScreenRoster, type LiveScreen } from './operator-screens';
import type { Session } from './session';
import type { ShowState } from '../config/show-store';
import type { ScreenPairing } from './pairing';
import { aspectOf } from './spawn';

export interface OperatorOptions {
  hub: Hub;
  clock: HubClock;
  log: Logger;
  layout: WallLayout;
  /** Persists the layout; a throw is reported to the operator, the live change stays. */
  saveLayout: (layout: WallLayout) => void;
  /** Blackout, pause and message as restored from the last run. */
  show: ShowState;
  /** Persists them; a throw is reported to the operator (ok:false), the live change stays. */
  saveShow: (show: ShowState) => void;
  /**
   * Why the save the hub made for the latest settings change failed, null when it was saved
   * (start-hub.ts saves in the hub's onSettings). Absent: settings are not persisted.
   */
  settingsSaveError?: () => string | null;
  /** The URL phones open (the join banner's QR code). */
  phoneUrl: string;
  version: string;
  /** Console refresh rate while an operator is connected, Hz. Default 2. */
  stateHz?: number;
  /** Screen pairing (admit, revoke, the console's lists); absent: screens need the wall key. */
  pairing?: ScreenPairing;
  /** Persists the flag blocklist; a throw is reported to the operator, the live change stays. */
  saveBlockedFlags?: (flags: string[]) => void;
  /** Persists the timed bans (after a ban or unban); a throw is reported, the ban stays live. */
  saveBans?: () => void;
}

/** An ack for a change applied live: ok only when its save worked, else a sentence saying so. */
export const saved = (done: string, saveError: string | null): [boolean, string] =>
  saveError === null ? [true, done] : [false, `${done} live but NOT saved: ${saveError}`];

/** Default identify duration, s. */
export const IDENTIFY_SECONDS = 8;
/** A phone may ask to be located at most this often, ms. */
export const LOCATE_INTERVAL_MS = 1000;

export class Operator {
  readonly screens = new ScreenRoster();
  readonly audience = new Audience();
  private layout: WallLayout;
  private rev = 1;
  private readonly show: ShowState;
  private pushTimer: unknown = null;
  private identifyUntil = 0;
  private identifyTimer: unknown = null;
  private stateTimer: unknown = null;
  private readonly operators = new Set<Session>();
  private readonly lastLocate = new WeakMap<Session, number>();

  constructor(private readonly opts: OperatorOptions) {
    this.layout = opts.layout;
    opts.hub.wallAspect = aspectOf(opts.layout);
    this.show = { ...opts.show };
    opts.hub.extension = {
      joined: (s, hello) => this.joined(s, hello),
      message: (s, msg) => this.onMessage(s, msg),
      left: (s) => this.left(s),
    };
  }

  /** Something the console lists changed outside a command (a screen asks to pair). */
  refresh(): void {
    this.schedulePush();
  }

  get currentLayout(): WallLayout {
    return this.layout;
  }

  stop(): void {
    this.opts.clock.clearInterval(this.stateTimer);
    this.opts.clock.clearTimeout(this.identifyTimer);
    this.opts.clock.clearTimeout(this.pushTimer);
  }

  // ---- hub hooks -----------------------------------------------------------------------------

  private joined(s: Session, hello: HelloMsg): void {
    if (s.role === 'screen') {
      this.sendWallState(this.screens.add(s));
      this.schedulePush();
    } else if (s.role === 'operator') {
      this.operators.add(s);
      this.opts.log.info({ address: s.info.address }, 'operator connected');
      if (this.stateTimer === null)
        this.stateTimer = this.opts.clock.setInterval(
          () => this.pushState(),
          1000 / (this.opts.stateHz ?? 2),
        );
      this.opts.hub.send(s, this.state());
    } else if (s.role === 'phone') {
      const resumed = hello.resume !== undefined && s.phone?.token === hello.resume;
      if (!resumed) {
        const lang = hello.phone?.lang ?? s.info.acceptLanguage;
        const flag =
          s.phone?.flag ?? pickFlag(hello.phone?.flag, hello.phone?.lang, s.info.acceptLanguage);
        this.audience.recordJoin(flag, lang, s.info.userAgent);
      }
      this.audience.observe(countPhones(this.opts.hub.phones.values()).active);
    }
  }

  private left(s: Session): void {
    if (s.role === 'screen') {
      this.screens.remove(s, this.opts.clock.now());
      this.schedulePush();
    } else if (this.operators.delete(s) && this.operators.size === 0) {
      this.opts.clock.clearInterval(this.stateTimer);
      this.stateTimer = null;
    }
  }

  private onMessage(s: Session, msg: ClientMessage): void {
    if (msg.type === 'operator') {
      if (s.role !== 'operator')
        return this.opts.hub.refuse(
          s,
          CloseCode.FORBIDDEN,
          'operator commands need the operator role',
        );
      return this.run(s, msg.seq, msg.command);
    }
    if (msg.type === 'applied') {
      const live = this.screens.live.get(s);
      if (!live) return this.opts.hub.refuse(s, CloseCode.FORBIDDEN, 'applied is for screens');
      if (msg.rev > live.appliedRev && msg.rev <= live.sentRev) live.appliedRev = msg.rev;
      return this.schedulePush();
    }
    if (msg.type === 'locate') {
      if (s.role !== 'phone')
        return this.opts.hub.refuse(s, CloseCode.FORBIDDEN, 'locate is for phones');
      const now = this.opts.clock.now();
      if (!s.phone || s.waiting || now - (this.lastLocate.get(s) ?? -Infinity) < LOCATE_INTERVAL_MS)
        return;
      this.lastLocate.set(s, now);
      this.toScreens({ type: 'pulse', id: s.phone.id });
    }
  }

  // ---- commands ------------------------------------------------------------------------------

  private run(s: Session, seq: number, cmd: OperatorCommand): void {
    this.opts.log.info({ cmd: cmd.cmd, address: s.info.address }, 'operator command');
    const ack = (ok: boolean, message: string): void => {
      this.opts.hub.send(s, { type: 'operator-ack', seq, ok, message, rev: this.rev });
      this.pushState();
    };
    const screens = this.screens.live.size;
    switch (cmd.cmd) {
      case 'identify': {
        const seconds = cmd.seconds ?? IDENTIFY_SECONDS;
        this.identifyUntil = this.opts.clock.now() + seconds * 1000;
        this.opts.clock.clearTimeout(this.identifyTimer);
        this.identifyTimer = this.opts.clock.setTimeout(() => this.wallChanged(), seconds * 1000);
        this.wallChanged();
        return ack(true, `identifying ${screens} screen(s) for ${seconds} s`);
      }
      case 'reload':
        this.toScreens({ type: 'reload' });
        return ack(true, `reload sent to ${screens} screen(s)`);
      case 'blackout':
        this.show.blackout = cmd.on;
        return ack(...saved(cmd.on ? 'wall blacked out' : 'blackout lifted', this.showChanged()));
      case 'pause':
        this.show.paused = cmd.on;
        return ack(...saved(cmd.on ? 'wall paused' : 'wall running', this.showChanged()));
      case 'message':
        this.show.message = cmd.text.replace(/[\p{C}]/gu, ' ').trim();
        return ack(
          ...saved(this.show.message ? 'message shown' : 'message removed', this.showChanged()),
        );
      case 'kick':
        if (!this.opts.hub.kickPhone(cmd.phoneId))
          return ack(false, `no phone #${cmd.phoneId} on the wall (already gone?)`);
        return ack(true, `phone #${cmd.phoneId} removed`);
      case 'clear-ripples':
        this.opts.hub.clearRipples();
        this.toScreens({ type: 'clear-ripples' });
        return ack(true, 'ripples cleared');
      case 'settings':
        // Settings go out first; the wall-state after them is what screens confirm.
        this.opts.hub.updateSettings(cmd.patch);
        this.wallChanged();
        return ack(
          ...saved(
            `settings sent to ${screens} screen(s)`,
            this.opts.settingsSaveError?.() ?? null,
          ),
        );
      case 'layout':
        return ack(...this.setLayout(cmd.layout));
      case 'admit-screen':
        return ack(...(this.opts.pairing?.admit(cmd) ?? PAIRING_OFF));
      case 'revoke-screen':
        return ack(...(this.opts.pairing?.revoke(cmd.screenId) ?? PAIRING_OFF));
      case 'name': {
        const done = this.opts.hub.decideName(cmd.phoneId, cmd.approve);
        if (done !== true) return ack(false, done);
        return ack(true, `name of phone #${cmd.phoneId} ${cmd.approve ? 'approved' : 'rejected'}`);
      }
      case 'ban':
      case 'unban':
      case 'blocklist':
        return ack(...this.moderate(cmd));
    }
  }

  private moderate(
    cmd: Extract<OperatorCommand, { cmd: 'ban' | 'unban' | 'blocklist' }>,
  ): [boolean, string] {
    const admission = this.opts.hub.admission;
    if (cmd.cmd === 'ban') {
      const done = admission.ban(cmd.phoneId, cmd.minutes, cmd.address);
      if (!done) return [false, `no phone #${cmd.phoneId} on the wall (already gone?)`];
      return cmd.minutes === null
        ? [true, `${done} (not kept across a hub restart)`]
        : this.persist(done, 'the bans', this.opts.saveBans);
    }
    if (cmd.cmd === 'unban') {
      const ban = admission.moderation.unban(cmd.banId);
      if (!ban) return [false, 'no such ban (already ended?)'];
      return this.persist(`ban on ${ban.label} lifted`, 'the bans', this.opts.saveBans);
    }
    const switched = admission.setBlockedFlags(cmd.flags);
    const flags = admission.moderation.blockedFlags;
    const live = `${flags.length} flag(s) blocked, ${switched} phone(s) switched to the fallback flag`;
    const save = this.opts.saveBlockedFlags;
    return this.persist(live, 'the flag blocklist', save && (() => save(flags)));
  }

  /** Saves after a live change: the ack says "saved" only when it was. */
  private persist(done: string, what: string, save: (() => void) | undefined): [boolean, string] {
    if (!save) return [true, done];
    try {
      save();
      return [true, `${done}; saved`];
    } catch (err) {
      const why = (err as Error).message;
      this.opts.log.error({ err: why }, `could not save ${what}`);
      return [false, `${done}, live but NOT saved: ${why}`];
    }
  }

  private setLayout(layout: WallLayout): [boolean, string] {
    this.layout = layout;
    this.opts.hub.wallAspect = aspectOf(layout);
    this.wallChanged();
    try {
      this.opts.saveLayout(layout);
      return [true, 'layout applied and saved'];
    } catch (err) {
      const why = (err as Error).message;
      this.opts.log.error({ err: why }, 'could not save the layout');
      return [false, `layout applied live but NOT saved: ${why}`];
    }
  }

  /** Applies the show state live, then saves it: the reason when the save failed, else null. */
  private showChanged(): string | null {
    this.wallChanged();
    try {
      this.opts.saveShow(this.show);
      return null;
    } catch (err) {
      const why = (err as Error).message;
      this.opts.log.error({ err: why }, 'could not save the show state');
      return why;
    }
  }

  // ---- wall-state to screens -----------------------------------------------------------------

  /** Something every screen shows changed: new revision, each screen gets its own view of it. */
  private wallChanged(): void {
    this.rev++;
    for (const live of this.screens.live.values()) this.sendWallState(live);
  }

  private sendWallState(live: LiveScreen): void {
    const sc = live.session.screen;
    if (!sc) return;
    const placed = sliceFor(this.layout, sc.name);
    sc.slice = placed ?? live.ownSlice;
    const number = this.screens.numbering(this.layout).get(sc.name) ?? 0;
    const msg: WallStateMsg = {
      type: 'wall-state',
      rev: this.rev,
      slice: placed,
      number,
      color: colorFor(number),
      identify: this.opts.clock.now() < this.identifyUntil,
      ...this.show,
      banner: {
        show: this.opts.hub.currentSettings.showBanner && holdsBottomRight(sc.slice ?? WHOLE_WALL),
        url: this.opts.phoneUrl,
        wifi: this.layout.wifi,
      },
    };
    live.sentRev = this.rev;
    this.opts.hub.send(live.session, msg);
  }

  private toScreens(msg: HubMessage): void {
    for (const live of this.screens.live.values()) this.opts.hub.send(live.session, msg);
  }

  // ---- console state -------------------------------------------------------------------------

  /** Many screens confirming at once make one console update, not one each. */
  private schedulePush(): void {
    if (this.pushTimer !== null) return;
    this.pushTimer = this.opts.clock.setTimeout(() => {
      this.pushTimer = null;
      this.pushState();
    }, 25);
  }

  private pushState(): void {
    if (this.operators.size === 0) return;
    const msg = this.state();
    for (const s of this.operators) this.opts.hub.send(s, msg);
  }

  state(): OperatorStateMsg {
    const now = this.opts.clock.now();
    return {
      type: 'operator-state',
      wall: this.opts.hub.wall,
      version: this.opts.version,
      phoneUrl: this.opts.phoneUrl,
      settings: { ...this.opts.hub.currentSettings },
      playoutDelayMs: this.opts.hub.playoutDelayMs(),
      layout: this.layout,
      show: { ...this.show, identifyLeftMs: Math.max(0, this.identifyUntil - now) },
      screens: this.screens.list(this.layout, now),
      ...phonesAndAudience(this.opts.hub, this.audience),
      moderation: this.opts.hub.admission.moderation.view(now),
      names: this.opts.hub.names.state(),
      rev: this.rev,
      ...(this.opts.pairing ? { pairing: this.opts.pairing.state() } : {}),
    };
  }
}

const PAIRING_OFF: [boolean, string] = [false, 'screen pairing is not enabled on this hub'];
