import { describe, expect, it } from 'vitest';
import { JitterMeter } from '../../../../renderer/screen/jitter-meter';

describe('JitterMeter', () => {
  it('is 0 for perfectly regular arrivals, whatever the clock offset', () => {
    const m = new JitterMeter();
    for (let i = 0; i < 100; i++) m.add(5_000_000 + i * 16.7, 1_000 + i * 16.7);
    expect(m.jitterMs()).toBeCloseTo(0, 6);
  });

  it('reports the p95 lateness above the fastest tick', () => {
    const m = new JitterMeter(100);
    // 100 ticks: delays 10 + (i % 20) ms → spread 0..19, five of each; the 95th of 100 is 18
    for (let i = 0; i < 100; i++) m.add(i * 16 + 10 + (i % 20), i * 16);
    expect(m.jitterMs()).toBe(18);
    // one huge outlier among 100 moves p95 by one rank at most, not to the outlier
    m.add(100 * 16 + 500, 100 * 16);
    expect(m.jitterMs()).toBeLessThanOrEqual(19);
  });

  it('forgets samples outside its window', () => {
    const m = new JitterMeter(10);
    for (let i = 0; i < 10; i++) m.add(i * 16 + (i % 2 ? 50 : 0), i * 16);
    expect(m.jitterMs()).toBe(50);
    for (let i = 10; i < 20; i++) m.add(i * 16, i * 16);
    expect(m.samples).toBe(10);
    expect(m.jitterMs()).toBe(0);
  });

  it('needs two samples and ignores non-finite ones', () => {
    const m = new JitterMeter();
    m.add(NaN, 0);
    m.add(5, 0);
    expect(m.jitterMs()).toBe(0);
  });
});
