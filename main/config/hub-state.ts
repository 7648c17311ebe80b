/**
 * What a hub keeps across restarts, in `<data dir>/hub.json`: its identity, the wall key and the
 * live settings. A missing file means first run (a new id and key are made); a corrupt one gives
 * one clear log line and defaults, never a crash.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { settingsSchema } from '../../shared/protocol/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/scene/settings';
import { readJsonFile, writeFileAtomic } from './atomic-file';

export interface HubState {
  hubId: string;
  wall: string;
  key: string;
  settings: Settings;
  /** false: never announce this wall over mDNS (same as `flagwall hub --no-mdns`). */
  mdns?: boolean;
  /** How long a disconnected phone dozes before it leaves, ms (limits.phoneGraceMs). */
  phoneGraceMs?: number;
}

const stateSchema = z.object({
  hubId: z.string().min(1).max(64),
  wall: z.string().min(1).max(64),
  key: z.string().min(8).max(200),
  settings: settingsSchema.partial().default({}),
  mdns: z.boolean().optional(),
  phoneGraceMs: z.number().int().min(0).max(86_400_000).optional(),
});

export const hubStatePath = (dataDir: string): string => join(dataDir, 'hub.json');

export interface LoadedHubState {
  state: HubState;
  /** True when no usable file existed and a new identity was made. */
  created: boolean;
  /** Set when a file existed but could not be used. */
  problem?: string;
}

export function loadHubState(dataDir: string, defaults: { wall: string }): LoadedHubState {
  const read = readJsonFile(hubStatePath(dataDir));
  if (read.ok) {
    const parsed = stateSchema.safeParse(read.value);
    if (parsed.success) {
      const { settings, ...rest } = parsed.data;
      return { state: { ...rest, settings: { ...DEFAULT_SETTINGS, ...settings } }, created: false };
    }
    const issue = parsed.error.issues[0];
    return {
      state: fresh(defaults.wall),
      created: true,
      problem: `${hubStatePath(dataDir)}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}; using defaults`,
    };
  }
  return {
    state: fresh(defaults.wall),
    created: true,
    ...(read.missing ? {} : { problem: `${read.error}; using defaults` }),
  };
}

export function saveHubState(dataDir: string, state: HubState): void {
  writeFileAtomic(hubStatePath(dataDir), JSON.stringify(state, null, 2) + '\n');
}

function fresh(wall: string): HubState {
  return {
    hubId: randomUUID(),
    wall,
    key: randomBytes(12).toString('base64url'),
    settings: { ...DEFAULT_SETTINGS },
  };
}
