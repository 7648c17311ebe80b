/**
 * What a hub link decides from what its socket tells it, shared by the browser pages
 * (renderer/common/connection.ts) and Node clients (main/screen-client/hub-link.ts), so both
 * reconnect by exactly the same rules: a welcome means live and resets the backoff; a fatal close
 * code means refused (never retry); anything else means retry after a full-jitter delay. Pure: no
 * sockets, no timers.
 */
import { FATAL_CLOSE_CODES } from '../protocol/codes';
import type { HubMessage } from '../protocol/hub-messages';
import { backoffDelay, type BackoffPolicy } from './backoff';

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export type CloseDecision =
  | { state: 'refused'; detail: string }
  | { state: 'reconnecting'; detail: string; retryInMs: number; hubWaitMs?: number };

export class LinkSession {
  private attempt = 0;
  private lastError: string | null = null;
  /** The hub's `retryInMs` from its last error on this attempt: the least wait before retrying. */
  private hubWaitMs: number | null = null;

  constructor(
    private readonly backoff: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** A new connection attempt starts: the previous attempt's error no longer explains anything. */
  opening(): void {
    this.lastError = null;
    this.hubWaitMs = null;
  }

  /**
   * A text frame from the hub: the parsed message (null when it is not JSON), and whether it
   * made the link live (a welcome, which also resets the backoff).
   */
  text(raw: string): { msg: HubMessage | null; live: boolean } {
    let msg: HubMessage;
    try {
      msg = JSON.parse(raw) as HubMessage;
    } catch {
      return { msg: null, live: false };
    }
    if (msg.type === 'welcome') {
      this.attempt = 0;
      return { msg, live: true };
    }
    if (msg.type === 'error') {
      this.lastError = msg.message;
      this.hubWaitMs = validWait(msg.retryInMs);
    }
    return { msg, live: false };
  }

  /**
   * Something went wrong outside the protocol (socket error, silence, a bad URL). Keeps the
   * hub's own explanation if it gave one, unless `override` (we know better, e.g. silence).
   */
  failed(message: string, override = false): void {
    if (override || this.lastError === null) this.lastError = message;
  }

  /**
   * The socket closed: refuse for good, or retry after the next backoff delay. `detail` is the
   * best explanation known (the hub's error, else the close reason; may be empty). When the hub
   * said how long it will refuse us (`retryInMs`, e.g. a RATE_LIMITED cooldown), the retry waits
   * that long plus the jitter, so it comes once, after the cooldown, and a crowd closed together
   * does not return in the same instant. `hubWaitMs` is then the hub's figure.
   */
  closed(code: number, reason: string): CloseDecision {
    const detail = this.lastError || reason;
    if (FATAL_CLOSE_CODES.includes(code)) return { state: 'refused', detail };
    const jitter = backoffDelay(this.backoff, this.attempt++, this.random);
    const hubWaitMs = this.hubWaitMs;
    if (hubWaitMs === null) return { state: 'reconnecting', detail, retryInMs: jitter };
    return { state: 'reconnecting', detail, retryInMs: hubWaitMs + jitter, hubWaitMs };
  }
}

/** Longest wait a hub may impose on a client: an hour (a bad figure must not park it for good). */
export const MAX_HUB_WAIT_MS = 3_600_000;

/** A usable `retryInMs` (finite, > 0; at most MAX_HUB_WAIT_MS), else null. */
function validWait(ms: unknown): number | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return null;
  return Math.min(ms, MAX_HUB_WAIT_MS);
}
