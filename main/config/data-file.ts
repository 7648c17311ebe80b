/**
 * One loader for every data file (hub.json, layout.json, show.json, phones.json, config.json, and
 * any added later): a file the hub cannot fully use never costs the wall what it could keep.
 *
 * - Every valid field is kept; each bad one falls back on its own (spec.recover decides how).
 * - A file that cannot be parsed at all (truncated, empty, garbage, a folder or a symlink loop in
 *   its place, unreadable) falls back to the previous good generation `<name>.prev`, else to what
 *   spec.salvage can read out of the text, else to spec.fresh().
 * - The file as found is moved aside to `<name>.bad-<UTC time>` (never overwritten, never
 *   deleted) and the recovered value written in its place, so the next start is clean.
 * - If it cannot be moved aside, it is left as it was and every later save of it fails with a
 *   sentence (held), so nothing overwrites a file the hub could not read.
 * - Every save first makes the current file the `.prev` generation (a hard link: no copy).
 * The caller logs `problem`, one sentence saying what was wrong and what was kept.
 */
import {
  copyFileSync,
  linkSync,
  lstatSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

export interface Recovered<T> {
  value: T;
  /** One phrase per part not kept as found ("settings.tickHz 100000: too big; default 60 used"). */
  dropped: string[];
  /** Worth telling, but the file is fine as it is (nothing moved aside). */
  notes?: string[];
}

export interface DataFileSpec<T> {
  path: string;
  /** What the file holds, without an article, for sentences: "layout", "phone roster". */
  what: string;
  /** What survives a bad part, for lists of records: "every other paired screen". */
  keptText?: string;
  /** Says what a fresh value means, when one replaces an unrecoverable file. */
  freshText?: string;
  /** The value when nothing can be recovered (also a first run). */
  fresh(): T;
  /**
   * Keeps every valid part of a parsed value; `older` is the previous generation's parsed value
   * (undefined when there is none), for parts invalid here but valid there. Never throws.
   */
  recover(raw: unknown, older: unknown): Recovered<T>;
  /** Reads what it can out of text that is not JSON (a truncated file) as a raw object. */
  salvage?(text: string): Record<string, unknown> | null;
  serialize(value: T): string;
}

export interface LoadedData<T> {
  value: T;
  /** file: as saved; recovered: partly kept, salvaged or from .prev; missing: first run. */
  source: 'file' | 'recovered' | 'missing';
  /** One sentence when anything was wrong (or worth telling). */
  problem?: string;
  /** Where the file as found was moved to. */
  keptAs?: string;
}

/** Refuse to read anything bigger: a runaway file must not stall start-up. */
export const MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;

export const prevPath = (path: string): string => `${path}.prev`;

/** Files left as found because they could not be moved aside: saves to them are refused. */
const held = new Map<string, string>();

export function loadDataFile<T>(spec: DataFileSpec<T>): LoadedData<T> {
  const { path } = spec;
  held.delete(path);
  const found = readText(path);
  if (found.kind === 'missing') return { value: spec.fresh(), source: 'missing' };
  let raw: unknown;
  let why: string | undefined;
  if (found.kind === 'unreadable') why = found.why;
  else if (found.text.trim() === '') why = 'is empty';
  else {
    try {
      raw = JSON.parse(found.text);
    } catch (err) {
      why = `is not valid JSON (${(err as Error).message})`;
    }
  }
  const older = readOlder(path);
  let recovered: Recovered<T>;
  let what: string;
  if (why === undefined) {
    recovered = spec.recover(raw, older);
    if (recovered.dropped.length === 0) {
      const notes = recovered.notes ?? [];
      return {
        value: recovered.value,
        source: 'file',
        ...(notes.length ? { problem: `${path}: ${notes.join('; ')}.` } : {}),
      };
    }
    why = `had ${recovered.dropped.join('; ')}`;
    what = `kept ${spec.keptText ?? 'every other field'}`;
  } else if (older !== undefined) {
    recovered = spec.recover(older, undefined);
    what = `restored the ${spec.what} from the previous generation ${basename(prevPath(path))}`;
  } else {
    const salvaged = found.kind === 'text' ? (spec.salvage?.(found.text) ?? null) : null;
    const names = salvaged ? Object.keys(salvaged) : [];
    if (salvaged && names.length) {
      recovered = spec.recover(salvaged, undefined);
      what = `kept ${names.join(', ')} read from what was left of it`;
    } else {
      recovered = { value: spec.fresh(), dropped: [] };
      what = `nothing to restore it from (no previous generation): ${spec.freshText ?? `using defaults for the ${spec.what}`}`;
    }
  }
  const aside = moveAside(path);
  let tail: string;
  if (aside.ok) {
    tail = `the file as found is kept as ${basename(aside.to)}`;
    try {
      saveDataFile(path, spec.serialize(recovered.value));
    } catch (err) {
      tail += `; the repaired file could not be written (${(err as Error).message})`;
    }
  } else {
    const reason = `${path} could not be read at start-up nor moved aside (${aside.error}), so it is left untouched and not saved over; move or fix it, then restart`;
    held.set(path, reason);
    tail = `it could not be moved aside (${aside.error}), so it is left untouched and changes to the ${spec.what} are NOT saved until it is moved or fixed and the hub restarted`;
  }
  return {
    value: recovered.value,
    source: 'recovered',
    problem: `${path} ${why}; ${what}; ${tail}.`,
    ...(aside.ok ? { keptAs: aside.to } : {}),
  };
}

/**
 * Replaces a data file atomically, first keeping the current one as `<name>.prev`. Throws an
 * Error whose message says why it was not saved.
 */
export function saveDataFile(path: string, text: string): void {
  const reason = held.get(path);
  if (reason) throw new Error(reason);
  try {
    keepPrevious(path);
    writeFileAtomic(path, text);
  } catch (err) {
    throw new Error(
      `cannot write ${path} (${errText(err)}): check that the data folder still exists and is writable`,
    );
  }
}

export type DataJson =
  { kind: 'missing' } | { kind: 'json'; value: unknown } | { kind: 'bad'; why: string };

/**
 * Reads a data file as it is now, for a save that changes one part of it and keeps the rest
 * (config.json's "pairing"). Never throws, never blocks (a FIFO is not opened).
 */
export function readDataJson(path: string): DataJson {
  const found = readText(path);
  if (found.kind !== 'text')
    return found.kind === 'missing' ? found : { kind: 'bad', why: found.why };
  try {
    return { kind: 'json', value: JSON.parse(found.text) as unknown };
  } catch (err) {
    return { kind: 'bad', why: `is not valid JSON (${(err as Error).message})` };
  }
}

/**
 * The current file becomes the previous generation: a hard link (no copy), swapped in atomically.
 * Never throws: a `.prev` that cannot be replaced (a folder in its way) must not stop the save.
 */
function keepPrevious(path: string): void {
  try {
    if (!lstatSync(path).isFile()) return;
  } catch {
    return; // nothing saved yet: no generation to keep
  }
  const tmp = join(dirname(path), `.${basename(path)}.prev.${process.pid}.${randomPart()}.tmp`);
  try {
    try {
      linkSync(path, tmp);
    } catch {
      copyFileSync(path, tmp); // filesystems without hard links
    }
    renameSync(tmp, prevPath(path));
  } catch {
    rmSync(tmp, { force: true });
  }
}

type Found =
  { kind: 'missing' } | { kind: 'unreadable'; why: string } | { kind: 'text'; text: string };

/** Reads a file without ever blocking (a FIFO is not opened) or throwing. */
function readText(path: string): Found {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', why: `cannot be read (${(err as Error).message})` };
  }
  if (st.isSymbolicLink()) {
    try {
      st = statSync(path);
    } catch (err) {
      return { kind: 'unreadable', why: `is a symbolic link that leads nowhere (${errText(err)})` };
    }
  }
  if (st.isDirectory()) return { kind: 'unreadable', why: 'is a folder, not a file' };
  if (!st.isFile())
    return { kind: 'unreadable', why: 'is not a regular file (a FIFO, socket or device)' };
  if (st.size > MAX_DATA_FILE_BYTES)
    return { kind: 'unreadable', why: `is too large (${st.size} bytes)` };
  try {
    return { kind: 'text', text: readFileSync(path, 'utf8') };
  } catch (err) {
    return { kind: 'unreadable', why: `cannot be read (${errText(err)})` };
  }
}

/** The previous generation, parsed, or undefined when there is none usable. */
function readOlder(path: string): unknown {
  const older = readDataJson(prevPath(path));
  return older.kind === 'json' ? older.value : undefined;
}

function moveAside(path: string): { ok: true; to: string } | { ok: false; error: string } {
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  for (let n = 1; n <= 100; n++) {
    const to = `${path}.bad-${stamp}${n > 1 ? `-${n}` : ''}`;
    try {
      lstatSync(to);
      continue; // taken (two failures within a second): never overwrite an older copy
    } catch {
      // free
    }
    try {
      renameSync(path, to);
      return { ok: true, to };
    } catch (err) {
      return { ok: false, error: errText(err) };
    }
  }
  return { ok: false, error: 'too many copies kept aside already' };
}

const errText = (err: unknown): string =>
  (err as NodeJS.ErrnoException).code ?? (err as Error).message;

const randomPart = (): string => Math.random().toString(36).slice(2);
