/** The join banner's words: one set per language the pages speak, each complete. */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../renderer/common/languages';
import { bannerStrings } from '../../../../renderer/screen/banner-strings';

describe('join banner strings', () => {
  it('every language has a title, a scan line and a Wi-Fi line with the name in it', () => {
    const seen = new Set<string>();
    for (const lang of LANGUAGES) {
      const t = bannerStrings([lang]);
      expect(t.title.trim(), lang).not.toBe('');
      expect(t.scan.trim(), lang).not.toBe('');
      expect(t.wifi('Venue-Guest'), lang).toContain('Venue-Guest');
      seen.add(t.title);
    }
    // Each language its own title: none left in English by mistake.
    expect(seen.size).toBe(LANGUAGES.length);
    expect(bannerStrings(['fr-BE']).title).toBe('Agitez votre drapeau');
    expect(bannerStrings(['sw']).title).toBe('Wave your flag');
  });
});
