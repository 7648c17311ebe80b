/**
 * The one place a wall key is compared, and the gate every keyed request passes: screen and
 * operator hellos (hub.ts onHello) and the full /healthz (health.ts). Order: a foreign page origin
 * is refused first (it never counts against the address, so a hostile page cannot lock the
 * operator's own machine out), then an address cooling down after wrong keys, then the key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { CloseCode } from '../../shared/protocol/codes';
import type { HubClock } from './clock';
import type { Logger } from './logger';
import { KeyThrottle, type KeyThrottleOptions } from './auth-throttle';

/** SHA-256 first, so both sides are 32 bytes whatever their lengths: no early exit, no length leak. */
const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of a presented key with the wall key. */
export function keysMatch(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export interface KeyRefusal {
  code: number;
  message: string;
  /** Set while the address cools down: how long until it may try again. */
  retryAfterMs?: number;
}

export class KeyGate {
  private readonly throttle: KeyThrottle;

  constructor(
    private readonly key: string,
    private readonly clock: HubClock,
    log: Logger,
    options: Partial<KeyThrottleOptions> = {},
  ) {
    this.throttle = new KeyThrottle(options, log);
  }

  /**
   * Null when `given` is the wall key and `address` may try; else why not. `originRefusal` is
   * server.ts's verdict on the request's Origin/Host (auth-origin.ts), undefined when trusted.
   */
  check(address: string, given: unknown, originRefusal?: string): KeyRefusal | null {
    const foreign = this.originCheck(address, originRefusal);
    if (foreign) return foreign;
    const now = this.clock.now();
    const waitMs = this.throttle.blockedFor(address, now);
    if (waitMs > 0) {
      return {
        code: CloseCode.RATE_LIMITED,
        message: `too many wrong wall keys from this address; try again in ${Math.ceil(waitMs / 1000)} s`,
        retryAfterMs: waitMs,
      };
    }
    if (keysMatch(given, this.key)) {
      this.throttle.succeeded(address);
      return null;
    }
    this.throttle.failed(address, now);
    return { code: CloseCode.UNAUTHORIZED, message: 'wrong or missing wall key' };
  }

  /**
   * The Origin/Host rule alone, for screens that pair or log in with a credential instead of the
   * wall key (pairing.ts): a foreign page may not reach them either.
   */
  originCheck(address: string, originRefusal?: string): KeyRefusal | null {
    if (!originRefusal) return null;
    this.throttle.foreignOrigin(address, this.clock.now(), originRefusal);
    return { code: CloseCode.UNAUTHORIZED, message: originRefusal };
  }

  /** Addresses currently tracked (bounded by maxAddresses). */
  get tracked(): number {
    return this.throttle.size;
  }
}
