/**
 * Field-by-field recovery for data files (main/config/data-file.ts): each field is validated on
 * its own, so one bad value costs that value alone, never the file's other fields.
 */
import type { z } from 'zod';
import type { Recovered } from './data-file';

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FieldOptions {
  /** Name prefix in sentences, e.g. "settings.". */
  prefix?: string;
  /** Fields for which the previous generation's valid value beats the default (identity). */
  fromOlder?: readonly string[];
  /** Absent fields take their default quietly (settings added in a later version). */
  quietDefaults?: boolean;
  /** Fields whose value is never written into a log line (the wall key). */
  secret?: readonly string[];
  /** What to say instead of "default … used" for a field, e.g. "a NEW key was made". */
  defaultNote?: Readonly<Record<string, string>>;
}

/** Keeps every valid field of `raw`; a bad or missing one comes from `older` (if allowed) or the default. */
export function pickFields<T extends object>(
  raw: unknown,
  older: unknown,
  schemas: { [K in keyof T]-?: z.ZodType<T[K]> },
  defaults: () => T,
  opts: FieldOptions = {},
): Recovered<T> {
  const prefix = opts.prefix ?? '';
  const out: Record<string, unknown> = {};
  const dropped: string[] = [];
  let base: T | undefined;
  const def = (key: string): unknown => ((base ??= defaults()) as Record<string, unknown>)[key];
  const cur = isRecord(raw) ? raw : undefined;
  if (raw !== undefined && !cur)
    dropped.push(`${prefix ? prefix.slice(0, -1) : 'content'} that is not a JSON object`);
  const old = isRecord(older) ? older : undefined;
  for (const [key, schema] of Object.entries(schemas) as [string, z.ZodType][]) {
    const name = `${prefix}${key}`;
    let problem: string;
    if (cur && key in cur) {
      const parsed = schema.safeParse(cur[key]);
      if (parsed.success) {
        if (parsed.data !== undefined) out[key] = parsed.data;
        continue;
      }
      const shown = opts.secret?.includes(key) ? 'hidden' : show(cur[key]);
      problem = `a bad ${name} (${shown}: ${parsed.error.issues[0]?.message ?? 'invalid'})`;
    } else {
      const absent = schema.safeParse(undefined);
      if (absent.success || opts.quietDefaults) {
        const value = absent.success ? absent.data : def(key);
        if (value !== undefined) out[key] = value;
        continue;
      }
      problem = `no ${name}`;
    }
    if (old && opts.fromOlder?.includes(key)) {
      const parsed = schema.safeParse(old[key]);
      if (parsed.success) {
        out[key] = parsed.data;
        dropped.push(`${problem}, the previous generation's ${name} used`);
        continue;
      }
    }
    const value = def(key);
    if (value !== undefined) out[key] = value;
    dropped.push(`${problem}, ${opts.defaultNote?.[key] ?? `default ${show(value)} used`}`);
  }
  return { value: out as T, dropped };
}

/** Keeps the valid items of a list (and the first of each duplicate), at most `max`. */
export function keepItems<T>(
  raw: unknown,
  schema: z.ZodType<T>,
  label: string,
  opts: { max: number; uniqueBy?: (item: T) => unknown },
): { items: T[]; dropped: string[] } {
  if (raw === undefined) return { items: [], dropped: [] };
  if (!Array.isArray(raw)) return { items: [], dropped: [`${label} that are not a list`] };
  const items: T[] = [];
  const seen = new Set<unknown>();
  let bad = 0;
  let first = '';
  for (let i = 0; i < raw.length; i++) {
    const parsed = schema.safeParse(raw[i]);
    const key = parsed.success && opts.uniqueBy ? opts.uniqueBy(parsed.data) : undefined;
    const why = !parsed.success
      ? `${label}[${i}]${where(parsed.error)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`
      : key !== undefined && seen.has(key)
        ? `${label}[${i}] repeats ${show(key)}`
        : items.length >= opts.max
          ? `${label}[${i}] is over the limit of ${opts.max}`
          : null;
    if (why === null) {
      if (key !== undefined) seen.add(key);
      items.push((parsed as { data: T }).data);
      continue;
    }
    if (bad++ === 0) first = why;
  }
  if (bad === 0) return { items, dropped: [] };
  return {
    items,
    dropped: [
      `${bad} of ${raw.length} ${label} that could not be used, left out (first: ${first})`,
    ],
  };
}

/** String fields read out of text that is not JSON (a truncated file): `"name": "value"`. */
export function salvageStrings(
  text: string,
  names: readonly string[],
): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const name of names) {
    const m = new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\\\n]|\\\\.)*")`).exec(text);
    if (!m?.[1]) continue;
    try {
      out[name] = JSON.parse(m[1]) as string;
    } catch {
      // a broken escape: leave that field to the fallback
    }
  }
  return Object.keys(out).length ? out : null;
}

function where(error: z.ZodError): string {
  const path = error.issues[0]?.path ?? [];
  return path.length ? `.${path.join('.')}` : '';
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
