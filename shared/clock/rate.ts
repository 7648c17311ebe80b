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
/** Where the fitting rates are first looked for: ± this many spacings per span of the widest. */
const BRACKET_SPACINGS = 16;

interface Band {
  /** Upper and lower lines at t0. */
  hi: number;
  lo: number;
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
  return { hi, lo, width: hi - lo, slope: Math.sign(tLo - tHi) };
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
 * The middle of the fitting rates if both ends lie within ±reach of the widest (null if not),
 * searched over only the samples that can bind there: tilting by at most `reach` moves a sample
 * by at most reach·span against the binding ones, so the rest (~98 % on Wi-Fi) cannot take over.
 */
function middleOfFitting(
  points: readonly BandPoint[],
  t0: number,
  widest: number,
  band: Band,
  target: number,
  reach: number,
  span: number,
): number | null {
  const near = points.filter(
    (p) =>
      p.up - widest * (p.tUp - t0) - band.hi <= reach * span ||
      band.lo - (p.lo - widest * (p.tLo - t0)) <= reach * span,
  );
  const left = widest - reach;
  const right = widest + reach;
  if (bandAt(near, left, t0).width >= target || bandAt(near, right, t0).width >= target)
    return null;
  return (crossing(near, t0, target, left, widest) + crossing(near, t0, target, right, widest)) / 2;
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
  let a = -maxRate;
  let b = maxRate;
  for (let i = 0; i < STEPS; i++) {
    const mid = (a + b) / 2;
    if (bandAt(points, mid, t0).slope > 0) a = mid;
    else b = mid;
  }
  const widest = (a + b) / 2;
  const atWidest = fitBand(points, last.tLo, widest);
  const spread = atWidest.spacingUp + atWidest.spacingLo;
  const band = bandAt(points, widest, t0);
  const target = band.width - SLACK_SPACINGS * spread;
  const reach = (BRACKET_SPACINGS * spread) / span;
  const rate =
    middleOfFitting(points, t0, widest, band, target, reach, span) ??
    (crossing(points, t0, target, -maxRate, widest) +
      crossing(points, t0, target, maxRate, widest)) /
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
