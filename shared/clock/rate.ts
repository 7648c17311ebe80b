/**
 * The rate of the hub clock against the local one (d offset / d local time). A rate error δ
 * moves the offset by δ·Δt, so the rate is measured over the whole kept history. Tilting the
 * band (band-fit.ts) by a wrong rate lowers its upper line and raises its lower one at the far
 * ends of the history, so the band is widest at the true rate: we take the rate that maximises
 * its width. That uses every sample (the lowest-delay ones at both ends pin it), unlike
 * comparing the middles of two groups. Its spread is ~(spacing_up + spacing_lo) / span; it is
 * blended with a prior of 0 ± priorPpm, so a short, noisy history cannot swing the rate.
 *
 * The widest band sits on a kink set by two or three binding samples, and the kink's two sides
 * can differ a lot: a side whose binding samples lie close in time constrains the rate weakly,
 * and the width falls only slowly that way. So we take the middle of the rates whose band is
 * within half a lowest-delay spacing of the widest, not the kink itself (wifi p99 over 24 seeds:
 * 0.102 → 0.073 ms; 0.086 → 0.069 on seeds 101–124).
 *
 * Only the samples on two convex hulls can bind the band at any rate (bindingPoints), so the
 * three bisections run over those (26 of 16,384 on a 10-minute Wi-Fi history): 1.0–1.6 ms per
 * estimate there in Node instead of 2.6–2.8 ms, the same rate to ~1e-5 ppm.
 */
import { fitBand, type BandPoint } from './band-fit';

export interface RateEstimate {
  rate: number;
  /** One-sigma uncertainty of `rate`. */
  sigma: number;
}

/** Fewest samples before the history counts. */
const MIN_POINTS = 12;
/**
 * One sigma of the rate, in lowest-delay spacings per unit of span. The simulated links show
 * about 2 (rms); 8 is deliberately wide: while the history is short the prior (0) then keeps
 * most of the weight, since a rate error δ is paid δ·(age) on every old sample the fit uses.
 */
const SIGMA_PER_SPACING = 8;
/** Bisection steps: ±500 ppm down to ~1e-4 ppm. */
const STEPS = 24;
/** How far below the widest band (in lowest-delay spacings) a rate still counts as fitting. */
const SLACK_SPACINGS = 0.5;

interface Band {
  /** Upper line minus lower line. */
  width: number;
  /** Sign of d(width)/d(rate). */
  slope: number;
}

/**
 * The band at `rate`; its slope d(width)/d(rate) has the sign of (time of the binding lower
 * sample) − (time of the binding upper sample). The width is concave in the rate.
 */
function bandAt(points: readonly BandPoint[], rate: number, t0: number): Band {
  let hi = Infinity;
  let lo = -Infinity;
  let tHi = 0;
  let tLo = 0;
  for (const p of points) {
    const u = p.up - rate * (p.tUp - t0);
    const l = p.lo - rate * (p.tLo - t0);
    if (u < hi) [hi, tHi] = [u, p.tUp];
    if (l > lo) [lo, tLo] = [l, p.tLo];
  }
  return { width: hi - lo, slope: Math.sign(tLo - tHi) };
}

/** Bisects between a rate whose width is under `target` and one whose width reaches it. */
function crossing(
  points: readonly BandPoint[],
  t0: number,
  target: number,
  under: number,
  over: number,
): number {
  for (let i = 0; i < STEPS; i++) {
    const mid = (under + over) / 2;
    if (bandAt(points, mid, t0).width < target) under = mid;
    else over = mid;
  }
  return (under + over) / 2;
}

/**
 * The only samples that can ever bind the band, at any rate: min(up − rate·t) is always taken
 * on the lower convex hull of the uplink bounds (t0, up), max(lo − rate·t) on the upper hull of
 * the downlink ones (t3, lo). So the band over them is the band over every sample, for every
 * rate, and the bisections below run over a few dozen points instead of 16,384. Each returned
 * point carries only its own side (the other is ±Infinity, so it never binds).
 */
export function bindingPoints(points: readonly BandPoint[]): BandPoint[] {
  const n = points.length;
  const { t, v } = scratchFor(n);
  const out: BandPoint[] = [];
  for (let i = 0; i < n; i++) {
    t[i] = points[i]!.tUp;
    v[i] = points[i]!.up;
  }
  for (const i of lowerHull(n)) out.push({ up: v[i]!, tUp: t[i]!, lo: -Infinity, tLo: t[i]! });
  // The upper hull of lo is the lower hull of −lo.
  for (let i = 0; i < n; i++) {
    t[i] = points[i]!.tLo;
    v[i] = -points[i]!.lo;
  }
  for (const i of lowerHull(n)) out.push({ up: Infinity, tUp: t[i]!, lo: -v[i]!, tLo: t[i]! });
  return out;
}

/**
 * Working arrays, kept between estimates: allocating three arrays of 16,384 on every 8th pong
 * cost as much as the hull itself (GC on the page's main thread).
 */
let scratch = { t: new Float64Array(0), v: new Float64Array(0), stack: new Int32Array(0) };

function scratchFor(n: number): typeof scratch {
  if (scratch.t.length < n) {
    const size = 2 ** Math.ceil(Math.log2(n));
    scratch = { t: new Float64Array(size), v: new Float64Array(size), stack: new Int32Array(size) };
  }
  return scratch;
}

/**
 * Indices of the lower convex hull of (t[i], v[i]), i < n, in the scratch arrays (monotone
 * chain), after sorting both by t in place. Samples come in arrival order, which is time order
 * but for pongs overtaking each other, so an insertion sort is about linear. Collinear points
 * are kept.
 */
function lowerHull(n: number): Int32Array {
  const { t, v, stack } = scratch;
  for (let i = 1; i < n; i++) {
    const ti = t[i]!;
    if (t[i - 1]! <= ti) continue;
    const vi = v[i]!;
    let j = i - 1;
    for (; j >= 0 && t[j]! > ti; j--) {
      t[j + 1] = t[j]!;
      v[j + 1] = v[j]!;
    }
    t[j + 1] = ti;
    v[j + 1] = vi;
  }
  // Times relative to the first keep the cross products exact enough (local times are ~1.8e12).
  const t0 = n > 0 ? t[0]! : 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const ti = t[i]! - t0;
    const vi = v[i]!;
    while (k >= 2) {
      const a = stack[k - 2]!;
      const b = stack[k - 1]!;
      const ta = t[a]! - t0;
      // b stays if it lies on or below the segment a → i.
      if ((t[b]! - t0 - ta) * (vi - v[a]!) - (ti - ta) * (v[b]! - v[a]!) >= 0) break;
      k--;
    }
    stack[k++] = i;
  }
  return stack.subarray(0, k);
}

/** Points in arrival order. */
export function estimateRate(
  points: readonly BandPoint[],
  priorSigma: number,
  maxRate: number,
): RateEstimate {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < MIN_POINTS) return { rate: 0, sigma: priorSigma };
  const span = last.tLo - first.tUp;
  if (!(span > 0)) return { rate: 0, sigma: priorSigma };
  // Times relative to the first sample keep the products small (local times are ~1.8e12 ms).
  const t0 = first.tUp;
  const binding = bindingPoints(points);
  let a = -maxRate;
  let b = maxRate;
  for (let i = 0; i < STEPS; i++) {
    const mid = (a + b) / 2;
    if (bandAt(binding, mid, t0).slope > 0) a = mid;
    else b = mid;
  }
  const widest = (a + b) / 2;
  const atWidest = fitBand(points, last.tLo, widest);
  const spread = atWidest.spacingUp + atWidest.spacingLo;
  const target = bandAt(binding, widest, t0).width - SLACK_SPACINGS * spread;
  const rate =
    (crossing(binding, t0, target, -maxRate, widest) +
      crossing(binding, t0, target, maxRate, widest)) /
    2;
  const fit = fitBand(points, last.tLo, rate);
  const measSigma = Math.max((SIGMA_PER_SPACING * (fit.spacingUp + fit.spacingLo)) / span, 1e-9);
  // Precision-weighted blend of the measurement with the prior 0.
  const wMeas = 1 / (measSigma * measSigma);
  const wPrior = 1 / (priorSigma * priorSigma);
  const blended = (rate * wMeas) / (wMeas + wPrior);
  return {
    rate: Math.max(-maxRate, Math.min(maxRate, blended)),
    sigma: Math.sqrt(1 / (wMeas + wPrior)),
  };
}
