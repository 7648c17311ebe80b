/**
 * The operator's moderation that outlives a restart, in the data dir: the flag blocklist
 * (`blocked-flags.json`) and timed bans (`bans.json`; a rest-of-show ban ends with the hub by
 * definition). Read and written by the one data-file mechanism (main/config/data-file.ts): a bad
 * entry is dropped alone, a file that cannot be read is kept aside as `<name>.bad-<time>`.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { FLAG_CODE } from '../../shared/protocol/messages';
import { loadDataFile, saveDataFile } from './data-file';
import { recoverListFile } from './recover-fields';

export const blocklistPath = (dataDir: string): string => join(dataDir, 'blocked-flags.json');
export const bansPath = (dataDir: string): string => join(dataDir, 'bans.json');

export interface SavedBan {
  token: string;
  address: string | null;
  /** Hub time (epoch ms) it ends. */
  until: number;
  label: string;
}

const banSchema = z.strictObject({
  token: z.string().min(1).max(64),
  address: z.string().max(64).nullable(),
  until: z.number().finite(),
  label: z.string().max(80),
});

export function loadBlocklist(dataDir: string): { flags: string[]; problem?: string } {
  const loaded = loadDataFile<string[]>({
    path: blocklistPath(dataDir),
    what: 'flag blocklist',
    keptText: 'every other blocked flag',
    freshText: 'no flag is blocked',
    fresh: () => [],
    recover: (raw) =>
      recoverListFile(raw, 'blockedFlags', z.string().regex(FLAG_CODE), 'blocked flags', {
        max: 300,
        uniqueBy: (flag) => flag,
      }),
    serialize: serializeBlocklist,
  });
  return { flags: loaded.value, ...(loaded.problem ? { problem: loaded.problem } : {}) };
}

export function saveBlocklist(dataDir: string, flags: readonly string[]): void {
  saveDataFile(blocklistPath(dataDir), serializeBlocklist(flags));
}

export function loadBans(dataDir: string): { bans: SavedBan[]; problem?: string } {
  const loaded = loadDataFile<SavedBan[]>({
    path: bansPath(dataDir),
    what: 'bans',
    keptText: 'every other ban',
    freshText: 'no phone is banned',
    fresh: () => [],
    recover: (raw) => recoverListFile(raw, 'bans', banSchema, 'bans', { max: 1000 }),
    serialize: serializeBans,
  });
  return { bans: loaded.value, ...(loaded.problem ? { problem: loaded.problem } : {}) };
}

export function saveBans(dataDir: string, bans: readonly SavedBan[]): void {
  saveDataFile(bansPath(dataDir), serializeBans(bans));
}

const serializeBlocklist = (flags: readonly string[]): string =>
  JSON.stringify({ blockedFlags: flags }, null, 2) + '\n';
const serializeBans = (bans: readonly SavedBan[]): string =>
  JSON.stringify({ bans }, null, 1) + '\n';
