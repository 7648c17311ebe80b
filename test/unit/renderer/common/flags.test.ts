import { describe, expect, it } from 'vitest';
import { flagFromLanguages, flagUrl, isFlagCode } from '../../../../renderer/common/flags';

describe('flags', () => {
  it('takes the first region from the browser languages', () => {
    expect(flagFromLanguages(['en-GB'])).toBe('gb');
    expect(flagFromLanguages(['fr', 'de-AT'])).toBe('at');
    expect(flagFromLanguages(['zh-Hant-TW'])).toBe('tw');
    expect(flagFromLanguages(['pt_BR'])).toBe('br');
  });

  it('falls back to Esperanto when no region is known', () => {
    expect(flagFromLanguages([])).toBe('eo');
    expect(flagFromLanguages(['fr', 'es-419'])).toBe('eo');
  });

  it('builds flag URLs only from well-formed codes', () => {
    expect(flagUrl('jp')).toBe('/flags/jp.svg');
    expect(flagUrl('../etc')).toBe('/flags/eo.svg');
    expect(flagUrl('GB')).toBe('/flags/eo.svg');
    expect(isFlagCode('eo')).toBe(true);
    expect(isFlagCode('gbr')).toBe(false);
  });
});
