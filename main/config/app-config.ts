/**
 * The desktop app's own settings, in `<app data dir>/config.json` (Electron's userData). Every key
 * is optional; a bad value is reported by name and replaced by that key's default, so one typo
 * never stops a kiosk from coming up. CLI flags override the file for one run.
 * docs/electron.md lists every key with its default.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { cleanOrphanTemps } from './data-dir';
import { loadDataFile, saveDataFile } from './data-file';
import type { ScreenPairingRecord } from '../../shared/crypto/pairing-proof';

export const ROLES = ['hub', 'screen', 'hub+screen'] as const;
export type Role = (typeof ROLES)[number];

/** Which displays get a screen window: all, the primary, or a list (numbers are arrangement indexes, numeric strings are display ids). */
export type DisplaySelection = 'all' | 'primary' | (number | string)[];

export interface AppConfig {
  role: Role;
  /**
   * Wall name. Hub roles: renames the wall (null keeps the stored name, "flagwall" at first run).
   * Screen role: the wall to join when discovering (null: the only wall on the network).
   */
  wall: string | null;
  /** Hub base URL (http://host:port). Set: screens connect there and skip discovery. */
  hubUrl: string | null;
  /** Port of the hub this app runs (hub roles). */
  port: number;
  displays: DisplaySelection;
  /** Wall key; null means the hub's stored key (hub roles) or none (screen role: required). */
  key: string | null;
  /** Start at login. null: on for packaged builds, off when run from a checkout. */
  autostart: boolean | null;
  /** Accelerator that opens the operator console / leaves kiosk on a screen. */
  operatorChord: string;
  /** Part of the wall this machine's displays share (fractions), for walls spread over machines. */
  wallRegion: { x: number; y: number; w: number; h: number };
  /**
   * Screen role: the credential this machine's screens were paired with and the hub it pins
   * (written by the app when an operator admits the screen; main/electron/pairing-store.ts).
   */
  pairing: ScreenPairingRecord | null;
}

export const DEFAULT_APP_CONFIG: Readonly<AppConfig> = Object.freeze({
  role: 'hub+screen',
  wall: null,
  hubUrl: null,
  port: 8080,
  displays: 'all',
  key: null,
  autostart: null,
  operatorChord: 'Control+Alt+Shift+O',
  wallRegion: { x: 0, y: 0, w: 1, h: 1 },
  pairing: null,
});

const fraction = z.number().min(0).max(1);
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL')
  .transform((u) => u.replace(/\/+$/, ''));
const displaysSchema = z.union([
  z.literal('all'),
  z.literal('primary'),
  z
    .array(
      z.union([
        z.number().int().min(0),
        z.string().regex(/^\d+$/, 'a display id is a string of digits'),
      ]),
    )
    .min(1),
]);
const chordSchema = z
  .string()
  .regex(
    /^((Control|Ctrl|Alt|Shift|Meta|Super|Command|Cmd|CommandOrControl|CmdOrCtrl)\+)+[A-Za-z0-9]$|^((Control|Ctrl|Alt|Shift|Meta|Super|Command|Cmd|CommandOrControl|CmdOrCtrl)\+)+F([1-9]|1[0-2])$/,
    'must be modifiers plus one key, e.g. "Control+Alt+Shift+O"',
  );

/** One schema per key, so each key is validated (and defaulted) on its own. */
const keySchemas: { [K in keyof AppConfig]: z.ZodType<AppConfig[K]> } = {
  role: z.enum(ROLES),
  wall: z.string().trim().min(1).max(64).nullable(),
  hubUrl: httpUrl.nullable(),
  port: z.number().int().min(0).max(65535),
  displays: displaysSchema,
  key: z.string().min(8).max(200).nullable(),
  autostart: z.boolean().nullable(),
  operatorChord: chordSchema,
  wallRegion: z
    .object({ x: fraction, y: fraction, w: fraction.gt(0), h: fraction.gt(0) })
    .strict()
    .refine((r) => r.x + r.w <= 1 + 1e-9 && r.y + r.h <= 1 + 1e-9, 'must lie inside the wall'),
  pairing: z
    .strictObject({
      hubId: z.string().min(1).max(64),
      screenId: z.string().regex(/^[A-Za-z0-9_-]{8,32}$/),
      credential: z.string().regex(/^[A-Za-z0-9_-]{22,128}$/),
    })
    .nullable(),
};

export const appConfigPath = (userDataDir: string): string => join(userDataDir, 'config.json');

export interface LoadedAppConfig {
  config: AppConfig;
  /** One human sentence per problem, each naming the key (or flag) at fault. */
  problems: string[];
}

/** Validates a parsed config object key by key; unknown keys are reported and ignored. */
export function validateAppConfig(raw: unknown, source = 'config.json'): LoadedAppConfig {
  const checked = checkKeys(raw, source);
  return {
    config: { ...(structuredClone(DEFAULT_APP_CONFIG) as AppConfig), ...checked.valid },
    problems: [...checked.bad, ...checked.unknown],
  };
}

function checkKeys(
  raw: unknown,
  source: string,
): { valid: Partial<AppConfig>; bad: string[]; unknown: string[] } {
  const valid: Record<string, unknown> = {};
  const bad: string[] = [];
  const unknown: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    bad.push(`${source}: expected a JSON object; using defaults for every key`);
    return { valid, bad, unknown };
  }
  for (const [name, value] of Object.entries(raw)) {
    if (!(name in keySchemas)) {
      unknown.push(`${source}: unknown key "${name}" ignored`);
      continue;
    }
    const key = name as keyof AppConfig;
    const parsed = keySchemas[key].safeParse(value);
    if (parsed.success) valid[key] = parsed.data;
    else bad.push(badValue(source, key, value, parsed.error));
  }
  return { valid: valid as Partial<AppConfig>, bad, unknown };
}

/**
 * Reads `<dir>/config.json`; a missing file is the defaults, silently. Never throws. The data
 * file rules apply (main/config/data-file.ts): a bad key costs that key alone, the file as found
 * is kept aside as `config.json.bad-<time>`, an unreadable one falls back to `config.json.prev`.
 */
export function loadAppConfig(userDataDir: string): LoadedAppConfig {
  const path = appConfigPath(userDataDir);
  cleanOrphanTemps(userDataDir);
  const loaded = loadDataFile<Partial<AppConfig>>({
    path,
    what: 'app settings',
    fresh: () => ({}),
    recover: (raw) => {
      const checked = checkKeys(raw, path);
      const bare = (p: string): string => p.replace(`${path}: `, '');
      return {
        value: checked.valid,
        dropped: checked.bad.map(bare),
        notes: checked.unknown.map(bare),
      };
    },
    serialize: (config) => JSON.stringify(config, null, 2) + '\n',
  });
  return {
    config: { ...(structuredClone(DEFAULT_APP_CONFIG) as AppConfig), ...loaded.value },
    problems: loaded.problem ? [loaded.problem] : [],
  };
}

export function saveAppConfig(userDataDir: string, config: Partial<AppConfig>): void {
  saveDataFile(appConfigPath(userDataDir), JSON.stringify(config, null, 2) + '\n');
}

export const APP_FLAGS_USAGE = `--role hub|screen|hub+screen  --hub <url>  --wall <name>
  --displays all|primary|0,1|<id>,...  --key <key>  --port <n>`;

/**
 * Applies CLI flags over a loaded config. Unknown arguments (Chromium switches, the app path)
 * are left alone; a bad flag value is reported by flag name and ignored.
 */
export function applyAppFlags(loaded: LoadedAppConfig, argv: string[]): LoadedAppConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      hub: { type: 'string' },
      wall: { type: 'string' },
      displays: { type: 'string' },
      key: { type: 'string' },
      port: { type: 'string' },
    },
    strict: false,
    allowPositionals: true,
  });
  const config = { ...loaded.config };
  const problems = [...loaded.problems];
  const flag = <K extends keyof AppConfig>(name: string, key: K, value: unknown): void => {
    const parsed = keySchemas[key].safeParse(value);
    if (parsed.success) config[key] = parsed.data;
    else problems.push(badValue(`--${name}`, key, value, parsed.error, 'flag ignored'));
  };
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const role = str(values.role);
  if (role !== undefined) flag('role', 'role', role);
  const hub = str(values.hub);
  if (hub !== undefined) flag('hub', 'hubUrl', hub);
  const wall = str(values.wall);
  if (wall !== undefined) flag('wall', 'wall', wall);
  const key = str(values.key);
  if (key !== undefined) flag('key', 'key', key);
  const port = str(values.port);
  if (port !== undefined) flag('port', 'port', port.trim() === '' ? NaN : Number(port));
  const displays = str(values.displays);
  if (displays !== undefined) flag('displays', 'displays', parseDisplaysFlag(displays));
  return { config, problems };
}

/** `all`, `primary`, or a comma list: `0,1` are indexes, `id:2779098405` are display ids. */
function parseDisplaysFlag(text: string): unknown {
  if (text === 'all' || text === 'primary') return text;
  return text
    .split(',')
    .map((part) => part.trim())
    .map((part) =>
      part.startsWith('id:') ? part.slice(3) : /^\d+$/.test(part) ? Number(part) : part,
    );
}

function badValue(
  source: string,
  key: keyof AppConfig,
  value: unknown,
  error: z.ZodError,
  consequence = `using the default ${JSON.stringify(DEFAULT_APP_CONFIG[key])}`,
): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? `.${issue.path.join('.')}` : '';
  const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
  return `${source}: "${key}${where}" ${issue?.message ?? 'is invalid'} (got ${shown}); ${consequence}`;
}
