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

/** Display names: printable, single line, trimmed, at most 24 characters. */
export function sanitizeName(name: string | undefined): string {
  if (!name) return '';
  return Array.from(
    name
      .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, '')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .slice(0, 24)
    .join('');
}
