/**
 * JSON messages the hub sends. Plain types (no zod): clients trust the hub, and the phone page
 * must stay tiny. See docs/protocol.md.
 */
import type { Settings } from '../scene/settings';
import type { Role } from './codes';
import type { Slice } from '../geometry/slice';
import type { WallLayout } from '../geometry/layout';

/** A phone as screens know it. Position is in wall fractions. */
export interface PhoneInfo {
  id: number;
  flag: string;
  name: string;
  x: number;
  y: number;
  /** Disconnected within the grace period: drawn greyed out. */
  dozing: boolean;
}

/** A name waiting for the operator's approval: as typed, and as the wall would show it. */
export interface PendingName {
  phoneId: number;
  flag: string;
  name: string;
  shown: string;
}

/** A ripple: centre in wall fractions, start time t0 in hub ms. */
export interface RippleInfo {
  id: number;
  x: number;
  y: number;
  t0: number;
}

export interface WelcomeMsg {
  type: 'welcome';
  proto: number;
  hubId: string;
  wall: string;
  clientId: number;
  role: Role;
  /** Phones: token to send as hello.resume after a drop. */
  resume?: string;
  /** Phones: the flag and name the hub settled on. */
  flag?: string;
  name?: string;
  /** Phones: where the hub has their flag (a free spot for a newcomer), wall fractions. */
  x?: number;
  y?: number;
  settings: Settings;
  /** Hub clock at send time, ms (a first coarse guess before ping/pong converges). */
  hubTime: number;
}

/** Screens: full state right after welcome, and after any resync. Deltas follow as TICK frames. */
export interface SnapshotMsg {
  type: 'snapshot';
  phones: PhoneInfo[];
  ripples: RippleInfo[];
  /** Playout delay every screen uses for cursors, ms. */
  playoutDelayMs: number;
}

/**
 * Screens: phones that joined, changed flag/name, dozed or woke; ids that left for good. `x, y`
 * (the hub's latest position) place a phone new to the screen; TICKs move it from there.
 */
export interface RosterMsg {
  type: 'roster';
  upsert: (Omit<PhoneInfo, 'x' | 'y'> & { x?: number; y?: number })[];
  remove: number[];
}

export interface SettingsMsg {
  type: 'settings';
  settings: Settings;
  playoutDelayMs: number;
}

/** Phones: low-rate count of who else is on the wall. */
export interface PresenceMsg {
  type: 'presence';
  phones: number;
}

/** Phones over capacity: waiting for a place. */
/** Phones: the hub changed this phone's flag (the operator blocked the one it showed or asked for). */
export interface FlagMsg {
  type: 'flag';
  flag: string;
}

export interface WaitMsg {
  type: 'wait';
  position: number;
}

/** Sent just before the hub closes a socket with `code`, to explain why. */
export interface ErrorMsg {
  type: 'error';
  code: number;
  message: string;
  /** BANNED: ms until the ban ends (absent: the rest of the show). */
  endsInMs?: number;
  /** RATE_LIMITED: ms before the hub lets this client back in; it waits at least that long. */
  retryInMs?: number;
}

// ---- operator console and what it drives on the wall (docs/operator.md) ---------------------

/**
 * Screens: how this screen shows the wall right now. Sent after the snapshot and on every change;
 * the screen answers `{type:'applied', rev}` once it draws it.
 */
export interface WallStateMsg {
  type: 'wall-state';
  rev: number;
  /** From the operator's layout; null: keep the slice the screen chose itself. */
  slice: Slice | null;
  /** This screen's number and colour (the console shows the same). */
  number: number;
  color: string;
  /** Show the big number and colour (identify). */
  identify: boolean;
  blackout: boolean;
  /** Freeze the picture (time stops on every screen). */
  paused: boolean;
  /** Operator's banner text; empty for none. */
  message: string;
  /** Join banner: shown on the screen holding the wall's bottom-right corner. */
  banner: { show: boolean; url: string; wifi: string };
}

/** Screens: reload the page (after an update, or to recover a confused screen). */
export interface ReloadMsg {
  type: 'reload';
}

/** Screens: remove every ripple now. */
export interface ClearRipplesMsg {
  type: 'clear-ripples';
}

/** Screens: make this phone's flag pulse ("that's me"). */
export interface PulseMsg {
  type: 'pulse';
  id: number;
}

export type ScreenStatus = 'ok' | 'reconnecting' | 'gone';

/** One screen as the operator console lists it. */
export interface OperatorScreen {
  name: string;
  number: number;
  color: string;
  status: ScreenStatus;
  /** Why the status is not ok, in words. */
  detail: string;
  address: string | null;
  /** What it reports running (from its user agent). */
  version: string;
  slice: Slice | null;
  placed: boolean;
  fps: number | null;
  clockErrorMs: number | null;
  rttMs: number | null;
  /** Ms since the hub last heard from it; null if never since the hub started. */
  lastSeenAgoMs: number | null;
  /** Wall-state revision it confirmed drawing, and the latest sent to it. */
  appliedRev: number;
  sentRev: number;
}

export interface AudienceStats {
  connected: number;
  dozing: number;
  waiting: number;
  peak: number;
  joins: number;
  byCountry: Record<string, number>;
  byLanguage: Record<string, number>;
  byOs: Record<string, number>;
}

/** Operators: everything the console shows, pushed on change and twice a second. */
export interface OperatorStateMsg {
  type: 'operator-state';
  wall: string;
  version: string;
  phoneUrl: string;
  settings: Settings;
  playoutDelayMs: number;
  layout: WallLayout;
  show: { blackout: boolean; paused: boolean; message: string; identifyLeftMs: number };
  screens: OperatorScreen[];
  audience: AudienceStats;
  /** Approval mode: names waiting for the operator (bounded), and how many wait outside. */
  names?: { pending: PendingName[]; overflow: number };
  /** Phones on the wall (most recent first, capped), for the kick list. */
  phones: { id: number; flag: string; name: string; dozing: boolean }[];
  /** Latest wall-state revision sent to screens. */
  rev: number;
  /** Screen pairing: who waits to be admitted, who holds a credential. */
  pairing?: { pending: PendingScreenInfo[]; paired: PairedScreenInfo[] };
  /** Bans in force and blocked flags (main/hub/moderation.ts). */
  moderation?: OperatorModeration;
}

/** One ban as the console lists it. */
export interface OperatorBan {
  id: number;
  /** What the phone was: "#12 “Ann” (fr)". */
  label: string;
  /** The banned address, when the ban covers it. */
  address: string | null;
  /** Ms until it ends; null: the rest of the show. */
  endsInMs: number | null;
}

export interface OperatorModeration {
  /** Newest first, at most 200 of them. */
  bans: OperatorBan[];
  /** All bans in force. */
  banCount: number;
  blockedFlags: string[];
}

/** Operators: the answer to one command. `ok: false` carries a sentence the console shows. */
export interface OperatorAckMsg {
  type: 'operator-ack';
  seq: number;
  ok: boolean;
  message: string;
  /** Wall-state revision the screens must confirm for this command to have applied. */
  rev: number;
}

// ---- screen pairing (docs/protocol.md, "Screen pairing") -------------------------------------

/** Pending screen: show this code on the display until an operator admits it. */
export interface PairingMsg {
  type: 'pairing';
  /** Six digits, shown as "482 319"; valid for `expiresInMs`. */
  code: string;
  expiresInMs: number;
}

/** Admitted: this screen's own credential. Sent once, on the pending socket; welcome follows. */
export interface PairedMsg {
  type: 'paired';
  hubId: string;
  screenId: string;
  credential: string;
}

/** Paired screen's login: the hub proves it knows the credential; the screen checks, then proves. */
export interface AuthChallengeMsg {
  type: 'auth-challenge';
  hubId: string;
  nonce: string;
  proof: string;
}

/** A screen waiting to be admitted, as the console lists it. */
export interface PendingScreenInfo {
  id: string;
  code: string;
  address: string;
  name: string;
  /** Ms since it asked to pair. */
  sinceMs: number;
  expiresInMs: number;
}

/** A paired screen, as the console lists it (its credential never leaves the hub). */
export interface PairedScreenInfo {
  screenId: string;
  name: string;
  /** Epoch ms. */
  pairedAt: number;
  /** Epoch ms of its last login; null if never since pairing. */
  lastSeenAt: number | null;
  online: boolean;
}

export type HubMessage =
  | PairingMsg
  | PairedMsg
  | AuthChallengeMsg
  | WelcomeMsg
  | SnapshotMsg
  | RosterMsg
  | SettingsMsg
  | PresenceMsg
  | WaitMsg
  | FlagMsg
  | ErrorMsg
  | WallStateMsg
  | ReloadMsg
  | ClearRipplesMsg
  | PulseMsg
  | OperatorStateMsg
  | OperatorAckMsg;
