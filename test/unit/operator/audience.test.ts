import { describe, expect, it } from 'vitest';
import {
  Audience,
  languageOf,
  osFromUserAgent,
  versionFromUserAgent,
} from '../../../main/hub/audience';

describe('audience labels', () => {
  it('tells operating systems apart from real user agents', () => {
    expect(
      osFromUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148'),
    ).toBe('iOS');
    expect(
      osFromUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('iOS');
    expect(
      osFromUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Version/17.5 Safari/605.1.15',
      ),
    ).toBe('macOS');
    expect(osFromUserAgent('Mozilla/5.0 (Linux; Android 14; SM-A546B) Chrome/125.0 Mobile')).toBe(
      'Android',
    );
    expect(osFromUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/125.0')).toBe(
      'Windows',
    );
    expect(osFromUserAgent('Mozilla/5.0 (X11; Linux x86_64) Chrome/125.0')).toBe('Linux');
    expect(osFromUserAgent(undefined)).toBe('unknown');
  });

  it('names what a screen runs', () => {
    expect(
      versionFromUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) flagwall/0.1.0 Chrome/138.0 Electron/45.4.1 Safari/537.36',
      ),
    ).toBe('flagwall 0.1.0 (Electron 45)');
    expect(
      versionFromUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/140.0.0.0 Safari/537.36',
      ),
    ).toBe('HeadlessChrome 140');
    expect(
      versionFromUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      ),
    ).toBe('Firefox 128');
  });

  it('takes the primary language subtag', () => {
    expect(languageOf('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(languageOf('zh_Hant_TW')).toBe('zh');
    expect(languageOf('*')).toBeNull();
    expect(languageOf(undefined)).toBeNull();
  });

  it('counts joins and keeps the peak', () => {
    const a = new Audience();
    a.recordJoin('fr', 'fr-FR', 'Android');
    a.recordJoin('fr', 'fr', 'iPhone');
    a.observe(2);
    expect(a.stats(1, 1, 0)).toMatchObject({
      peak: 2,
      joins: 2,
      byCountry: { fr: 2 },
      byLanguage: { fr: 2 },
      byOs: { Android: 1, iOS: 1 },
    });
  });
});
