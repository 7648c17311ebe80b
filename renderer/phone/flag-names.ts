/**
 * A flag's name in the phone's language, from the browser (Intl.DisplayNames): the country, or
 * for the fallback flag the language Esperanto. English where the browser has no such name.
 */
import { FALLBACK_FLAG } from '../common/flags';

export function flagNamer(locale: string): (code: string) => string {
  const names = (type: 'region' | 'language'): Intl.DisplayNames | null => {
    try {
      return new Intl.DisplayNames([locale, 'en'], { type });
    } catch {
      return null; // very old browser: codes only
    }
  };
  const regions = names('region');
  const languages = names('language');
  return (code) => {
    if (code === FALLBACK_FLAG) {
      // A title here; French, Spanish, … write language names in lower case ("espéranto").
      const name = languages?.of(FALLBACK_FLAG) ?? 'Esperanto';
      return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
    }
    return regions?.of(code.toUpperCase()) ?? code.toUpperCase();
  };
}
