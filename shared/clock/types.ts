/** Clock estimator inputs and settings. All times are milliseconds. */

/**
 * One ping/pong exchange: t0 local send, t1 hub receive, t2 hub send, t3 local receive.
 * t0 and t3 are on the local clock, t1 and t2 on the hub clock.
 */
export interface ClockSample {
  t0: number;
  t1: number;
  t2: number;
  t3: number;
}

export interface ClockSyncOptions {
  /** Samples older than this (local ms) are forgotten; the rate is measured across it. Default 600000. */
  rateWindowMs: number;
  /**
   * The offset is fitted to the samples this recent (local ms), or to a half, quarter or eighth
   * of it while the rate is unsure. Default 120000.
   */
  offsetWindowMs: number;
  /** Hard cap on kept samples; the oldest go first. Default 16384 (the 10 min at the pace below). */
  maxSamples: number;
  /** Fastest clock rate difference we will believe, parts per million. Default 500. */
  maxRatePpm: number;
  /** Prior sigma of the rate difference before data pins it, ppm. Default 100 (two ±100 ppm parts). */
  ratePriorPpm: number;
  /** Error bound at or under which the clock counts as converged. Default 1. */
  convergedBoundMs: number;
  /** Fewest samples before the clock may count as converged. Default 8. */
  minSamples: number;
  /**
   * Ping period while converging, and for `fastPingCount` pings after a reset. Default 5: the
   * error falls like jitter / samples, so a 1 ms bound on 20 ms Wi-Fi jitter well within 1.5 s
   * needs a few hundred samples (a ping is 9 bytes, its pong 25: the burst is ~10 KB).
   */
  fastPingMs: number;
  /**
   * After the burst, ping so that the newest third of the history holds about this many samples
   * (period = span / 3 / rateSamples, between fastPingMs and slowPingMs): the rate is measured
   * between the ends of the history, and its newest end is only as sharp as its sample count.
   * Fast while the history is short, slowing as it grows. Default 300.
   */
  rateSamples: number;
  /**
   * Slowest ping period, reached once the history spans 45 s. Default 50: the offset window
   * then holds ~2400 samples; 20 pings a second cost ~680 bytes/s. The rate (and with it the
   * late error) is only as sharp as the sample count: at 100 ms the wifi p99 over 96 seeds was
   * 0.062 ms once timesync-best had converged, at 50 ms 0.046 (docs/clock.md).
   */
  slowPingMs: number;
  /** Pings at the fast rate after a start or reset, even if converged earlier. Default 300. */
  fastPingCount: number;
  /** Slew rate while converging (fraction of elapsed time). Default 0.05. */
  fastSlew: number;
  /** Slew rate once converged. Default 0.002 (2000 ppm: 0.5 ms is absorbed in 250 ms). */
  slowSlew: number;
  /** Consecutive impossible samples that mean the hub clock stepped. Default 3. */
  stepSamples: number;
  /** How far outside a sample's own interval a prediction must fall to count, ms. Default 1. */
  stepMarginMs: number;
  /** Round trips above rttMin * 2 + this are dropped as outliers (bursts), ms. Default 25. */
  outlierSlackMs: number;
  /** Allowance for rate change between samples (oscillator wander), ppm. Default 2. */
  wanderPpm: number;
  /**
   * Statistical bound factor: the bound is this many times the typical spacing of the lowest
   * one-way delays (their minimum's expected distance from the floor). Default 4: with
   * exponential-like spacings the error exceeds it with probability about e^-8.
   */
  boundFactor: number;
  /** Local timestamp resolution, added to the bound (browsers coarsen performance.now()). */
  resolutionMs: number;
}

export const DEFAULT_CLOCK_OPTIONS: ClockSyncOptions = {
  rateWindowMs: 600_000,
  offsetWindowMs: 120_000,
  maxSamples: 16_384,
  maxRatePpm: 500,
  ratePriorPpm: 100,
  convergedBoundMs: 1,
  minSamples: 8,
  fastPingMs: 5,
  rateSamples: 300,
  slowPingMs: 50,
  fastPingCount: 300,
  fastSlew: 0.05,
  slowSlew: 0.002,
  stepSamples: 3,
  stepMarginMs: 1,
  outlierSlackMs: 25,
  wanderPpm: 2,
  boundFactor: 4,
  resolutionMs: 0,
};

/** What a clock reports about itself (also sent to the hub in `stats`). */
export interface ClockSyncStats {
  /** Reported hub − local offset at the last query, ms. */
  offsetMs: number;
  /** Estimated rate of the hub clock relative to the local one, ppm. */
  ratePpm: number;
  /** Error bound at the last query, ms. */
  errorMs: number;
  /** Smallest round trip in the window, ms (0 before any sample). */
  rttMs: number;
  converged: boolean;
  samples: number;
  /** Increments when a hub clock step was detected and the clock started over. */
  epoch: number;
  rejected: number;
}

/** A screen reports this clock error bound (or more) while its clock has no sample yet: unknown. */
export const UNKNOWN_CLOCK_ERROR_MS = 60_000;
