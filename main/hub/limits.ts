/** Per-client and per-hub limits; every default documented. */
import { DEFAULT_BUDGETS, type BudgetTable } from './budgets';

export interface HubLimits {
  /** Largest WebSocket frame accepted, bytes (ws closes with 1009 above it). Default 4096. */
  maxPayload: number;
  /** A client must send hello within this, ms. Default 5000. */
  helloTimeoutMs: number;
  /** Above this many queued bytes a screen skips ticks. Default 64 KiB. */
  softBufferedBytes: number;
  /** Above this many queued bytes a screen is closed with TOO_SLOW. Default 1 MiB. */
  hardBufferedBytes: number;
  /** A client over the soft cap for longer than this, ms, is closed with TOO_SLOW. Default 5000. */
  maxBackedUpMs: number;
  /** A disconnected phone dozes (greyed out) this long before it leaves, ms. Default 30000. */
  phoneGraceMs: number;
  /** Connections allowed from one address (venue Wi-Fi may NAT many phones). Default 1000. */
  maxPerAddress: number;
  /** Ripples one phone may start per second (across its reconnects); excess dropped. Default 3. */
  phoneRipplesPerSecond: number;
  /** Ripples one phone may start back to back. Default 5. */
  phoneRippleBurst: number;
  /** Per role and kind of message, before any work (budgets.ts). Default DEFAULT_BUDGETS. */
  budgets: Readonly<BudgetTable>;
  /** A token or address closed with RATE_LIMITED may not join for this long, ms. Default 30000. */
  rateLimitCooldownMs: number;
  /** Most addresses/tokens remembered for churn and cooldown (oldest forgotten). Default 10000. */
  maxTrackedAddresses: number;
  /** A phone's queue (not reading) past this is closed TOO_SLOW; PONG/ACK/presence skip past 1/8 of it. Default 8 KiB. */
  phoneQueueBytes: number;
  /** The same bound for operator consoles (operator-state lists every phone). Default 4 MiB. */
  operatorQueueBytes: number;
  /** Most phones dozing at once after a live disconnect; the oldest dozer leaves first. Default 100. */
  maxDozing: number;
  /** Presence updates to phones, Hz. Default 1. */
  presenceHz: number;
  /** Most ACKs (own latest position) per phone per second; the latest always goes out. Default 5. */
  phoneAckHz: number;
}

export const DEFAULT_LIMITS: Readonly<HubLimits> = Object.freeze({
  maxPayload: 4096,
  helloTimeoutMs: 5000,
  softBufferedBytes: 64 * 1024,
  hardBufferedBytes: 1024 * 1024,
  maxBackedUpMs: 5000,
  phoneGraceMs: 30_000,
  maxPerAddress: 1000,
  phoneRipplesPerSecond: 3,
  phoneRippleBurst: 5,
  budgets: DEFAULT_BUDGETS,
  rateLimitCooldownMs: 30_000,
  maxTrackedAddresses: 10_000,
  phoneQueueBytes: 8 * 1024,
  operatorQueueBytes: 4 * 1024 * 1024,
  maxDozing: 100,
  presenceHz: 1,
  phoneAckHz: 5,
});

/** Token bucket: `take()` is true while the client is within its rate. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** A phone's ripple budget (kept on the phone, so a resumed session does not refill it). */
export const rippleBucket = (limits: HubLimits, now: number): TokenBucket =>
  new TokenBucket(limits.phoneRipplesPerSecond, limits.phoneRippleBurst, now);
