/** The phone's short-name rules and the picker's localized, sorted country list. */
import { describe, expect, it } from 'vitest';
import { countries } from '../../../renderer/phone/flag-picker';
import { sanitizeShortName, SHORT_NAME_MAX } from '../../../renderer/phone/short-name';

describe('short name', () => {
  it('drops control characters, collapses spaces and caps the length', () => {
    expect(sanitizeShortName('  Ana\u0007\n  Maria ')).toBe('Ana Maria');
    expect(sanitizeShortName('x'.repeat(40))).toHaveLength(SHORT_NAME_MAX);
    expect(sanitizeShortName('🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷')).toBe('🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷🇫🇷');
    expect(sanitizeShortName('\u202e\u200b')).toBe('');
  });
});

describe('country list', () => {
  it('names countries in the phone language, sorted by its collation, Esperanto first', () => {
    const de = countries('de-DE');
    expect(de[0]).toEqual({ code: 'eo', name: 'Esperanto' });
    expect(de.find((c) => c.code === 'de')?.name).toBe('Deutschland');
    const names = de.slice(1).map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('de-DE').compare));
    expect(new Set(de.map((c) => c.code)).size).toBe(de.length);
    expect(countries('fr').find((c) => c.code === 'jp')?.name).toBe('Japon');
  });

  it('names the fallback flag in the phone language, as a title', () => {
    expect(countries('fr')[0]).toEqual({ code: 'eo', name: 'Espéranto' }); // ICU: "espéranto"
    expect(countries('ja')[0]!.name).toBe('エスペラント語');
  });
});
