import { describe, expect, it } from 'vitest';
import { fitBand, type BandPoint } from '../../../shared/clock/band-fit';
import { Floor } from '../../../shared/clock/floor';
import { bindingPoints, estimateRate } from '../../../shared/clock/rate';
import { PROFILES, SimWorld } from '../../support/link-sim';

/** The band points of `count` pings sent every `everyMs` over a simulated link. */
function pingedPoints(world: SimWorld, count: number, everyMs: number): BandPoint[] {
  const points: BandPoint[] = [];
  for (let i = 0; i < count; i++)
    world.at(i * everyMs, () =>
      world.pingPong((s) =>
        points.push({ up: s.t1 - s.t0, tUp: s.t0, lo: s.t2 - s.t3, tLo: s.t3 }),
      ),
    );
  world.runUntil(count * everyMs + 1000);
  return points;
}

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

  it('measures each direction’s spacing from its 11 lowest excesses, in any arrival order', () => {
    // Excesses above each line's minimum: uplink 0, 2, 4, … (spacing 2), downlink 0, 3, 6, …
    // (spacing 3), shuffled, plus far larger ones that must not count.
    const order = [7, 0, 12, 3, 10, 1, 14, 5, 9, 2, 13, 4, 11, 6, 8];
    const points = order.map((k) => ({
      up: 100 + (k < 11 ? 2 * k : 500 + k),
      tUp: k,
      lo: 90 - 3 * k,
      tLo: k,
    }));
    const fit = fitBand(points, 20, 0);
    expect(fit.spacingUp).toBe(2);
    expect(fit.spacingLo).toBe(3);
    // The bound's spacing: the larger of both, over 10 and over the 20 lowest (here all 15: the
    // uplink's 15th lowest is 514 above its minimum, 14 spacings of 36.7).
    expect(fit.boundSpacing).toBeCloseTo(514 / 14, 9);
    expect(fitBand(points.slice(0, 2), 20, 0).spacingUp).toBe(14); // excesses 14 and 0: one spacing
    expect(fitBand(points.slice(0, 1), 20, 0).spacingUp).toBe(0);
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

  it('takes the middle of the rates whose band is within half a spacing of the widest', () => {
    // Floor-level samples at 0 s and at `second`, a downlink at the floor 10 s later and an
    // uplink `late` ms above it then, plus fillers 0.001–0.006 ms above the floor. The widest
    // band is at rate 0, but its sides differ: a negative rate tilts the 10 s downlink over the
    // 0 s uplink (width 2 + 10⁴·rate), a positive one only the `second` uplink against the 0 s
    // downlink (2 − second·rate). Spacings 0.0005 + 0.0004: rates from −4.5e-8 to
    // +0.00045 / second lose at most 0.00045: a far end (second = 100) and a near one (1000).
    const floor = (t: number, up = 0, lo = 0) => ({ up: 1 + up, tUp: t, lo: -1 - lo, tLo: t });
    for (const [second, late] of [
      [1000, 0.01],
      [100, 0.05],
    ] as const) {
      const fillers = [1, 2, 3, 4, 5, 6].flatMap((j) => [
        floor(0, j / 1000, j / 1000),
        floor(second, j / 1000, j / 1000),
      ]);
      const points = [floor(0), floor(second), ...fillers, floor(10_000, late, 0)];
      const est = estimateRate(points, 1, 500e-6); // no prior: the measurement alone
      // ±5e-9: the widest rate is bisected to ~3e-11, which moves the far end by 10⁴ / second
      // times that.
      expect(est.rate).toBeCloseTo((-4.5e-8 + 0.00045 / second) / 2, 8);
    }
  });

  it('keeps every sample that can bind the band at some rate, and few others', () => {
    // Bursty Wi-Fi with pongs overtaking each other, so the samples are not in time order.
    const world = new SimWorld({ profile: PROFILES['wifi-bursty'], seed: 7, localDriftPpm: 60 });
    const points = pingedPoints(world, 3000, 5);
    expect(points.some((p, i) => i > 0 && p.tUp < points[i - 1]!.tUp)).toBe(true);
    const binding = bindingPoints(points);
    expect(binding.length).toBeLessThan(100);
    const t0 = points[0]!.tUp;
    // The band's two lines over all samples and over the binding ones, by brute force.
    const lines = (ps: readonly BandPoint[], rate: number) => [
      Math.min(...ps.map((p) => p.up - rate * (p.tUp - t0))),
      Math.max(...ps.map((p) => p.lo - rate * (p.tLo - t0))),
    ];
    for (const ppm of [-500, -61.3, -60, -59.99, 0, 0.7, 120, 500])
      expect(lines(binding, ppm * 1e-6)).toEqual(lines(points, ppm * 1e-6));
  });

  it('picks the rate at which the band is widest, on a simulated drifting link', () => {
    for (const ppm of [100, -40]) {
      const world = new SimWorld({ profile: PROFILES.wifi, seed: 3, localDriftPpm: ppm });
      const points = pingedPoints(world, 600, 100);
      const est = estimateRate(points, 1, 500e-6); // no prior: the measurement alone
      const truth = 1 / (1 + ppm * 1e-6) - 1; // d(hub − local) / d local
      expect(Math.abs(est.rate - truth)).toBeLessThan(1e-6);
      expect(Math.abs(est.rate - truth)).toBeLessThan(est.sigma);
    }
  });
});

describe('Floor', () => {
  it('tracks the band over a sliding history exactly as a full fit would, across rate changes', () => {
    const world = new SimWorld({ profile: PROFILES['wifi-bursty'], seed: 5, localDriftPpm: -30 });
    const stream = pingedPoints(world, 3000, 20);
    const floor = new Floor();
    const kept: BandPoint[] = [];
    const rates = [0, -30e-6, -29.5e-6, 12e-6];
    let bindingDropped = 0;
    let prev = { hi: Infinity, lo: -Infinity, rate: NaN };
    for (let i = 0; i < stream.length; i++) {
      kept.push(stream[i]!);
      // A history of 400 samples: the oldest leave, binding ones among them.
      if (kept.length > 400) {
        const dropped = kept.splice(0, kept.length - 400);
        floor.forget(dropped);
        // Did a sample that bound the last fit leave? (Its line value equals that fit's.)
        const tRef = stream[i - 1]!.tLo;
        if (
          dropped.some(
            (p) =>
              p.up - prev.rate * (p.tUp - tRef) === prev.hi ||
              p.lo - prev.rate * (p.tLo - tRef) === prev.lo,
          )
        )
          bindingDropped++;
      }
      const rate = rates[Math.floor(i / 97) % rates.length]!;
      const tRef = stream[i]!.tLo;
      const got = floor.update(kept, stream[i]!, rate, tRef);
      const full = fitBand(kept, tRef, rate);
      expect([got.hi, got.lo, got.leverMs]).toEqual([full.hi, full.lo, full.leverMs]);
      prev = { hi: full.hi, lo: full.lo, rate };
    }
    expect(bindingDropped).toBeGreaterThan(10);
  });
});
