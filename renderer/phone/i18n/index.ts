/**
 * The phone page in the audience's language (renderer/common/languages.ts picks it). Country
 * names come from the browser itself (Intl.DisplayNames, flag-picker.ts); these are the page's
 * own words. No i18n library: ~30 strings as typed objects (the compiler checks every language
 * has every entry) and the platform's Intl.PluralRules; a library would outweigh the page.
 */
import { pickLanguage, type Language } from '../../common/languages';
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
export { browserLanguages } from '../../common/languages';

const BY_LANGUAGE: Record<Language, PhoneStrings> = {
  en,
  fr,
  de,
  es,
  it,
  pt,
  nl,
  ja,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
};

/** Strings for the first of `languages` (BCP 47 tags, most preferred first) that we have. */
export function phoneStrings(languages: readonly string[]): PhoneStrings {
  return BY_LANGUAGE[pickLanguage(languages)];
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
