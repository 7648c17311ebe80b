/** Picks a phone's flag from what it told us or from its language (`en-GB` → gb). */
import { FLAG_CODE } from '../../shared/protocol/messages';

/** Esperanto: the flag of nowhere in particular, for phones whose region we cannot tell. */
export const FALLBACK_FLAG = 'eo';

/** Region of a BCP 47 tag or an Accept-Language header's first entry with one, lower case. */
export function regionFromLanguage(lang: string | undefined): string | null {
  if (!lang) return null;
  for (const part of lang.split(',')) {
    const tag = part.split(';')[0]!.trim();
    const region = tag
      .split(/[-_]/)
      .slice(1)
      .find((sub) => /^[A-Za-z]{2}$/.test(sub));
    if (region) return region.toLowerCase();
  }
  return null;
}

export function pickFlag(
  chosen: string | undefined,
  lang: string | undefined,
  acceptLanguage: string | undefined,
): string {
  if (chosen && FLAG_CODE.test(chosen)) return chosen;
  return regionFromLanguage(lang) ?? regionFromLanguage(acceptLanguage) ?? FALLBACK_FLAG;
}

/** One segmenter for all names: each instance holds native ICU state, too heavy per join. */
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Most bytes a name takes inside a JSON string (UTF-8, escapes included): 24 Latin letters, 13
 * CJK characters. It bounds the snapshot a joining screen gets (main/hub/snapshot.ts).
 */
export const NAME_MAX_JSON_BYTES = 40;

const utf8 = new TextEncoder();
const jsonBytes = (s: string): number => utf8.encode(JSON.stringify(s)).length - 2;

/**
 * Display names: one line, no control or bidi-override characters, no lone surrogates, at most
 * 24 graphemes and NAME_MAX_JSON_BYTES.
 */
export function sanitizeName(name: string | undefined): string {
  if (!name) return '';
  const clean = name
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
  const graphemes = Array.from(graphemeSegmenter.segment(clean), (g) => g.segment).slice(0, 24);
  let out = graphemes.join('').trim();
  while (jsonBytes(out) > NAME_MAX_JSON_BYTES) {
    graphemes.pop();
    out = graphemes.join('').trim();
  }
  return out;
}
