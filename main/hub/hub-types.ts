/** The hub's options, hooks and counters (main/hub/hub.ts is the hub itself). */
import type { ClientMessage, HelloMsg } from '../../shared/protocol/messages';
import type { Settings } from '../../shared/scene/settings';
import type { HubClock } from './clock';
import type { HubLimits } from './limits';
import type { Logger } from './logger';
import type { Session } from './session';

export interface HubOptions {
  wall: string;
  hubId: string;
  /** Wall key screens and operators must present. */
  key: string;
  settings: Settings;
  clock: HubClock;
  log: Logger;
  limits?: Partial<HubLimits>;
  /** Makes phone resume tokens; injected so tests are deterministic. */
  token: () => string;
  /** Called after every settings change (the hub persists them). */
  onSettings?: (settings: Settings) => void;
  /** Called after phones join, change, doze, wake or leave (the hub persists their identities). */
  onRoster?: () => void;
}

/**
 * Hooks for features layered on the core (the operator console, main/hub/operator.ts), so they
 * live in their own files and the hot path stays here.
 */
export interface HubExtension {
  /** After a client's hello was accepted and its welcome (and a screen's snapshot) went out. */
  joined?(s: Session, hello: HelloMsg): void;
  /** Valid messages the core does not handle itself (operator, applied, locate). */
  message?(s: Session, msg: ClientMessage): void;
  /** After a session closed and the core cleaned up after it. */
  left?(s: Session): void;
}

/** What a connection hands its bytes to. */
export interface Connection {
  receive(data: Uint8Array | string, isBinary: boolean): void;
  closed(): void;
}

export interface HubCounters {
  messagesIn: number;
  messagesOut: number;
  rateLimited: number;
  badMessages: number;
  skippedTicks: number;
  slowClosed: number;
  /** Catch-up frames sent to screens resuming after skipped ticks. */
  catchUps: number;
  /** TICK frames encoded (one per tick, whatever the number of screens). */
  ticks: number;
  /** Moves and taps accepted from phones (before coalescing). */
  phoneUpdates: number;
  /** Taps that started no ripple: the wall was at its cap or a young ripple nearby showed it. */
  ripplesMerged: number;
}

/** Optional observer of each tick (metrics): how long it took and what it sent. */
export interface TickObserver {
  tick(durationMs: number, frameBytes: number, screensSent: number): void;
}

export function createCounters(): HubCounters {
  return {
    messagesIn: 0,
    messagesOut: 0,
    rateLimited: 0,
    badMessages: 0,
    skippedTicks: 0,
    slowClosed: 0,
    catchUps: 0,
    ticks: 0,
    phoneUpdates: 0,
    ripplesMerged: 0,
  };
}
