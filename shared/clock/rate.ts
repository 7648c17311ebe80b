/**
 * The rate of the hub clock against the local one (d offset / d local time). A rate error δ
 * moves the offset by δ·Δt, so the rate is measured over the longest baseline we keep: the band
 * middle (band-fit.ts) of the samples in the oldest third of the time span against that of the
 * newest third. The error of each middle is about its lowest-delay spacing, so the
 * measurement's own spread is ~(spacing_old + spacing_new) / Δt; it is blended with a prior of 0 ± priorPpm, so a short,
 * noisy baseline cannot swing the rate (oscillators are rarely off by more than 100 ppm).
 */
import { fitBand, type BandPoint } from './band-fit';

export interface RateEstimate {
  rate: number;
  /** One-sigma uncertainty of `rate`. */
  sigma: number;
}

/** Fewest samples in each third before the baseline counts. */
const MIN_GROUP = 6;
/** A band middle is off by |Laplace| with scale ~spacing/2: 1.5 spacings is a safe one-sigma. */
const SIGMA_PER_SPACING = 2.5;

function groupMiddle(
  group: readonly BandPoint[],
  rate: number,
): { t: number; mid: number; spread: number } {
  let tSum = 0;
  for (const p of group) tSum += (p.tUp + p.tLo) / 2;
  const t = tSum / group.length;
  const fit = fitBand(group, t, rate);
  return { t, mid: fit.offset, spread: Math.max(fit.spacingUp, fit.spacingLo) };
}

/** Points in arrival order. */
export function estimateRate(
  points: readonly BandPoint[],
  priorSigma: number,
  maxRate: number,
): RateEstimate {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return { rate: 0, sigma: priorSigma };
  const third = (last.tLo - first.tUp) / 3;
  const old = points.filter((p) => p.tLo <= first.tUp + third);
  const recent = points.filter((p) => p.tUp >= last.tLo - third);
  if (old.length < MIN_GROUP || recent.length < MIN_GROUP) return { rate: 0, sigma: priorSigma };
  let rate = 0;
  let measSigma = Infinity;
  for (let i = 0; i < 2; i++) {
    const a = groupMiddle(old, rate);
    const b = groupMiddle(recent, rate);
    const dt = b.t - a.t;
    if (!(dt > 0)) return { rate: 0, sigma: priorSigma };
    rate = (b.mid - a.mid) / dt;
    measSigma = Math.max((SIGMA_PER_SPACING * (a.spread + b.spread)) / dt, 1e-9);
  }
  // Precision-weighted blend of the measurement with the prior 0.
  const wMeas = 1 / (measSigma * measSigma);
  const wPrior = 1 / (priorSigma * priorSigma);
  const blended = (rate * wMeas) / (wMeas + wPrior);
  return {
    rate: Math.max(-maxRate, Math.min(maxRate, blended)),
    sigma: Math.sqrt(1 / (wMeas + wPrior)),
  };
}
