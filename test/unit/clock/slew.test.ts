import { describe, expect, it } from 'vitest';
import { OffsetSlew } from '../../../shared/clock/slew';

describe('OffsetSlew', () => {
  it('spreads a backward correction at the slew rate, so reported time never runs backwards', () => {
    const s = new OffsetSlew();
    s.reset({ tRef: 0, offset: 10, rate: 0 });
    s.retarget({ tRef: 100, offset: 5, rate: 0 }, 100, 0.05, false);
    expect(s.offsetAt(100)).toBe(10);
    expect(s.offsetAt(150)).toBeCloseTo(7.5, 9);
    expect(s.offsetAt(200)).toBe(5);
    expect(s.gapAt(150)).toBeCloseTo(2.5, 9);
    let last = -Infinity;
    for (let t = 100; t <= 300; t += 1) {
      const hub = t + s.offsetAt(t);
      expect(hub).toBeGreaterThan(last);
      last = hub;
    }
  });

  it('jumps forward before convergence when allowed, slews otherwise', () => {
    const s = new OffsetSlew();
    s.reset({ tRef: 0, offset: 0, rate: 0 });
    s.retarget({ tRef: 10, offset: 4, rate: 0 }, 10, 0.002, true);
    expect(s.offsetAt(10)).toBe(4);
    s.retarget({ tRef: 20, offset: 6, rate: 0 }, 20, 0.002, false);
    expect(s.offsetAt(20)).toBe(4);
    expect(s.offsetAt(520)).toBeCloseTo(5, 9);
  });
});
