/**
 * Screen pairing state, without sockets: screens waiting to be admitted (each with a code shown
 * only on its own display), and paired screens with their credentials. Every pending entry comes
 * from an unauthenticated stranger, so the list is capped in total and per address, entries
 * expire, and pairing requests per address are budgeted (a bounded table of token buckets).
 * The socket side is pairing.ts; the file is main/config/screen-store.ts.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { proofMessage, type ProofInput } from '../../shared/crypto/pairing-proof';
import type { PairedScreenInfo, PendingScreenInfo } from '../../shared/protocol/hub-messages';
import type { ScreenRecord } from '../config/screen-store';
import { TokenBucket } from './limits';

export interface PairingLimits {
  /** Screens waiting to be admitted, hub-wide. Default 16. */
  maxPending: number;
  /** Of which from one address. Default 2. */
  maxPendingPerAddress: number;
  /** How long a code is valid, ms; the screen then asks again for a new one. Default 180000. */
  codeTtlMs: number;
  /** Pairing requests per address: burst, and refill per minute. Defaults 6 and 6. */
  requestBurst: number;
  requestsPerMinute: number;
  /** Addresses whose request budget is remembered (oldest forgotten first). Default 1024. */
  trackedAddresses: number;
  /** Paired screens (not revoked). Default 256. */
  maxPaired: number;
  /** Revoked credentials kept so a revoked screen is told so by a hub it can trust. Default 256. */
  maxRevoked: number;
}

export const DEFAULT_PAIRING_LIMITS: Readonly<PairingLimits> = Object.freeze({
  maxPending: 16,
  maxPendingPerAddress: 2,
  codeTtlMs: 180_000,
  requestBurst: 6,
  requestsPerMinute: 6,
  trackedAddresses: 1024,
  maxPaired: 256,
  maxRevoked: 256,
});

export interface PendingScreen {
  id: string;
  /** Six digits. */
  code: string;
  address: string;
  name: string;
  since: number;
  expiresAt: number;
}

export interface PairingRandom {
  /** `n` random bytes as base64url. */
  token(bytes: number): string;
  /** Integer in [0, max). */
  int(max: number): number;
}

export const cryptoRandom: PairingRandom = {
  token: (n) => randomBytes(n).toString('base64url'),
  int: (max) => randomInt(max),
};

export interface PairingRegistryOptions {
  now(): number;
  /** Epoch ms for the dates shown and saved (the hub clock is epoch-based too, but injected). */
  wallNow?(): number;
  random?: PairingRandom;
  limits?: Partial<PairingLimits>;
  records: ScreenRecord[];
  /** Persists every record (throws when it could not). */
  save(records: readonly ScreenRecord[]): void;
}

export type RequestResult = { ok: true; pending: PendingScreen } | { ok: false; reason: string };
export type Found<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Codes are typed by people: accept "482 319", "482-319", " 482319 ". */
export const normalizeCode = (typed: string): string => typed.replace(/[\s-]/g, '');

export class PairingRegistry {
  readonly limits: PairingLimits;
  private readonly pending = new Map<string, PendingScreen>();
  private readonly budgets = new Map<string, TokenBucket>();
  private records: ScreenRecord[];
  private readonly random: PairingRandom;

  constructor(private readonly opts: PairingRegistryOptions) {
    this.limits = { ...DEFAULT_PAIRING_LIMITS, ...opts.limits };
    this.records = [...opts.records];
    this.random = opts.random ?? cryptoRandom;
  }

  // ---- pending screens ---------------------------------------------------------------------

  /** A stranger asks to pair. Budget first, then caps; no work is done for a refused request. */
  request(address: string, name: string): RequestResult {
    const now = this.opts.now();
    if (!this.budget(address, now).take(now))
      return { ok: false, reason: 'too many pairing requests from this address; wait a minute' };
    this.expire(now);
    if (this.pending.size >= this.limits.maxPending)
      return { ok: false, reason: 'too many screens are waiting to be paired; try again later' };
    let fromAddress = 0;
    for (const p of this.pending.values()) if (p.address === address) fromAddress++;
    if (fromAddress >= this.limits.maxPendingPerAddress)
      return { ok: false, reason: 'this address already has screens waiting to be paired' };
    const pending: PendingScreen = {
      id: this.random.token(9),
      code: this.freshCode(),
      address,
      name,
      since: now,
      expiresAt: now + this.limits.codeTtlMs,
    };
    this.pending.set(pending.id, pending);
    return { ok: true, pending };
  }

  /** Removes and returns the entries whose code expired. */
  expire(now = this.opts.now()): PendingScreen[] {
    const gone: PendingScreen[] = [];
    for (const p of this.pending.values()) if (now >= p.expiresAt) gone.push(p);
    for (const p of gone) this.pending.delete(p.id);
    return gone;
  }

  withdraw(id: string): void {
    this.pending.delete(id);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The pending screen an operator picked: by id (a click) or by the code it shows (typed). */
  findPending(by: {
    pendingId?: string | undefined;
    code?: string | undefined;
  }): Found<PendingScreen> {
    this.expire();
    if (by.pendingId !== undefined) {
      const p = this.pending.get(by.pendingId);
      return p
        ? { ok: true, value: p }
        : { ok: false, reason: 'that screen is no longer waiting (its code expired or it left)' };
    }
    const code = normalizeCode(by.code ?? '');
    if (!/^\d{6}$/.test(code))
      return { ok: false, reason: 'a pairing code is 6 digits, as shown on the screen' };
    for (const p of this.pending.values()) if (p.code === code) return { ok: true, value: p };
    return {
      ok: false,
      reason: `no screen is showing code ${code.slice(0, 3)} ${code.slice(3)}; check the code on the screen`,
    };
  }

  pendingList(now = this.opts.now()): PendingScreenInfo[] {
    return [...this.pending.values()].map((p) => ({
      id: p.id,
      code: p.code,
      address: p.address,
      name: p.name,
      sinceMs: Math.max(0, now - p.since),
      expiresInMs: Math.max(0, p.expiresAt - now),
    }));
  }

  // ---- paired screens ----------------------------------------------------------------------

  /**
   * Issues the pending screen its own credential (256 random bits) and saves it. Nothing changes
   * when the save fails: an admission the hub would forget at its next start is no admission.
   */
  admit(p: PendingScreen): Found<ScreenRecord> {
    if (this.active().length >= this.limits.maxPaired)
      return {
        ok: false,
        reason: `already ${this.limits.maxPaired} paired screens; revoke one first`,
      };
    const record: ScreenRecord = {
      screenId: this.random.token(12),
      name: p.name,
      credential: this.random.token(32),
      pairedAt: this.wallNow(),
      lastSeenAt: null,
      revokedAt: null,
    };
    const next = [...this.records, record];
    try {
      this.opts.save(next);
    } catch (err) {
      return { ok: false, reason: `could not save the paired screens: ${(err as Error).message}` };
    }
    this.records = next;
    this.pending.delete(p.id);
    return { ok: true, value: record };
  }

  /** Any record with this id, revoked ones included (the hub still proves itself to those). */
  lookup(screenId: string): ScreenRecord | undefined {
    return this.records.find((r) => r.screenId === screenId);
  }

  /**
   * Marks the credential revoked, live at once. `saved` false: it stays revoked until the hub
   * restarts, and the caller says so. Oldest tombstones beyond maxRevoked are forgotten.
   */
  revoke(screenId: string): { record: ScreenRecord; saved: boolean; error?: string } | null {
    const record = this.records.find((r) => r.screenId === screenId && r.revokedAt === null);
    if (!record) return null;
    record.revokedAt = this.wallNow();
    const revoked = this.records.filter((r) => r.revokedAt !== null);
    const drop = new Set(revoked.slice(0, Math.max(0, revoked.length - this.limits.maxRevoked)));
    this.records = this.records.filter((r) => !drop.has(r));
    return { record, ...this.persist() };
  }

  /** A paired screen logged in (its name may have changed). A failed save is only reported. */
  seen(record: ScreenRecord, name: string): { saved: boolean; error?: string } {
    record.lastSeenAt = this.wallNow();
    record.name = name;
    return this.persist();
  }

  pairedList(online: (screenId: string) => boolean): PairedScreenInfo[] {
    return this.active().map((r) => ({
      screenId: r.screenId,
      name: r.name,
      pairedAt: r.pairedAt,
      lastSeenAt: r.lastSeenAt,
      online: online(r.screenId),
    }));
  }

  // ---- proofs ------------------------------------------------------------------------------

  newNonce(): string {
    return this.random.token(16);
  }

  hubProof(record: ScreenRecord, p: Omit<ProofInput, 'credential' | 'screenId'>): string {
    return mac(record.credential, proofMessage('hub', { ...p, screenId: record.screenId }));
  }

  /** Constant-time check of the screen's proof. */
  verifyScreen(
    record: ScreenRecord,
    p: Omit<ProofInput, 'credential' | 'screenId'>,
    proof: string,
  ): boolean {
    const expected = Buffer.from(
      mac(record.credential, proofMessage('screen', { ...p, screenId: record.screenId })),
    );
    const given = Buffer.from(proof);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  // ---- internals ---------------------------------------------------------------------------

  private active(): ScreenRecord[] {
    return this.records.filter((r) => r.revokedAt === null);
  }

  private persist(): { saved: boolean; error?: string } {
    try {
      this.opts.save(this.records);
      return { saved: true };
    } catch (err) {
      return { saved: false, error: (err as Error).message };
    }
  }

  private budget(address: string, now: number): TokenBucket {
    let bucket = this.budgets.get(address);
    if (bucket) {
      this.budgets.delete(address); // re-insert: most recently used last
    } else {
      bucket = new TokenBucket(this.limits.requestsPerMinute / 60, this.limits.requestBurst, now);
      if (this.budgets.size >= this.limits.trackedAddresses) {
        const oldest = this.budgets.keys().next().value;
        if (oldest !== undefined) this.budgets.delete(oldest);
      }
    }
    this.budgets.set(address, bucket);
    return bucket;
  }

  private freshCode(): string {
    const used = new Set([...this.pending.values()].map((p) => p.code));
    for (;;) {
      const code = String(this.random.int(1_000_000)).padStart(6, '0');
      if (!used.has(code)) return code;
    }
  }

  private wallNow(): number {
    return this.opts.wallNow?.() ?? Date.now();
  }
}

const mac = (key: string, text: string): string =>
  createHmac('sha256', key).update(text, 'utf8').digest('hex');
