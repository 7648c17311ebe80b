import { describe, expect, it } from 'vitest';
import { localClockAt } from '../../../../renderer/common/local-clock';

describe('the page-local clock', () => {
  it('is performance.timeOrigin + performance.now() without test parameters', () => {
    const at = localClockAt(new URLSearchParams(''));
    expect(at(1234.5)).toBe(performance.timeOrigin + 1234.5);
  });

  it('applies the test-only skew and drift to a given performance.now() reading', () => {
    const at = localClockAt(new URLSearchParams('clockSkewMs=3200&clockDriftPpm=100'));
    expect(at(0)).toBe(performance.timeOrigin + 3200);
    // 100 ppm fast: 10 s of performance.now() read as 10.001 s.
    expect(at(10_000) - at(0)).toBeCloseTo(10_001, 6);
    expect(
      localClockAt(new URLSearchParams('clockSkewMs=-1700'))(5) - performance.timeOrigin,
    ).toBeCloseTo(-1695, 6);
  });
});
