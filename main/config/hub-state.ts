/**
 * What a hub keeps across restarts, in `<data dir>/hub.json`: its identity, the wall key and the
 * live settings. A missing file means first run (a new id and key are made). A damaged one never
 * re-keys the wall when the key can be found: every valid field is kept, a bad setting alone falls
 * back to its default, and the key and hub id come from the previous generation (hub.json.prev)
 * or from what is left of a truncated file (main/config/data-file.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { settingsSchema } from '../../shared/protocol/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/scene/settings';
import { loadDataFile, saveDataFile, type DataFileSpec, type Recovered } from './data-file';
import { isRecord, pickFields, salvageStrings } from './recover-fields';

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

/** A wall key given by an installer (--key, config.json) must be this long. */
export const KEY_MIN_CHARS = 8;
export const KEY_MAX_CHARS = 200;

/** One sentence when `key` cannot be a wall key, else null. `source` names where it came from. */
export function wallKeyProblem(key: string, source: string): string | null {
  if (key.length >= KEY_MIN_CHARS && key.length <= KEY_MAX_CHARS && key.trim() === key) return null;
  const why =
    key.trim() !== key
      ? 'starts or ends with a space'
      : `is ${key.length} character${key.length === 1 ? '' : 's'} long`;
  return `${source} ${why}: a wall key needs ${KEY_MIN_CHARS} to ${KEY_MAX_CHARS} characters and no surrounding spaces. Pick a longer one, or leave it out to keep the stored key.`;
}

type Identity = Omit<HubState, 'settings'>;

const identitySchemas: { [K in keyof Identity]-?: z.ZodType<Identity[K]> } = {
  hubId: z.string().min(1).max(64),
  wall: z.string().min(1).max(64),
  // Kept even when short (an older hub saved what --key gave it): losing it re-keys the wall.
  key: z.string().min(1).max(KEY_MAX_CHARS),
  mdns: z.boolean().optional(),
  phoneGraceMs: z.number().int().min(0).max(86_400_000).optional(),
};
const settingSchemas = settingsSchema.shape as { [K in keyof Settings]-?: z.ZodType<Settings[K]> };

export const hubStatePath = (dataDir: string): string => join(dataDir, 'hub.json');

export interface LoadedHubState {
  state: HubState;
  /** True when no key was found and a new identity was made. */
  created: boolean;
  /** Set when a file existed but could not be used as it was (one sentence to log). */
  problem?: string;
}

export function loadHubState(dataDir: string, defaults: { wall: string }): LoadedHubState {
  let made: HubState | undefined;
  const make = (): HubState => (made ??= fresh(defaults.wall));
  const spec: DataFileSpec<HubState> = {
    path: hubStatePath(dataDir),
    what: 'wall key, hub id and settings',
    freshText: 'a NEW wall key and hub id were made (screens and operators need the new key)',
    fresh: make,
    recover: (raw, older) => recoverState(raw, older, make),
    salvage: (text) => salvageStrings(text, ['hubId', 'wall', 'key']),
    serialize,
  };
  const loaded = loadDataFile(spec);
  return {
    state: loaded.value,
    created: loaded.value.key === made?.key,
    ...(loaded.problem ? { problem: loaded.problem } : {}),
  };
}

export function saveHubState(dataDir: string, state: HubState): void {
  saveDataFile(hubStatePath(dataDir), serialize(state));
}

function recoverState(raw: unknown, older: unknown, made: () => HubState): Recovered<HubState> {
  const identity = pickFields<Identity>(raw, older, identitySchemas, made, {
    fromOlder: ['hubId', 'wall', 'key'],
    secret: ['key'],
    defaultNote: {
      key: 'a NEW wall key was made (screens and operators need it)',
      hubId: 'a new hub id was made',
    },
  });
  const rawSettings = isRecord(raw) ? raw.settings : undefined;
  const settings = pickFields<Settings>(
    rawSettings,
    undefined,
    settingSchemas,
    () => DEFAULT_SETTINGS,
    {
      prefix: 'settings.',
      quietDefaults: true,
    },
  );
  const value = { ...identity.value, settings: { ...DEFAULT_SETTINGS, ...settings.value } };
  const notes =
    value.key.length < KEY_MIN_CHARS
      ? [
          `the stored wall key is only ${value.key.length} characters; it is kept so screens still connect, but give the wall a longer one with --key`,
        ]
      : [];
  return { value, dropped: [...identity.dropped, ...settings.dropped], notes };
}

const serialize = (state: HubState): string => JSON.stringify(state, null, 2) + '\n';

function fresh(wall: string): HubState {
  return {
    hubId: randomUUID(),
    wall,
    key: randomBytes(12).toString('base64url'),
    settings: { ...DEFAULT_SETTINGS },
  };
}
