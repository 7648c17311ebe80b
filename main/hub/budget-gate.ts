/**
 * The one gate every inbound message passes before the hub works for it (budgets.ts has the
 * table), plus what outlives a socket: new sockets per address (connect/resume churn) and the
 * cooldown of tokens and addresses closed for sustained abuse. Every map here is bounded: at its
 * cap the oldest entry goes, so a crowd of addresses cannot grow the hub.
 */
import { CloseCode } from '../../shared/protocol/codes';
import {
  CONNECT_CHURN,
  KIND_NAMES,
  WALL_LOCATES,
  type Budget,
  type MsgKind,
  type SessionBudget,
} from './budgets';

export interface GateLimits {
  /** Sockets one address may hold open (venue Wi-Fi may NAT many phones). */
  maxPerAddress: number;
  /** How long a token or address closed with RATE_LIMITED may not join again, ms. */
  rateLimitCooldownMs: number;
  /** Most addresses (and tokens) tracked for churn and cooldown; the oldest are forgotten. */
  maxTrackedAddresses: number;
}

/** Counters /metrics reads (main/hub/metrics.ts). */
export interface GateCounters {
  /** Messages dropped over budget, by kind (index = MsgKind). */
  readonly drops: number[];
  /** Sockets closed with RATE_LIMITED for sustained excess. */
  rateLimitClosed: number;
  /** New sockets refused: too many from one address too fast. */
  churnRefused: number;
  /** Joins refused while their token or address cooled down. */
  cooldownRefused: number;
}

interface Bucket {
  tokens: number;
  last: number;
}

/** A bounded map of token buckets by key (insertion order = age). */
class KeyedBuckets {
  private readonly map = new Map<string, Bucket>();

  constructor(
    private readonly budget: Readonly<Budget>,
    private readonly cap: number,
  ) {}

  take(key: string, now: number): boolean {
    let b = this.map.get(key);
    if (!b) {
      if (this.map.size >= this.cap) this.evict();
      b = { tokens: this.budget.burst, last: now };
      this.map.set(key, b);
    }
    b.tokens = Math.min(this.budget.burst, b.tokens + ((now - b.last) / 1000) * this.budget.rate);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Ms until `key` has a whole token again (0 when it has one now; refilled as in take). */
  waitMs(key: string, now: number): number {
    const b = this.map.get(key);
    if (!b) return 0;
    const tokens = Math.min(
      this.budget.burst,
      b.tokens + ((now - b.last) / 1000) * this.budget.rate,
    );
    return tokens >= 1 ? 0 : ((1 - tokens) / this.budget.rate) * 1000;
  }

  get size(): number {
    return this.map.size;
  }

  /** O(1): the oldest entry goes (it may lose a little history; the map stays bounded). */
  private evict(): void {
    this.map.delete(this.map.keys().next().value!);
  }
}

/** Keys refused until a time; bounded, expired entries dropped on the way. */
export class Cooldowns {
  private readonly until = new Map<string, number>();

  constructor(private readonly cap: number) {}

  add(key: string, until: number): void {
    this.until.delete(key);
    if (this.until.size >= this.cap) this.until.delete(this.until.keys().next().value!);
    this.until.set(key, until);
  }

  /** Ms until `key` may return (0: not cooling down; an expired entry is dropped). */
  remaining(key: string, now: number): number {
    const t = this.until.get(key);
    if (t === undefined) return 0;
    if (now < t) return t - now;
    this.until.delete(key);
    return 0;
  }

  get size(): number {
    return this.until.size;
  }
}

export class BudgetGate {
  readonly counters: GateCounters = {
    drops: KIND_NAMES.map(() => 0),
    rateLimitClosed: 0,
    churnRefused: 0,
    cooldownRefused: 0,
  };
  private readonly churn: KeyedBuckets;
  private readonly cooling: Cooldowns;
  private readonly locates: KeyedBuckets;

  constructor(private readonly limits: GateLimits) {
    this.churn = new KeyedBuckets(CONNECT_CHURN, limits.maxTrackedAddresses);
    this.cooling = new Cooldowns(limits.maxTrackedAddresses);
    this.locates = new KeyedBuckets(WALL_LOCATES, 1);
  }

  /** A message of `kind` on a socket with `budget`: true to handle it, false (counted) to drop it. */
  pass(budget: SessionBudget, kind: MsgKind, now: number): boolean {
    if (budget.take(kind, now)) return true;
    this.counters.drops[kind]!++;
    return false;
  }

  /**
   * Why a new socket from `address` (its `count`th open one) is refused, or null: that address
   * opens sockets too fast, or holds more than maxPerAddress. Checked before any other work.
   */
  refuseConnection(
    address: string,
    count: number,
    now: number,
  ): { code: number; reason: string; retryInMs?: number } | null {
    if (!this.connection(address, now))
      return {
        code: CloseCode.RATE_LIMITED,
        reason: 'too many new connections from this address: retry in a few seconds',
        retryInMs: this.churn.waitMs(address, now),
      };
    if (count > this.limits.maxPerAddress)
      return {
        code: CloseCode.TOO_MANY_CONNECTIONS,
        reason: 'too many connections from this address',
      };
    return null;
  }

  /** A new socket from `address`: false when that address opens sockets too fast. */
  connection(address: string, now: number): boolean {
    if (this.churn.take(address, now)) return true;
    this.counters.churnRefused++;
    return false;
  }

  /** A locate pulse the wall can still show (wall-wide budget, whoever asks). */
  wallLocate(kind: MsgKind, now: number): boolean {
    if (this.locates.take('', now)) return true;
    this.counters.drops[kind]!++;
    return false;
  }

  /** A socket closed for abuse: its resume token (if any) and address cool down. Returns ms. */
  coolDown(address: string, token: string | undefined, now: number): number {
    this.counters.rateLimitClosed++;
    const until = now + this.limits.rateLimitCooldownMs;
    this.cooling.add(`a:${address}`, until);
    if (token) this.cooling.add(`t:${token}`, until);
    return this.limits.rateLimitCooldownMs;
  }

  /** A hello: ms (counted) its phone must still wait; 0 for screens, operators, free phones. */
  helloCooldownMs(address: string, hello: { role: string; resume?: string }, now: number): number {
    return hello.role === 'phone' ? this.coolingDownFor(address, hello.resume, now) : 0;
  }

  /** Ms (counted when > 0) until a phone with this address and token may join; 0: it may now. */
  coolingDownFor(address: string, token: string | undefined, now: number): number {
    const left = Math.max(
      this.cooling.remaining(`a:${address}`, now),
      token ? this.cooling.remaining(`t:${token}`, now) : 0,
    );
    if (left > 0) this.counters.cooldownRefused++;
    return left;
  }

  /** Entries held (tests check the maps stay bounded). */
  get tracked(): { addresses: number; cooling: number } {
    return { addresses: this.churn.size, cooling: this.cooling.size };
  }
}
