/**
 * The operator's moderation that outlives a restart, in the data dir: the flag blocklist
 * (`blocked-flags.json`) and timed bans (`bans.json`; a rest-of-show ban ends with the hub by
 * definition). Read and written by the one data-file mechanism (list-file.ts): a bad entry is
 * dropped alone, a file that cannot be read is kept aside as `<name>.bad-<time>`.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { FLAG_CODE } from '../../shared/protocol/messages';
import { loadListFile, saveListFile, type ListFile } from './list-file';

export const blocklistPath = (dataDir: string): string => join(dataDir, 'blocked-flags.json');
export const bansPath = (dataDir: string): string => join(dataDir, 'bans.json');

export interface SavedBan {
  token: string;
  address: string | null;
  /** Hub time (epoch ms) it ends. */
  until: number;
  label: string;
}

const blocklistFile = (dataDir: string): ListFile<string> => ({
  path: blocklistPath(dataDir),
  field: 'blockedFlags',
  schema: z.string().regex(FLAG_CODE),
  max: 300,
  uniqueBy: (flag) => flag,
  what: 'flag blocklist',
  keptText: 'every other blocked flag',
  label: 'blocked flags',
  freshText: 'no flag is blocked',
  indent: 2,
});

const bansFile = (dataDir: string): ListFile<SavedBan> => ({
  path: bansPath(dataDir),
  field: 'bans',
  schema: z.strictObject({
    token: z.string().min(1).max(64),
    address: z.string().max(64).nullable(),
    until: z.number().finite(),
    label: z.string().max(80),
  }),
  max: 1000,
  what: 'bans',
  keptText: 'every other ban',
  label: 'bans',
  freshText: 'no phone is banned',
  indent: 1,
});

export function loadBlocklist(dataDir: string): { flags: string[]; problem?: string } {
  const { items, problem } = loadListFile(blocklistFile(dataDir));
  return { flags: items, ...(problem ? { problem } : {}) };
}

export function saveBlocklist(dataDir: string, flags: readonly string[]): void {
  saveListFile(blocklistFile(dataDir), flags);
}

export function loadBans(dataDir: string): { bans: SavedBan[]; problem?: string } {
  const { items, problem } = loadListFile(bansFile(dataDir));
  return { bans: items, ...(problem ? { problem } : {}) };
}

export function saveBans(dataDir: string, bans: readonly SavedBan[]): void {
  saveListFile(bansFile(dataDir), bans);
}
