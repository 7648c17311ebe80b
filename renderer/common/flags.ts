/**
 * Flag codes on the browser side: where a flag's art lives, and which flag a browser's language
 * suggests (`en-GB` → gb). The hub makes the final choice (it also reads Accept-Language); pages
 * use this to show a flag before the welcome arrives.
 */

/** Esperanto: the flag of nowhere in particular, for unknown regions and failed art. */
export const FALLBACK_FLAG = 'eo';

const CODE = /^[a-z]{2}$/;

/** Whether `code` has the shape of a flag code (ISO 3166 alpha-2 lower case, or "eo"). */
export const isFlagCode = (code: string): boolean => CODE.test(code);

/** URL of a flag's SVG as the hub serves it; anything malformed maps to the fallback. */
export const flagUrl = (code: string): string =>
  `/flags/${isFlagCode(code) ? code : FALLBACK_FLAG}.svg`;

/**
 * The first region found in a list of BCP 47 tags (navigator.languages), lower case, or the
 * fallback. Script subtags (zh-Hant-TW) and numeric regions (es-419) are skipped.
 */
export function flagFromLanguages(languages: readonly string[]): string {
  for (const tag of languages) {
    const region = tag
      .split(/[-_]/)
      .slice(1)
      .find((sub) => /^[A-Za-z]{2}$/.test(sub));
    if (region) return region.toLowerCase();
  }
  return FALLBACK_FLAG;
}
