/**
 * Which of our languages a page speaks: the first of the browser's preferred languages
 * (navigator.languages) that we have, by primary subtag, else English. Chinese picks its script
 * from the tag (Hant/Hans) or the region (TW, HK, MO write Traditional). The phone page and the
 * wall's join banner share this; a kiosk's browser language is its OS locale.
 */
export const LANGUAGES = [
  'en',
  'fr',
  'de',
  'es',
  'it',
  'pt',
  'nl',
  'ja',
  'zh-Hans',
  'zh-Hant',
] as const;
export type Language = (typeof LANGUAGES)[number];

function chineseScript(parts: readonly string[]): Language {
  if (parts.includes('hant')) return 'zh-Hant';
  if (parts.includes('hans')) return 'zh-Hans';
  return parts.some((p) => p === 'tw' || p === 'hk' || p === 'mo') ? 'zh-Hant' : 'zh-Hans';
}

/** `languages`: BCP 47 tags, most preferred first. */
export function pickLanguage(languages: readonly string[]): Language {
  for (const raw of languages) {
    const parts = raw.toLowerCase().replace(/_/g, '-').split('-');
    if (parts[0] === 'zh') return chineseScript(parts);
    const found = LANGUAGES.find((l) => l === parts[0]);
    if (found) return found;
  }
  return 'en';
}

/** The browser's preferred languages, most preferred first. */
export function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
}
