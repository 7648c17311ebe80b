/**
 * Phones' identities across a hub restart, in `<data dir>/phones.json`: id, resume token, flag
 * and name of every phone on the wall or dozing, stamped with when it was last known alive.
 * Written atomically, debounced after every roster change and every few seconds while phones
 * are live (so a SIGKILLed hub loses at most that much), and once more on shutdown. On load,
 * phones past the grace period are dropped; the rest come back dozing until they resume.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { FLAG_CODE } from '../../shared/protocol/messages';
import { readJsonFile, writeFileAtomic } from './atomic-file';

export interface StoredPhone {
  id: number;
  token: string;
  flag: string;
  name: string;
  /** Epoch ms the phone was last known connected (or when it started dozing). */
  seenAt: number;
}

export interface StoredPhones {
  /** Ids below this were handed out; a restarted hub continues above them. */
  nextId: number;
  phones: StoredPhone[];
}

const fileSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().min(1),
  phones: z
    .array(
      z.object({
        id: z.number().int().min(1).max(0xffffffff),
        token: z.string().min(1).max(64),
        flag: z.string().regex(FLAG_CODE),
        name: z.string().max(64),
        seenAt: z.number().finite(),
      }),
    )
    .max(200_000),
});

export const phonesPath = (dataDir: string): string => join(dataDir, 'phones.json');

export interface LoadedPhones extends StoredPhones {
  /** Phones dropped because they had been away longer than the grace period. */
  expired: number;
  /** Set when a file existed but could not be used (then no phones are restored). */
  problem?: string;
}

/** Reads the file; never throws. `now` and `graceMs` decide which phones are still welcome. */
export function loadPhones(dataDir: string, now: number, graceMs: number): LoadedPhones {
  const read = readJsonFile(phonesPath(dataDir));
  if (!read.ok)
    return { nextId: 1, phones: [], expired: 0, ...(read.missing ? {} : { problem: read.error }) };
  const parsed = fileSchema.safeParse(read.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      nextId: 1,
      phones: [],
      expired: 0,
      problem: `${phonesPath(dataDir)}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}; no phones restored`,
    };
  }
  const phones = parsed.data.phones.filter((p) => now - p.seenAt < graceMs);
  const maxId = parsed.data.phones.reduce((m, p) => Math.max(m, p.id), 0);
  return {
    nextId: Math.max(parsed.data.nextId, maxId + 1),
    phones,
    expired: parsed.data.phones.length - phones.length,
  };
}

export function savePhones(dataDir: string, data: StoredPhones): void {
  writeFileAtomic(phonesPath(dataDir), JSON.stringify({ version: 1, ...data }) + '\n');
}

export interface PhoneStoreOptions {
  dataDir: string;
  /** Current state to write; called at write time, so bursts of changes make one write. */
  snapshot(): StoredPhones;
  onError(err: Error): void;
  /** Quiet time after a change before writing, ms. Default 200. */
  debounceMs?: number;
  /**
   * Fewest ms between two writes, however fast the roster changes (a churning crowd would
   * otherwise rewrite the file several times a second). Default 2000.
   */
  minIntervalMs?: number;
  /** While phones are live, rewrite this often so their "last seen" stays fresh, ms. Default 5000. */
  heartbeatMs?: number;
}

/** Debounced, rate-bounded, atomic persistence of the phone roster. */
export class PhoneStore {
  private pending: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private lastWritten = '';
  private closed = false;
  private lastWriteAt = -Infinity;
  /** Files written (tests and the abuse bench check the rate stays bounded). */
  writes = 0;

  constructor(private readonly opts: PhoneStoreOptions) {
    this.heartbeat = setInterval(() => this.flush(), opts.heartbeatMs ?? 5000);
    this.heartbeat.unref();
  }

  /** Something changed: write soon (once per burst). */
  changed(): void {
    if (this.closed || this.pending) return;
    const debounce = this.opts.debounceMs ?? 200;
    const spacing = this.lastWriteAt + (this.opts.minIntervalMs ?? 2000) - Date.now();
    this.pending = setTimeout(() => this.flush(), Math.max(debounce, spacing));
    this.pending.unref();
  }

  /** Writes now if anything differs from the last write. Never throws. */
  flush(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    try {
      const data = this.opts.snapshot();
      const text = JSON.stringify(data);
      if (text === this.lastWritten) return;
      savePhones(this.opts.dataDir, data);
      this.lastWritten = text;
      this.lastWriteAt = Date.now();
      this.writes++;
    } catch (err) {
      this.opts.onError(err as Error);
    }
  }

  /** Final write, then no more. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.heartbeat);
  }
}
