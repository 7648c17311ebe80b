/**
 * The phone page's behaviour: joins the hub as a phone, turns the finger on the whole page into
 * wall positions (MOVE frames at the hub's cursor rate) and taps into ripples (TAP frames), and
 * keeps its identity across drops and reloads with the hub's resume token.
 */
import { BinTag, decodeHubFrame, encodeMove, encodeTap } from '../../shared/protocol/binary';
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg, ProfileMsg } from '../../shared/protocol/messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { PHONE_BACKOFF } from '../../shared/net/backoff';
import { HubConnection } from '../common/connection';
import { flagFromLanguages, isFlagCode } from '../common/flags';
import { identity } from './identity';
import { MoveThrottle } from './move-throttle';
import { padToWall } from './pad-mapping';
import { TapDetector } from './tap-detector';
import type { PhoneView, PhoneState } from './phone-view';

/** Read by tests and handy in devtools. */
export interface PhoneDebug {
  state: PhoneState;
  flag: string;
  clientId: number;
  cursorHz: number;
  moves: number;
  taps: number;
  last: { x: number; y: number } | null;
}

export class PhoneApp {
  readonly debug: PhoneDebug;
  /** Joined and not waiting: only then may it move or tap (a waiting phone is not on the wall). */
  private onWall = false;
  private readonly connection: HubConnection;
  private readonly throttle: MoveThrottle;
  private readonly taps = new TapDetector();
  private seq = 0;
  private activePointer: number | null = null;
  /** From the hub's error before a BANNED close: ms until the ban ends; null: end of the show. */
  private banEndsInMs: number | null = null;
  /** Called whenever the flag shown changes (the picker's button follows it). */
  onFlagChange: ((code: string) => void) | null = null;

  constructor(
    private readonly pad: HTMLElement,
    private readonly view: PhoneView,
  ) {
    const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
    const chosen = identity.chosenFlag();
    this.debug = {
      state: 'connecting',
      flag: chosen && isFlagCode(chosen) ? chosen : flagFromLanguages(languages),
      clientId: 0,
      cursorHz: 30,
      moves: 0,
      taps: 0,
      last: null,
    };
    this.connection = new HubConnection({
      hello: () => this.hello(),
      backoff: PHONE_BACKOFF,
      onMessage: (msg) => this.onMessage(msg),
      onBinary: (data) => {
        // ACK: where the hub has this phone now (shown on the little wall map), and the presence
        // count, which a moving phone gets only this way.
        const frame = decodeHubFrame(data);
        if (frame?.tag !== BinTag.ACK) return;
        this.view.showOnWall(frame.x, frame.y);
        if (frame.phones > 0) this.view.showPresence(frame.phones);
      },
      onState: (state, detail, code, hubWaitMs) => {
        // RATE_LIMITED: the connection itself waits out the hub's cooldown, then retries once.
        if (state !== 'live') {
          this.onWall = false;
          this.setState(state, detail, code, hubWaitMs);
        }
        if (state === 'refused') this.refused(code);
        if (state === 'reconnecting') this.throttle.reset();
      },
    });
    this.throttle = new MoveThrottle(this.debug.cursorHz, (x, y) => this.sendMove(x, y), {
      now: () => performance.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
  }

  start(): void {
    this.view.showFlag(this.debug.flag);
    this.setState('connecting');
    this.listen();
    this.connection.start();
  }

  /** Changes this phone's flag (a flag picker calls this); remembered for next time. */
  setFlag(code: string): void {
    if (!isFlagCode(code)) throw new TypeError(`not a flag code: ${code}`);
    identity.saveChosenFlag(code);
    this.debug.flag = code;
    this.view.showFlag(code);
    this.sendProfile({ flag: code });
    this.onFlagChange?.(code);
  }

  /** Sets the short name shown with the flag on the wall ('' for none); remembered for next time. */
  setName(name: string): void {
    identity.saveChosenName(name);
    this.sendProfile({ name });
  }

  /**
   * Profile changes go out only while this phone is on the wall: a waiting phone has no flag
   * there yet (the hub refuses it). What was picked meanwhile is sent on admission (welcome).
   */
  private sendProfile(change: Omit<ProfileMsg, 'type'>): void {
    if (this.debug.clientId === 0) return;
    const msg: ProfileMsg = { type: 'profile', ...change };
    this.connection.send(JSON.stringify(msg));
  }

  /** After a welcome onto the wall: tell the hub about picks it has not heard of yet. */
  private syncPicks(flag: string | undefined, name: string | undefined): void {
    const chosen = identity.chosenFlag();
    const chosenName = identity.chosenName() ?? '';
    const change: Omit<ProfileMsg, 'type'> = {
      ...(chosen && isFlagCode(chosen) && chosen !== flag ? { flag: chosen } : {}),
      ...(name !== undefined && chosenName !== name ? { name: chosenName } : {}),
    };
    if (Object.keys(change).length === 0) return;
    this.sendProfile(change);
    if (change.flag) {
      this.debug.flag = change.flag;
      this.view.showFlag(change.flag);
      this.onFlagChange?.(change.flag);
    }
  }

  /** Asks the wall to pulse this phone's flag. False when not on the wall right now. */
  locate(): boolean {
    if (this.debug.state !== 'live') return false;
    return this.connection.send(JSON.stringify({ type: 'locate' }));
  }

  private hello(): HelloMsg {
    const resume = identity.resume();
    const chosen = identity.chosenFlag();
    const name = identity.chosenName();
    return {
      type: 'hello',
      proto: PROTOCOL_VERSION,
      role: 'phone',
      ...(resume ? { resume } : {}),
      phone: {
        lang: (navigator.language || '').slice(0, 35),
        ...(chosen && isFlagCode(chosen) ? { flag: chosen } : {}),
        ...(name ? { name: name.slice(0, 24) } : {}),
      },
    };
  }

  private onMessage(msg: HubMessage): void {
    switch (msg.type) {
      case 'welcome':
        this.debug.clientId = msg.clientId;
        this.setRate(msg.settings.cursorHz);
        if (msg.resume) identity.saveResume(msg.resume);
        if (msg.flag) {
          this.debug.flag = msg.flag;
          this.view.showFlag(msg.flag);
          this.onFlagChange?.(msg.flag);
        }
        this.setState('live');
        // A fresh page starts where the hub put its flag (a free spot for a newcomer, or where
        // it was before a reload); a page back from a drop keeps its finger's last spot.
        if (!this.debug.last && msg.x !== undefined && msg.y !== undefined)
          this.debug.last = { x: msg.x, y: msg.y };
        if (msg.clientId > 0) this.syncPicks(msg.flag, msg.name);
        // The wall may have missed where the finger is (after a drop): say it again.
        if (this.debug.last) this.throttle.update(this.debug.last.x, this.debug.last.y);
        break;
      case 'settings':
        this.setRate(msg.settings.cursorHz);
        break;
      case 'presence':
        this.view.showPresence(msg.phones);
        break;
      case 'flag':
        // The operator blocked the flag this phone showed or asked for.
        this.debug.flag = msg.flag;
        this.view.showFlag(msg.flag);
        this.onFlagChange?.(msg.flag);
        break;
      case 'error':
        if (msg.code === CloseCode.BANNED) this.banEndsInMs = msg.endsInMs ?? null;
        break;
      case 'wait':
        this.onWall = false;
        this.debug.state = 'waiting';
        this.view.showWaiting(msg.position);
        break;
      default:
        break;
    }
    if (msg.type === 'welcome') {
      // A phone over capacity gets a welcome without an id (0), then `wait`.
      this.onWall = msg.clientId > 0;
      if (this.onWall) this.announcePosition();
    }
  }

  /**
   * Tells the hub where this flag is right after (re)joining: the finger's last spot, or where
   * the welcome put it (older hubs: the middle of the wall). So every screen draws a new phone at once, at the same place, and the
   * wall hears the position again after a drop.
   */
  private announcePosition(): void {
    const p = this.debug.last ?? { x: 0.5, y: 0.5 };
    this.throttle.reset();
    this.throttle.update(p.x, p.y);
  }

  /**
   * Banned: no retry until the ban ends, then one fresh try (spread out, so a crowd banned
   * together does not return in the same second). Idle: a button to rejoin.
   */
  private refused(code: number | undefined): void {
    if (code === CloseCode.BANNED) {
      const ends = this.banEndsInMs;
      this.banEndsInMs = null;
      this.view.showBanned(ends);
      if (ends !== null) setTimeout(() => this.rejoin(), ends + 1000 + Math.random() * 10_000);
    } else if (code === CloseCode.IDLE) {
      this.view.offerRejoin(() => this.rejoin());
    }
  }

  /** A new hello (with the resume token, if any) after a refusal that allows one. */
  private rejoin(): void {
    this.setState('connecting');
    this.connection.start();
  }

  private setRate(hz: number): void {
    this.debug.cursorHz = hz;
    this.throttle.setRate(hz);
  }

  private setState(state: PhoneState, detail?: string, code?: number, hubWaitMs?: number): void {
    this.debug.state = state;
    this.view.showState(state, detail, code, hubWaitMs);
  }

  private sendMove(x: number, y: number): void {
    if (!this.onWall) return;
    this.seq = (this.seq + 1) & 0xffff;
    if (this.connection.send(encodeMove(this.seq, x, y))) this.debug.moves++;
  }

  private listen(): void {
    const pad = this.pad;
    const at = (e: PointerEvent) => padToWall(pad.getBoundingClientRect(), e.clientX, e.clientY);
    pad.addEventListener('pointerdown', (e) => {
      if (this.activePointer !== null || !e.isPrimary) return;
      e.preventDefault();
      this.activePointer = e.pointerId;
      pad.setPointerCapture?.(e.pointerId);
      this.taps.press(e.timeStamp, e.clientX, e.clientY);
      this.moveTo(at(e));
      this.view.showFinger(e.clientX, e.clientY, true);
    });
    pad.addEventListener('pointermove', (e) => {
      if (e.pointerId !== this.activePointer) return;
      e.preventDefault();
      this.taps.move(e.clientX, e.clientY);
      this.moveTo(at(e));
      this.view.showFinger(e.clientX, e.clientY, true);
    });
    const end = (e: PointerEvent, cancelled: boolean): void => {
      if (e.pointerId !== this.activePointer) return;
      this.activePointer = null;
      this.view.showFinger(e.clientX, e.clientY, false);
      if (cancelled) return this.taps.cancel();
      if (this.taps.release(e.timeStamp, e.clientX, e.clientY)) this.tap(at(e), e);
    };
    pad.addEventListener('pointerup', (e) => end(e, false));
    pad.addEventListener('pointercancel', (e) => end(e, true));
    // No page zoom or scroll: the page is a pad (touch-action: none does most of it).
    for (const type of ['gesturestart', 'dblclick', 'contextmenu'])
      document.addEventListener(type, (e) => e.preventDefault());
  }

  private moveTo(p: { x: number; y: number }): void {
    this.debug.last = p;
    this.throttle.update(p.x, p.y);
  }

  private tap(p: { x: number; y: number }, e: PointerEvent): void {
    this.throttle.flush(); // the flag should be where the ripple starts
    if (this.onWall && this.connection.send(encodeTap(p.x, p.y))) this.debug.taps++;
    this.view.ripple(e.clientX, e.clientY);
    navigator.vibrate?.(12); // a tick under the finger where supported (Android); ignored elsewhere
  }
}
