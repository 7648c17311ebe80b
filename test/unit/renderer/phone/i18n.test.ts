/** The phone page's words: which language a browser gets, and that every language is complete. */
import { describe, expect, it } from 'vitest';
import { flagsOnWall, phoneStrings, type PhoneStrings } from '../../../../renderer/phone/i18n';

const lang = (languages: string[]) => phoneStrings(languages).lang;

/** One of each language we ship, picked the way a browser would. */
const ALL = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ja', 'zh-CN', 'zh-TW'].map((l) =>
  phoneStrings([l]),
);

/** Every text a language produces, with sample values where a number or a name goes in. */
function texts(s: PhoneStrings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(s)) {
    if (typeof value === 'string') out[key] = value;
    else if (key === 'status')
      for (const [state, text] of Object.entries(value as Record<string, string>))
        out[`status.${state}`] = text;
  }
  out.refusedWith = s.refused('too many connections');
  out.refusedWithout = s.refused('');
  out.full0 = s.full(0);
  out.full3 = s.full(3);
  out.flags1 = flagsOnWall(s, 1);
  out.flags5 = flagsOnWall(s, 5);
  out.nameShown = s.nameShown('Ana');
  out.bannedForever = s.banned(null);
  out.banned10 = s.banned(10);
  out.rateLimitedSoon = s.rateLimited(null);
  out.rateLimited1 = s.rateLimited(1);
  out.rateLimited30 = s.rateLimited(30);
  return out;
}

describe('phone strings', () => {
  it('takes the first preferred language we have, by its primary subtag', () => {
    expect(lang(['fr-CA'])).toBe('fr');
    expect(lang(['sw-KE', 'de-AT', 'fr'])).toBe('de');
    expect(lang(['pt_BR'])).toBe('pt');
    expect(lang(['sw', 'xx'])).toBe('en');
    expect(lang([])).toBe('en');
  });

  it('writes Chinese in the script its tag or region uses', () => {
    expect(lang(['zh-CN'])).toBe('zh-Hans');
    expect(lang(['zh'])).toBe('zh-Hans');
    expect(lang(['zh-SG'])).toBe('zh-Hans');
    expect(lang(['zh-TW'])).toBe('zh-Hant');
    expect(lang(['zh-HK'])).toBe('zh-Hant');
    expect(lang(['zh-Hant'])).toBe('zh-Hant');
    expect(lang(['zh-Hans-HK'])).toBe('zh-Hans');
  });

  it('every language fills in every text, with the numbers and names that go in', () => {
    const english = texts(ALL[0]!);
    for (const s of ALL) {
      const t = texts(s);
      expect(Object.keys(t).sort(), s.lang).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(t)) {
        expect(text.trim(), `${s.lang} ${key}`).not.toBe('');
        expect(text, `${s.lang} ${key}`).not.toMatch(/undefined|NaN|\$\{|\{\d\}/);
      }
      expect(t.full3, s.lang).toContain('3');
      expect(t.full0, s.lang).not.toMatch(/\d/);
      expect(t.flags1, s.lang).toContain('1');
      expect(t.flags5, s.lang).toContain('5');
      expect(t.nameShown, s.lang).toContain('Ana');
      expect(t.banned10, s.lang).toContain('10');
      expect(t.bannedForever, s.lang).not.toMatch(/\d/);
      expect(t.refusedWith, s.lang).toContain('too many connections');
      // The hint's bold word: one *…* pair.
      for (const hint of [s.hintDrag, s.hintTap])
        expect(hint, s.lang).toMatch(/^[^*]*\*[^*]+\*[^*]*$/);
    }
  });

  it('uses each language’s plural rule for the flag count', () => {
    expect(flagsOnWall(phoneStrings(['en']), 1)).toBe('1 flag on the wall');
    expect(flagsOnWall(phoneStrings(['en']), 0)).toBe('0 flags on the wall');
    // French counts 0 and 1 alike (CLDR "one": 0 ≤ n < 2).
    expect(flagsOnWall(phoneStrings(['fr']), 0)).toBe('0 drapeau sur le mur');
    expect(flagsOnWall(phoneStrings(['fr']), 2)).toBe('2 drapeaux sur le mur');
    expect(flagsOnWall(phoneStrings(['de']), 2)).toBe('2 Flaggen an der Wand');
  });
});
