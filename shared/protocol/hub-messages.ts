/**
 * JSON messages the hub sends. Plain types (no zod): clients trust the hub, and the phone page
 * must stay tiny. See docs/protocol.md.
 */
import type { Settings } from '../scene/settings';
import type { Role } from './codes';

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

/** Screens: phones that joined, changed flag/name, dozed or woke; ids that left for good. */
export interface RosterMsg {
  type: 'roster';
  upsert: Omit<PhoneInfo, 'x' | 'y'>[];
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
export interface WaitMsg {
  type: 'wait';
  position: number;
}

/** Sent just before the hub closes a socket with `code`, to explain why. */
export interface ErrorMsg {
  type: 'error';
  code: number;
  message: string;
}

export type HubMessage =
  WelcomeMsg | SnapshotMsg | RosterMsg | SettingsMsg | PresenceMsg | WaitMsg | ErrorMsg;
