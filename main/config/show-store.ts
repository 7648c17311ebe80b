/**
 * What the wall is showing right now — blackout, pause, the message banner — in
 * `<data dir>/show.json`, so a hub restarted mid-show does not light up a blacked-out wall or drop
 * the message. Atomic writes; missing → normal show; a damaged file keeps every valid field and
 * is kept aside (main/config/data-file.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadDataFile, saveDataFile } from './data-file';
import { pickFields } from './recover-fields';

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

const fieldSchemas = {
  blackout: z.boolean(),
  paused: z.boolean(),
  message: z.string().max(140),
};

export const showPath = (dataDir: string): string => join(dataDir, 'show.json');

export function loadShow(dataDir: string): { show: ShowState; problem?: string } {
  const loaded = loadDataFile<ShowState>({
    path: showPath(dataDir),
    what: 'show state (blackout, pause, message)',
    freshText: 'starting with a normal show',
    fresh: () => ({ ...NORMAL_SHOW }),
    recover: (raw) => pickFields(raw, undefined, fieldSchemas, () => NORMAL_SHOW),
    serialize,
  });
  return { show: loaded.value, ...(loaded.problem ? { problem: loaded.problem } : {}) };
}

export function saveShow(dataDir: string, show: ShowState): void {
  saveDataFile(showPath(dataDir), serialize(show));
}

const serialize = (show: ShowState): string => JSON.stringify(show, null, 2) + '\n';
