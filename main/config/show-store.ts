/**
 * What the wall is showing right now — blackout, pause, the message banner — in
 * `<data dir>/show.json`, so a hub restarted mid-show does not light up a blacked-out wall or drop
 * the message. Atomic writes; missing → normal show; corrupt → one log line and a normal show.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from './atomic-file';

export interface ShowState {
  blackout: boolean;
  paused: boolean;
  message: string;
}

export const NORMAL_SHOW: Readonly<ShowState> = Object.freeze({
  blackout: false,
  paused: false,
  message: '',
});

const showSchema = z.strictObject({
  blackout: z.boolean(),
  paused: z.boolean(),
  message: z.string().max(140),
});

export const showPath = (dataDir: string): string => join(dataDir, 'show.json');

export function loadShow(dataDir: string): { show: ShowState; problem?: string } {
  const read = readJsonFile(showPath(dataDir));
  if (!read.ok)
    return read.missing
      ? { show: { ...NORMAL_SHOW } }
      : { show: { ...NORMAL_SHOW }, problem: `${read.error}; starting with a normal show` };
  const parsed = showSchema.safeParse(read.value);
  if (parsed.success) return { show: parsed.data };
  return {
    show: { ...NORMAL_SHOW },
    problem: `${showPath(dataDir)} is not a valid show state: ${parsed.error.issues[0]?.message ?? 'invalid'}; starting with a normal show`,
  };
}

export function saveShow(dataDir: string, show: ShowState): void {
  writeFileAtomic(showPath(dataDir), JSON.stringify(show, null, 2) + '\n');
}
