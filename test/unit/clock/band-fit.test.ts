import { describe, expect, it } from 'vitest';
import { fitBand, type BandPoint } from '../../../shared/clock/band-fit';
import { estimateRate } from '../../../shared/clock/rate';
import { PROFILES, SimWorld } from '../../support/link-sim';

describe('fitBand / estimateRate', () => {
  it('takes each direction’s minimum from different samples', () => {
    // θ = 50. Sample A: fast uplink (1), slow downlink (9); sample B: the reverse.
    const points = [
      { up: 51, tUp: 0, lo: 41, tLo: 10 },
      { up: 59, tUp: 100, lo: 49, tLo: 110 },
    ];
    const fit = fitBand(points, 110, 0);
    expect(fit.hi).toBe(51);
    expect(fit.lo).toBe(49);
    expect(fit.offset).toBe(50); // each sample alone says 46 or 54
  });

  it('with a rate interval, carries each bound forward at the rate that loosens it', () => {
    // θ = 50, rate 0: an old pair of samples 1 ms off the floor, a recent pair 1.2 ms off.
    const points = [
      { up: 51, tUp: 0, lo: 49, tLo: 10 },
      { up: 51.2, tUp: 9000, lo: 48.8, tLo: 9010 },
    ];
    expect(fitBand(points, 10_000, 0).leverMs).toBe(10_000); // a known rate: the old pair binds
    // ±30 ppm moves the old bounds out by 0.3 ms, the recent ones by 0.03: the recent pair binds.
    const wide = fitBand(points, 10_000, 0, true, 30e-6);
    expect(wide.hi).toBeCloseTo(51.23, 9);
    expect(wide.lo).toBeCloseTo(48.7703, 9);
    expect(wide.offset).toBeCloseTo(50, 3);
    expect(wide.leverMs).toBe(1000);
    // The band holds for every rate in the interval.
    for (const r of [-30e-6, -10e-6, 0, 20e-6, 30e-6]) {
      const f = fitBand(points, 10_000, r);
      expect(f.hi).toBeLessThanOrEqual(wide.hi + 1e-12);
      expect(f.lo).toBeGreaterThanOrEqual(wide.lo - 1e-12);
    }
  });

  it('measures a rate across the history and leaves it near 0 with too little data', () => {
    const rate = 80e-6;
    const points = [];
    for (let i = 0; i < 300; i++) {
      const t = i * 1000;
      const d = 2 + ((i * 7) % 5); // deterministic "jitter"
      points.push({ up: rate * t + d, tUp: t, lo: rate * (t + 2 * d) - d, tLo: t + 2 * d });
    }
    expect(estimateRate(points, 100e-6, 500e-6).rate).toBeCloseTo(rate, 6);
    expect(estimateRate(points.slice(0, 5), 100e-6, 500e-6)).toEqual({ rate: 0, sigma: 100e-6 });
  });

  it('picks the rate at which the band is widest, on a simulated drifting link', () => {
    for (const ppm of [100, -40]) {
      const world = new SimWorld({ profile: PROFILES.wifi, seed: 3, localDriftPpm: ppm });
      const points: BandPoint[] = [];
      for (let i = 0; i < 600; i++)
        world.at(i * 100, () =>
          world.pingPong((s) =>
            points.push({ up: s.t1 - s.t0, tUp: s.t0, lo: s.t2 - s.t3, tLo: s.t3 }),
          ),
        );
      world.runUntil(61_000);
      const est = estimateRate(points, 1, 500e-6); // no prior: the measurement alone
      const truth = 1 / (1 + ppm * 1e-6) - 1; // d(hub − local) / d local
      expect(Math.abs(est.rate - truth)).toBeLessThan(1e-6);
      expect(Math.abs(est.rate - truth)).toBeLessThan(est.sigma);
    }
  });
});
