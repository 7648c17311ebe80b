/**
 * Paired screens in `<data dir>/screens.json`: each screen's id, name, credential and dates, and
 * revoked ones kept as tombstones (so the hub can still prove itself to a revoked screen before
 * telling it so: docs/protocol.md, "Screen pairing"). Written atomically (0600, like hub.json).
 *
 * Credentials are stored as issued, not hashed: the login is a challenge-response, so the hub
 * needs the HMAC key itself, and any hash of it would be just as secret (it would become the key).
 * The file is as sensitive as hub.json, which holds the wall key the same way.
 *
 * Shaped like layout-store.ts (load → value + problem sentence, save), so the data-file recovery
 * work can adopt it: a missing file is no paired screens; a corrupt one gives one clear line.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from './atomic-file';

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
const fileSchema = z.strictObject({ screens: z.array(recordSchema).max(1024) });

export type ScreenRecord = z.infer<typeof recordSchema>;

export interface LoadedScreens {
  screens: ScreenRecord[];
  /** Set when a file existed but could not be used (the caller logs it once). */
  problem?: string;
}

export function loadScreens(dataDir: string): LoadedScreens {
  const path = screensPath(dataDir);
  const read = readJsonFile(path);
  if (!read.ok) {
    return read.missing
      ? { screens: [] }
      : { screens: [], problem: `${read.error}; ${keepAside(path)}` };
  }
  const parsed = fileSchema.safeParse(read.value);
  if (parsed.success) return { screens: parsed.data.screens };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return {
    screens: [],
    problem: `${path} is not a valid paired-screens file${where}: ${issue?.message ?? 'invalid'}; ${keepAside(path)}`,
  };
}

/** A file the hub could not use is never overwritten: it moves aside under a dated name. */
function keepAside(path: string): string {
  const aside = `${path}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, aside);
    return `kept aside as ${aside}; paired screens must pair again (or restore that file)`;
  } catch (err) {
    return `could not move it aside (${(err as Error).message}); pairing a screen will fail until it is fixed`;
  }
}

export function saveScreens(dataDir: string, screens: readonly ScreenRecord[]): void {
  writeFileAtomic(screensPath(dataDir), JSON.stringify({ screens }, null, 2) + '\n');
}
