/**
 * The phone page in the audience's language: the first of the browser's preferred languages
 * (navigator.languages) that we have, else English. Country names come from the browser itself
 * (Intl.DisplayNames, flag-picker.ts); these are the page's own words. No i18n library: ~30
 * strings as typed objects (the compiler checks every language has every entry) and the
 * platform's Intl.PluralRules; a library would be larger than the whole page.
 */
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { ja } from './ja';
import { nl } from './nl';
import { pt } from './pt';
import type { PhoneStrings } from './types';
import { zhHans, zhHant } from './zh';

export type { PhoneStrings } from './types';

const BY_LANGUAGE: Record<string, PhoneStrings> = { de, en, es, fr, it, ja, nl, pt };

/** Chinese script from the tag: explicit Hant/Hans, else by region (TW, HK, MO write Hant). */
function chinese(tag: string): PhoneStrings {
  const parts = tag.split('-');
  if (parts.includes('hant')) return zhHant;
  if (parts.includes('hans')) return zhHans;
  return parts.some((p) => p === 'tw' || p === 'hk' || p === 'mo') ? zhHant : zhHans;
}

/** Strings for the first of `languages` (BCP 47 tags, most preferred first) that we have. */
export function phoneStrings(languages: readonly string[]): PhoneStrings {
  for (const raw of languages) {
    const tag = raw.toLowerCase().replace(/_/g, '-');
    const primary = tag.split('-')[0]!;
    if (primary === 'zh') return chinese(tag);
    const found = BY_LANGUAGE[primary];
    if (found) return found;
  }
  return en;
}

/** "3 flags on the wall", with the language's own plural rule. */
export function flagsOnWall(s: PhoneStrings, n: number): string {
  let rule: Intl.LDMLPluralRule = n === 1 ? 'one' : 'other';
  try {
    rule = new Intl.PluralRules(s.lang).select(n);
  } catch {
    /* very old browser: English rule */
  }
  return s.flagsOnWall(n, rule);
}

/** The browser's preferred languages, most preferred first. */
export function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
}
