/**
 * The operator's moderation that outlives a restart, in the data dir: the flag blocklist
 * (`blocked-flags.json`) and timed bans (`bans.json`; a rest-of-show ban ends with the hub by
 * definition). Atomic writes. Missing → nothing; a file that cannot be read is moved aside
 * (`<name>.unreadable-<time>`), never overwritten, and the hub starts without it.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FLAG_CODE } from '../../shared/protocol/messages';
import { readJsonFile, writeFileAtomic } from './atomic-file';

export const blocklistPath = (dataDir: string): string => join(dataDir, 'blocked-flags.json');
export const bansPath = (dataDir: string): string => join(dataDir, 'bans.json');

const blocklistSchema = z.strictObject({
  blockedFlags: z.array(z.string().regex(FLAG_CODE)).max(300),
});

export interface SavedBan {
  token: string;
  address: string | null;
  /** Hub time (epoch ms) it ends. */
  until: number;
  label: string;
}

const bansSchema = z.strictObject({
  bans: z
    .array(
      z.strictObject({
        token: z.string().min(1).max(64),
        address: z.string().max(64).nullable(),
        until: z.number().finite(),
        label: z.string().max(80),
      }),
    )
    .max(1000),
});

export function loadBlocklist(dataDir: string): { flags: string[]; problem?: string } {
  const r = load(blocklistPath(dataDir), blocklistSchema, 'no flag is blocked');
  return { flags: r.value?.blockedFlags ?? [], ...(r.problem ? { problem: r.problem } : {}) };
}

export function saveBlocklist(dataDir: string, flags: readonly string[]): void {
  writeFileAtomic(blocklistPath(dataDir), JSON.stringify({ blockedFlags: flags }, null, 2) + '\n');
}

export function loadBans(dataDir: string): { bans: SavedBan[]; problem?: string } {
  const r = load(bansPath(dataDir), bansSchema, 'no phone is banned');
  return { bans: r.value?.bans ?? [], ...(r.problem ? { problem: r.problem } : {}) };
}

export function saveBans(dataDir: string, bans: readonly SavedBan[]): void {
  writeFileAtomic(bansPath(dataDir), JSON.stringify({ bans }, null, 1) + '\n');
}

function load<T>(
  path: string,
  schema: z.ZodType<T>,
  fallback: string,
): { value?: T; problem?: string } {
  const read = readJsonFile(path);
  if (!read.ok && read.missing) return {};
  let why: string;
  if (read.ok) {
    const parsed = schema.safeParse(read.value);
    if (parsed.success) return { value: parsed.data };
    why = `${path} is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  } else why = read.error;
  const aside = `${path}.unreadable-${Date.now()}`;
  try {
    renameSync(path, aside);
    return { problem: `${why}; kept it as ${aside} and started with ${fallback}` };
  } catch (err) {
    return {
      problem: `${why} (could not move it aside: ${(err as Error).message}); started with ${fallback}`,
    };
  }
}
