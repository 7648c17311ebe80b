/**
 * The offset fit. Each sample bounds the offset θ = hub − local from both sides:
 *   up = t1 − t0 = θ + (uplink delay)      ≥ θ
 *   lo = t2 − t3 = θ − (downlink delay)    ≤ θ
 * Taking the smallest uplink and the smallest downlink delay from DIFFERENT samples is what
 * makes this much better than using the single lowest-round-trip sample: with n samples each
 * minimum sits only ~jitter/n above the path's floor. Given the rate (rate.ts) the two bounds
 * are lines; θ is put in the middle of the band they leave. The middle is exact when the
 * fastest uplink and downlink deliveries take equally long (the usual NTP assumption: a constant
 * asymmetry of the floor is invisible to any two-way exchange).
 */

export interface BandPoint {
  /** t1 − t0 and its local time (t0). */
  up: number;
  tUp: number;
  /** t2 − t3 and its local time (t3). */
  lo: number;
  tLo: number;
}

export interface BandFit {
  /** Local time the fit refers to. */
  tRef: number;
  /** Hub-minus-local offset at tRef: the middle of the band. */
  offset: number;
  /** d offset / d local time used (1e-6 = 1 ppm). */
  rate: number;
  /** Upper (θ + min uplink) and lower (θ − min downlink) lines at tRef. */
  hi: number;
  lo: number;
  /**
   * Mean spacing of the lowest uplink / downlink delays: the expected distance of each minimum
   * above its floor (near the floor, order-statistic spacings are alike, so the first few
   * measure the one we cannot see).
   */
  spacingUp: number;
  spacingLo: number;
  /**
   * The larger direction's spacing, each direction measured over its SPACINGS and over its
   * WIDE_SPACINGS lowest delays, whichever is larger: what the error bound scales. With few
   * samples a cluster of fast deliveries can make the first a third of the true spacing (wifi-bursty
   * seed 94 at 570 ms, 96 samples: 0.075 against ~0.2 ms, and the error left its bound).
   */
  boundSpacing: number;
  /** How far before tRef the two binding samples lie: a rate error δ moves the fit by δ·lever. */
  leverMs: number;
}

/** Spacings averaged over this many of the lowest values. */
const SPACINGS = 10;
/** The bound's steadier spacing uses this many. */
const WIDE_SPACINGS = 20;

/**
 * The SPACINGS + 1 smallest of a stream, kept sorted: O(n·SPACINGS) instead of sorting all n
 * values on every pong (the fit runs on each one, on the page's main thread).
 */
class Lowest {
  private readonly low: number[] = [];
  private readonly keep = WIDE_SPACINGS + 1;

  add(v: number): void {
    const low = this.low;
    if (low.length === this.keep) {
      if (v >= low[this.keep - 1]!) return;
      low.pop();
    }
    let i = low.length;
    low.push(v);
    while (i > 0 && low[i - 1]! > v) {
      low[i] = low[i - 1]!;
      i--;
    }
    low[i] = v;
  }

  /** Mean spacing of the `count` lowest values, which start at 0 (the minimum itself). */
  meanSpacing(count = SPACINGS): number {
    const k = Math.min(count, this.low.length - 1);
    return k > 0 ? this.low[k]! / k : 0;
  }
}

/**
 * Fits the band to points[from…] (at least one) at local time tRef with a known rate. An index,
 * not a slice: the offset fit runs four windows of up to 2,400 samples on every pong.
 */
export function fitBand(
  points: readonly BandPoint[],
  tRef: number,
  rate: number,
  from = 0,
): BandFit {
  let hi = Infinity;
  let lo = -Infinity;
  let tHi = tRef;
  let tLo = tRef;
  for (let i = from; i < points.length; i++) {
    const p = points[i]!;
    const u = p.up - rate * (p.tUp - tRef);
    const l = p.lo - rate * (p.tLo - tRef);
    if (u < hi) [hi, tHi] = [u, p.tUp];
    if (l > lo) [lo, tLo] = [l, p.tLo];
  }
  const upExcess = new Lowest();
  const loExcess = new Lowest();
  for (let i = from; i < points.length; i++) {
    const p = points[i]!;
    upExcess.add(p.up - rate * (p.tUp - tRef) - hi);
    loExcess.add(lo - (p.lo - rate * (p.tLo - tRef)));
  }
  const spacingUp = upExcess.meanSpacing();
  const spacingLo = loExcess.meanSpacing();
  return {
    tRef,
    offset: (hi + lo) / 2,
    rate,
    hi,
    lo,
    spacingUp,
    spacingLo,
    boundSpacing: Math.max(
      spacingUp,
      spacingLo,
      upExcess.meanSpacing(WIDE_SPACINGS),
      loExcess.meanSpacing(WIDE_SPACINGS),
    ),
    leverMs: Math.max(0, tRef - Math.min(tHi, tLo)),
  };
}
