/**
 * The rate of the hub clock against the local one (d offset / d local time). A rate error δ
 * moves the offset by δ·Δt, so the rate is measured over the whole kept history. Tilting the
 * band (band-fit.ts) by a wrong rate lowers its upper line and raises its lower one at the far
 * ends of the history, so the band is widest at the true rate: we take the rate that maximises
 * its width. That uses every sample (the lowest-delay ones at both ends pin it), unlike
 * comparing the middles of two groups. Its spread is ~(spacing_up + spacing_lo) / span; it is
 * blended with a prior of 0 ± priorPpm, so a short, noisy history cannot swing the rate.
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

/**
 * d(width)/d(rate) at `rate` has the sign of (time of the binding lower sample) − (time of the
 * binding upper sample): the width is concave in the rate, so bisect on that sign.
 */
function widthSlopeSign(points: readonly BandPoint[], rate: number, t0: number): number {
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
  return Math.sign(tLo - tHi);
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
    if (widthSlopeSign(points, mid, t0) > 0) a = mid;
    else b = mid;
  }
  const rate = (a + b) / 2;
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
