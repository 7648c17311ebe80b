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
  | { state: 'reconnecting'; detail: string; retryInMs: number };

export class LinkSession {
  private attempt = 0;
  private lastError: string | null = null;

  constructor(
    private readonly backoff: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** A new connection attempt starts: the previous attempt's error no longer explains anything. */
  opening(): void {
    this.lastError = null;
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
    if (msg.type === 'error') this.lastError = msg.message;
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
   * best explanation known (the hub's error, else the close reason; may be empty).
   */
  closed(code: number, reason: string): CloseDecision {
    const detail = this.lastError || reason;
    if (FATAL_CLOSE_CODES.includes(code)) return { state: 'refused', detail };
    return {
      state: 'reconnecting',
      detail,
      retryInMs: backoffDelay(this.backoff, this.attempt++, this.random),
    };
  }
}
