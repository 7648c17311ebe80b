/**
 * Wrong-key throttle per address, and the bounded log of the keyed attempts it refuses. After
 * `freeFailures` wrong keys an address is refused for a cooldown that doubles with every further
 * wrong key (capped); attempts during a cooldown are refused without looking at the key and do not
 * extend it. Memory is bounded (`maxAddresses`; entries forgotten `forgetMs` after their last
 * attempt) and so is the log: at most one line per address per `logPeriodMs`, carrying the counts
 * since its last line, and at most `maxLinesPerPeriod` lines per period in all.
 */
import { LineBudget } from './line-budget';
import type { Logger } from './logger';

export interface KeyThrottleOptions {
  /** Wrong keys allowed before the first cooldown. Default 5. */
  freeFailures: number;
  /** First cooldown, ms; doubles with each later wrong key. Default 10 000. */
  cooldownMs: number;
  /** Longest cooldown, ms. Default 600 000 (10 min). */
  maxCooldownMs: number;
  /** An address is forgotten this long after its last attempt (once cooled down), ms. Default 1 800 000. */
  forgetMs: number;
  /** Addresses tracked at most; past it the stalest is dropped. Default 4096. */
  maxAddresses: number;
  /** At most one log line per address per this period, ms. Default 60 000. */
  logPeriodMs: number;
  /** At most this many throttle log lines per period, all addresses together. Default 20. */
  maxLinesPerPeriod: number;
}

export const DEFAULT_KEY_THROTTLE: Readonly<KeyThrottleOptions> = Object.freeze({
  freeFailures: 5,
  cooldownMs: 10_000,
  maxCooldownMs: 600_000,
  forgetMs: 1_800_000,
  maxAddresses: 4096,
  logPeriodMs: 60_000,
  maxLinesPerPeriod: 20,
});

interface Entry {
  failures: number;
  /** Cooldowns imposed so far (the next one is cooldownMs · 2^strikes). */
  strikes: number;
  until: number;
  /** Last wrong key or foreign-origin attempt. */
  lastAt: number;
  /** Counts since this address's last log line. */
  wrong: number;
  refused: number;
  foreign: number;
  lastForeign: string;
  loggedAt: number;
}

export class KeyThrottle {
  private readonly opts: KeyThrottleOptions;
  private readonly entries = new Map<string, Entry>();
  /** maxLinesPerPeriod, all addresses together; the next line says how many were left out. */
  private readonly lines: LineBudget;

  constructor(
    options: Partial<KeyThrottleOptions>,
    private readonly log: Logger,
  ) {
    this.opts = { ...DEFAULT_KEY_THROTTLE, ...options };
    this.lines = new LineBudget(this.opts.maxLinesPerPeriod, this.opts.logPeriodMs);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Ms until `address` may try a key again; 0 when it may now. Counts a refused attempt. */
  blockedFor(address: string, now: number): number {
    const e = this.live(address, now);
    if (!e || e.until <= now) return 0;
    e.refused++;
    this.maybeLog(address, e, now);
    return e.until - now;
  }

  failed(address: string, now: number): void {
    const e = this.touch(address, now);
    e.failures++;
    e.wrong++;
    if (e.failures >= this.opts.freeFailures) {
      e.until = now + Math.min(this.opts.maxCooldownMs, this.opts.cooldownMs * 2 ** e.strikes);
      e.strikes++;
    }
    this.maybeLog(address, e, now);
  }

  /**
   * A browser page from a foreign origin tried a keyed role: logged with the rest (bounded), never
   * counted as a wrong key, so a hostile page cannot lock its visitor's machine out.
   */
  foreignOrigin(address: string, now: number, why: string): void {
    const e = this.touch(address, now);
    e.foreign++;
    e.lastForeign = why.slice(0, 200);
    this.maybeLog(address, e, now);
  }

  succeeded(address: string): void {
    this.entries.delete(address);
  }

  /** The address's entry, created if need be and moved last (the Map's order is staleness). */
  private touch(address: string, now: number): Entry {
    let e = this.live(address, now);
    if (e) this.entries.delete(address);
    else {
      this.makeRoom(now);
      e = {
        failures: 0,
        strikes: 0,
        until: 0,
        lastAt: now,
        wrong: 0,
        refused: 0,
        foreign: 0,
        lastForeign: '',
        loggedAt: -Infinity,
      };
    }
    this.entries.set(address, e);
    e.lastAt = now;
    return e;
  }

  /** The address's entry, or undefined if it has none or it has been forgotten. */
  private live(address: string, now: number): Entry | undefined {
    const e = this.entries.get(address);
    if (e && this.expired(e, now)) {
      this.entries.delete(address);
      return undefined;
    }
    return e;
  }

  private expired(e: Entry, now: number): boolean {
    return e.until <= now && now - e.lastAt > this.opts.forgetMs;
  }

  private makeRoom(now: number): void {
    if (this.entries.size < this.opts.maxAddresses) return;
    for (const [address, e] of this.entries) if (this.expired(e, now)) this.entries.delete(address);
    // Still full: drop the stalest (first in insertion order).
    while (this.entries.size >= this.opts.maxAddresses) {
      const first = this.entries.keys().next().value;
      if (first === undefined) break;
      this.entries.delete(first);
    }
  }

  private maybeLog(address: string, e: Entry, now: number): void {
    if (now - e.loggedAt < this.opts.logPeriodMs) return;
    const suppressed = this.lines.take(now);
    if (suppressed === null) return;
    this.log.warn(
      {
        address,
        wrongKeys: e.wrong,
        refusedWhileCooling: e.refused,
        coolingForMs: Math.max(0, e.until - now),
        ...(e.foreign > 0 ? { foreignOrigin: e.foreign, lastForeign: e.lastForeign } : {}),
        ...(suppressed > 0 ? { linesSuppressed: suppressed } : {}),
      },
      'refused keyed hellos from this address (one line per address per period)',
    );
    e.loggedAt = now;
    e.wrong = 0;
    e.refused = 0;
    e.foreign = 0;
  }
}
