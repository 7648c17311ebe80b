/**
 * Paired screens in `<data dir>/screens.json`: each screen's id, name, credential and dates, and
 * revoked ones kept as tombstones (so the hub can still prove itself to a revoked screen before
 * telling it so: docs/protocol.md, "Screen pairing"). Written atomically (0600, like hub.json).
 *
 * Credentials are stored as issued, not hashed: the login is a challenge-response, so the hub
 * needs the HMAC key itself, and any hash of it would be just as secret (it would become the key).
 * The file is as sensitive as hub.json, which holds the wall key the same way.
 *
 * Read and written by the one data-file mechanism (list-file.ts): losing this file un-pairs
 * every screen, so a bad record is dropped alone and every valid one kept.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadListFile, saveListFile, type ListFile } from './list-file';

export const screensPath = (dataDir: string): string => join(dataDir, 'screens.json');

const recordSchema = z.strictObject({
  screenId: z.string().regex(/^[A-Za-z0-9_-]{8,32}$/),
  name: z.string().max(64),
  credential: z.string().regex(/^[A-Za-z0-9_-]{22,128}$/),
  pairedAt: z.number().finite(),
  lastSeenAt: z.number().finite().nullable(),
  /** Set once revoked: the credential is refused from then on. */
  revokedAt: z.number().finite().nullable(),
});

export type ScreenRecord = z.infer<typeof recordSchema>;

const screensFile = (dataDir: string): ListFile<ScreenRecord> => ({
  path: screensPath(dataDir),
  field: 'screens',
  schema: recordSchema,
  max: 1024,
  uniqueBy: (r) => r.screenId,
  what: 'paired screens',
  keptText: 'every other paired screen',
  label: 'screens',
  freshText: 'no screen is paired any more; pair them again (or restore the file kept aside)',
  indent: 2,
});

export interface LoadedScreens {
  screens: ScreenRecord[];
  /** Set when a file existed but could not be used as it was (the caller logs it once). */
  problem?: string;
}

export function loadScreens(dataDir: string): LoadedScreens {
  const { items, problem } = loadListFile(screensFile(dataDir));
  return { screens: items, ...(problem ? { problem } : {}) };
}

export function saveScreens(dataDir: string, screens: readonly ScreenRecord[]): void {
  saveListFile(screensFile(dataDir), screens);
}
