/**
 * The operator's flag blocklist in `<data dir>/blocked-flags.json`, so a flag blocked mid-show
 * stays blocked after a restart. Atomic writes; missing → nothing blocked; a file that cannot be
 * read → one log line, nothing blocked, and the file is left as it is until the operator saves.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { FLAG_CODE } from '../../shared/protocol/messages';
import { readJsonFile, writeFileAtomic } from './atomic-file';

const blocklistSchema = z.strictObject({
  blockedFlags: z.array(z.string().regex(FLAG_CODE)).max(300),
});

export const blocklistPath = (dataDir: string): string => join(dataDir, 'blocked-flags.json');

export function loadBlocklist(dataDir: string): { flags: string[]; problem?: string } {
  const read = readJsonFile(blocklistPath(dataDir));
  if (!read.ok)
    return read.missing
      ? { flags: [] }
      : { flags: [], problem: `${read.error}; no flag is blocked until the operator saves a list` };
  const parsed = blocklistSchema.safeParse(read.value);
  if (parsed.success) return { flags: parsed.data.blockedFlags };
  return {
    flags: [],
    problem: `${blocklistPath(dataDir)} is not a valid flag blocklist: ${parsed.error.issues[0]?.message ?? 'invalid'}; no flag is blocked until the operator saves a list`,
  };
}

export function saveBlocklist(dataDir: string, flags: readonly string[]): void {
  writeFileAtomic(blocklistPath(dataDir), JSON.stringify({ blockedFlags: flags }, null, 2) + '\n');
}
