/**
 * Data files that are one list of records, `{ "<field>": [ … ] }` (screens.json, bans.json,
 * blocked-flags.json), on the one data-file mechanism (data-file.ts): every valid record is
 * kept and each bad one dropped alone, so one damaged record never costs the others.
 */
import type { z } from 'zod';
import { loadDataFile, saveDataFile, type Recovered } from './data-file';
import { isRecord, keepItems } from './recover-fields';

export interface ListFile<T> {
  path: string;
  /** The key holding the list. */
  field: string;
  schema: z.ZodType<T>;
  /** Most records kept; past that they are dropped (and said so). */
  max: number;
  /** Records with the same key after the first are dropped. */
  uniqueBy?: (item: T) => unknown;
  /** For sentences: what the file holds ("bans"), what survives ("every other ban"), records' name. */
  what: string;
  keptText: string;
  label: string;
  /** Says what an empty list means when nothing can be recovered ("no phone is banned"). */
  freshText: string;
  /** JSON.stringify indent. */
  indent: number;
}

export function loadListFile<T>(file: ListFile<T>): { items: T[]; problem?: string } {
  const loaded = loadDataFile<T[]>({
    path: file.path,
    what: file.what,
    keptText: file.keptText,
    freshText: file.freshText,
    fresh: () => [],
    recover: (raw) => recoverList(raw, file),
    serialize: (items) => serializeList(file, items),
  });
  return { items: loaded.value, ...(loaded.problem ? { problem: loaded.problem } : {}) };
}

export function saveListFile<T>(file: ListFile<T>, items: readonly T[]): void {
  saveDataFile(file.path, serializeList(file, items));
}

function recoverList<T>(raw: unknown, file: ListFile<T>): Recovered<T[]> {
  if (!isRecord(raw)) return { value: [], dropped: ['content that is not a JSON object'] };
  const list = keepItems(raw[file.field], file.schema, file.label, {
    max: file.max,
    ...(file.uniqueBy ? { uniqueBy: file.uniqueBy } : {}),
  });
  return { value: list.items, dropped: list.dropped };
}

const serializeList = <T>(file: ListFile<T>, items: readonly T[]): string =>
  JSON.stringify({ [file.field]: items }, null, file.indent) + '\n';
