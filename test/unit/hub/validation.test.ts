import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../../main/hub/validation';
import { pickFlag, regionFromLanguage, sanitizeName } from '../../../main/hub/flags';

describe('parseClientMessage', () => {
  it('accepts a well-formed hello of each role', () => {
    for (const role of ['screen', 'phone', 'operator'] as const) {
      expect(parseClientMessage(JSON.stringify({ type: 'hello', proto: 1, role })).ok).toBe(true);
    }
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['a JSON array', '[1,2]', /invalid message/],
    ['an unknown type', '{"type":"launch-missiles"}', /invalid message/],
    ['an unknown role', '{"type":"hello","proto":1,"role":"admin"}', /at role/],
    ['a non-integer proto', '{"type":"hello","proto":"1","role":"phone"}', /at proto/],
    ['an extra field', '{"type":"hello","proto":1,"role":"phone","evil":true}', /invalid message/],
    ['a bad flag code', '{"type":"profile","flag":"../../etc"}', /at flag/],
    ['an oversize name', JSON.stringify({ type: 'profile', name: 'x'.repeat(25) }), /at name/],
    [
      'a slice outside the wall',
      '{"type":"hello","proto":1,"role":"screen","screen":{"name":"a","slice":{"x":0,"y":0,"w":2,"h":1}}}',
      /at screen\.slice\.w/,
    ],
    [
      'negative fps',
      '{"type":"stats","clock":{"offsetMs":0,"errorMs":0,"rttMs":0,"converged":true},"fps":-1}',
      /at fps/,
    ],
  ])('rejects %s with a clear error', (_what, text, pattern) => {
    const result = parseClientMessage(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(pattern);
  });
});

describe('flags and names', () => {
  it('reads the region of a language tag or Accept-Language header', () => {
    expect(regionFromLanguage('en-GB')).toBe('gb');
    expect(regionFromLanguage('zh-Hant-TW')).toBe('tw');
    expect(regionFromLanguage('fr, de-AT;q=0.8')).toBe('at');
    expect(regionFromLanguage('fr')).toBeNull();
    expect(regionFromLanguage(undefined)).toBeNull();
  });

  it('prefers the chosen flag, then the page language, then the header, then Esperanto', () => {
    expect(pickFlag('jp', 'en-GB', 'de-DE')).toBe('jp');
    expect(pickFlag(undefined, 'en-GB', 'de-DE')).toBe('gb');
    expect(pickFlag(undefined, 'en', 'de-DE')).toBe('de');
    expect(pickFlag(undefined, undefined, undefined)).toBe('eo');
  });

  it('sanitizes names: no control characters, one line, capped', () => {
    expect(sanitizeName('  Ada\n\tLovelace\u0000  ')).toBe('Ada Lovelace');
    // Capped by grapheme (never mid-emoji) and by NAME_MAX_JSON_BYTES (a rainbow flag is 14 bytes).
    expect(sanitizeName('🏳️‍🌈'.repeat(30))).toBe('🏳️‍🌈'.repeat(2));
    expect(sanitizeName('a'.repeat(30))).toBe('a'.repeat(24));
    expect(sanitizeName('山'.repeat(24))).toBe('山'.repeat(13));
    expect(sanitizeName('"'.repeat(24))).toBe('"'.repeat(20)); // escaped: 2 bytes each
    expect(sanitizeName('a\ud800b')).toBe('ab'); // a lone surrogate would be escaped as 6 bytes
    expect(sanitizeName('a\u202Eevil')).toBe('aevil');
  });
});
