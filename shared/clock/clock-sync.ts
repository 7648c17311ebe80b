/**
 * NTP-style estimate of a hub's clock from ping/pong samples. Pure: the caller passes every
 * local time in (no timers, no globals), so the same code runs in browsers, in Node and on a
 * simulated link in tests. See docs/clock.md for the method and the meaning of the bound.
 *
 *   const clock = new ClockSync();
 *   clock.addSample({ t0, t1, t2, t3 });   // for each pong
 *   clock.now(local());                    // hub time, never runs backwards within an epoch
 *   clock.errorBoundMs(local());           // how far off it may be
 *   setTimeout(ping, clock.nextPingDelayMs(local()));
 */
import { fitBand, type BandFit, type BandPoint } from './band-fit';
import { Floor, type FloorBand } from './floor';
import { estimateRate, type RateEstimate } from './rate';
import { OffsetSlew } from './slew';
import {
  DEFAULT_CLOCK_OPTIONS,
  type ClockSample,
  type ClockSyncOptions,
  type ClockSyncStats,
} from './types';

/** A shorter offset window replaces a longer one only if its bound is this much tighter. */
const SHORTER_WINS = 0.7;
/** A double's rounding step relative to its size: now() is a sum of ~1.8e12 ms terms. */
const DOUBLE_STEP = 2 * Number.EPSILON;
/** Fewest samples a shortened offset window must hold. */
const MIN_WINDOW_SAMPLES = 100;

interface Stored extends BandPoint {
  rtt: number;
}

export class ClockSync {
  readonly opts: ClockSyncOptions;
  private samples: Stored[] = [];
  private fit: BandFit | null = null;
  private rate: RateEstimate = { rate: 0, sigma: 0 };
  /** The band over every kept sample: where each direction's floor has been seen. */
  private floor: FloorBand | null = null;
  private readonly floors = new Floor();
  /** Lowest round trip kept; NaN once the sample holding it is dropped (rescanned when asked). */
  private minRtt = Infinity;
  private readonly slew = new OffsetSlew();
  /** Samples no offset line can explain: a hub clock step if they keep coming. */
  private suspects: ClockSample[] = [];
  private pingsSinceReset = 0;
  private convergedOnce = false;
  private lastOut = -Infinity;
  private lastQuery = 0;
  private _epoch = 0;
  private _rejected = 0;

  constructor(opts: Partial<ClockSyncOptions> = {}) {
    this.opts = { ...DEFAULT_CLOCK_OPTIONS, ...opts };
    for (const [k, v] of Object.entries(this.opts))
      if (typeof v !== 'number' || !(v >= 0)) throw new TypeError(`ClockSync: bad option ${k}`);
  }

  /** Hub clock steps detected so far; the output may jump (either way) when it increments. */
  get epoch(): number {
    return this._epoch;
  }

  /** A coarse first guess (e.g. the hub time in a welcome) before any sample. */
  seed(hubTime: number, local: number): void {
    if (this.fit || !Number.isFinite(hubTime) || !Number.isFinite(local)) return;
    this.slew.reset({ tRef: local, offset: hubTime - local, rate: 0 });
  }

  /** Feeds one exchange. Returns false if it was rejected (malformed or an outlier). */
  addSample(s: ClockSample): boolean {
    const rtt = s.t3 - s.t0 - (s.t2 - s.t1);
    const finite = [s.t0, s.t1, s.t2, s.t3].every(Number.isFinite);
    if (!finite || !(rtt >= 0) || s.t2 < s.t1) return this.reject();
    const rttMin = this.rttMin();
    if (this.samples.length >= this.opts.minSamples && rtt > 2 * rttMin + this.opts.outlierSlackMs)
      return this.reject();
    if (this.fit && this.contradicts(s)) {
      this.suspects.push(s);
      if (this.suspects.length < this.opts.stepSamples) return false;
      this.restart();
      return true;
    }
    this.suspects = [];
    this.store(s, rtt);
    this.refit(s.t3, false);
    return true;
  }

  /** True once there is an estimate (a seed or a sample); before that now() returns local. */
  get running(): boolean {
    return this.slew.running;
  }

  /** Estimated hub time at local time `local`; never less than a previous answer in this epoch. */
  now(local: number): number {
    this.lastQuery = local;
    if (!this.slew.running) return local;
    const out = Math.max(this.lastOut, local + this.slew.offsetAt(local));
    this.lastOut = out;
    return out;
  }

  /**
   * How far now(local) may be from the true hub time, ms (Infinity before any sample). See
   * docs/clock.md: statistical (the error exceeded it in none of our simulated runs), and blind,
   * like every two-way protocol, to a constant asymmetry of the path's fastest delivery times.
   */
  errorBoundMs(local: number): number {
    const f = this.fit;
    if (!f) return Infinity;
    const halfBand = (f.hi - f.lo) / 2;
    let statistical = this.statistical(f, 2);
    if (this.samples.length < this.opts.minSamples) statistical = halfBand;
    const ahead = Math.max(0, local - f.tRef);
    const rateTerm = 2 * this.rate.sigma * (f.leverMs + ahead) + this.opts.wanderPpm * 1e-6 * ahead;
    return (
      Math.min(halfBand, statistical) +
      rateTerm +
      Math.abs(this.slew.gapAt(local)) +
      this.opts.resolutionMs +
      DOUBLE_STEP * Math.abs(local)
    );
  }

  converged(local: number): boolean {
    return (
      this.samples.length >= this.opts.minSamples &&
      this.errorBoundMs(local) <= this.opts.convergedBoundMs
    );
  }

  /**
   * Call once per ping sent: how long to wait before the next one, ms. Fast for the first
   * fastPingCount pings and until converged; then keeps rateSamples in the newest third of the
   * history, so it slows as the history grows (a later dip of the bound above the threshold
   * does not bring the burst back: only a detected hub step does).
   */
  nextPingDelayMs(local: number): number {
    this.pingsSinceReset++;
    if (!this.convergedOnce && this.converged(local)) this.convergedOnce = true;
    if (this.pingsSinceReset < this.opts.fastPingCount || !this.convergedOnce)
      return this.opts.fastPingMs;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const span = first && last ? last.tLo - first.tUp : 0;
    const period = span / 3 / this.opts.rateSamples;
    return Math.min(this.opts.slowPingMs, Math.max(this.opts.fastPingMs, period));
  }

  stats(local: number = this.lastQuery): ClockSyncStats {
    return {
      offsetMs: this.slew.offsetAt(local),
      ratePpm: this.rate.rate * 1e6,
      errorMs: this.errorBoundMs(local),
      rttMs: this.samples.length ? this.rttMin() : 0,
      converged: this.converged(local),
      samples: this.samples.length,
      epoch: this._epoch,
      rejected: this._rejected,
    };
  }

  // ---- private -------------------------------------------------------------------------------

  private reject(): false {
    this._rejected++;
    return false;
  }

  private rttMin(): number {
    if (Number.isNaN(this.minRtt)) {
      this.minRtt = Infinity;
      for (const s of this.samples) if (s.rtt < this.minRtt) this.minRtt = s.rtt;
    }
    return this.minRtt;
  }

  /** True if the fitted offset lies clearly outside the interval [t2 − t3, t1 − t0] it must lie in. */
  private contradicts(s: ClockSample): boolean {
    const f = this.fit;
    if (!f) return false;
    const t = (s.t0 + s.t3) / 2;
    const predicted = f.offset + f.rate * (t - f.tRef);
    const margin = this.opts.stepMarginMs + this.errorBoundMs(t) - Math.abs(this.slew.gapAt(t));
    return predicted > s.t1 - s.t0 + margin || predicted < s.t2 - s.t3 - margin;
  }

  /** The hub clock stepped (or the hub restarted): start over from the samples that showed it. */
  private restart(): void {
    const fresh = this.suspects;
    this._epoch++;
    this.samples = [];
    this.fit = null;
    this.floor = null;
    this.floors.reset();
    this.minRtt = Infinity;
    this.rate = { rate: 0, sigma: this.opts.ratePriorPpm * 1e-6 };
    this.suspects = [];
    this.pingsSinceReset = 0;
    this.convergedOnce = false;
    this.lastOut = -Infinity;
    for (const s of fresh) this.store(s, s.t3 - s.t0 - (s.t2 - s.t1));
    const last = fresh[fresh.length - 1];
    if (last) this.refit(last.t3, true);
  }

  private store(s: ClockSample, rtt: number): void {
    this.samples.push({ up: s.t1 - s.t0, tUp: s.t0, lo: s.t2 - s.t3, tLo: s.t3, rtt });
    const oldest = s.t3 - this.opts.rateWindowMs;
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop]?.tLo ?? Infinity) < oldest) drop++;
    drop = Math.max(drop, this.samples.length - this.opts.maxSamples);
    if (drop === 0) {
      if (rtt < this.minRtt) this.minRtt = rtt;
      return;
    }
    const dropped = this.samples.splice(0, drop);
    this.floors.forget(dropped);
    if (dropped.some((d) => d.rtt <= this.minRtt)) this.minRtt = NaN;
    else if (rtt < this.minRtt) this.minRtt = rtt;
  }

  /** Index of the first sample inside a window of `windowMs` before t (keeping ≥ minSamples). */
  private windowStart(t: number, windowMs: number): number {
    const from = t - windowMs;
    let i = this.samples.length;
    while (i > 0 && (this.samples[i - 1]?.tLo ?? -Infinity) >= from) i--;
    return Math.max(0, Math.min(i, this.samples.length - this.opts.minSamples));
  }

  /**
   * More samples pin the band tighter, but a rate error δ costs δ·(their age): while the rate
   * is still unsure a shorter window wins. Fits a few window lengths, longest first; a shorter
   * one must give a clearly (30 %) tighter bound, since fewer samples also make the bound noisier.
   */
  private bestOffsetFit(t: number): BandFit {
    let best: BandFit | null = null;
    let bestScore = Infinity;
    for (const div of [1, 2, 4, 8]) {
      const start = this.windowStart(t, this.opts.offsetWindowMs / div);
      // Too few samples and the spacing itself is a poor estimate: not a candidate.
      if (div > 1 && this.samples.length - start < MIN_WINDOW_SAMPLES) continue;
      const fit = fitBand(this.samples, t, this.rate.rate, start);
      const score = this.windowScore(fit);
      // Longer windows first; a shorter one must be clearly better to win.
      if (score < bestScore * SHORTER_WINS) [best, bestScore] = [fit, score];
    }
    return best!;
  }

  /**
   * A fit's statistical error: boundFactor lowest-delay spacings, or, where its fastest delivery
   * one way sits above the whole history's floor by more than `doubtSigmas` of rate doubt over
   * the floor's age, about half that gap (a rare run of slow packets).
   */
  private statistical(fit: BandFit, doubtSigmas: number): number {
    const spread = this.opts.boundFactor * fit.boundSpacing;
    const fl = this.floor;
    if (!fl) return spread;
    const stale = Math.max(fit.hi - fl.hi, fl.lo - fit.lo) / 2;
    const unsure = doubtSigmas * this.rate.sigma * fl.leverMs;
    return stale > unsure ? Math.max(spread, stale + unsure) : spread;
  }

  /**
   * A window's likely error: its statistical error and its rate lever. The bound waits for two
   * sigma of rate doubt before it calls a window stale; choosing among windows need not (one).
   */
  private windowScore(fit: BandFit): number {
    return this.statistical(fit, 1) + 2 * this.rate.sigma * fit.leverMs;
  }

  private refit(t: number, jump: boolean): void {
    // The rate moves slowly: once the history is long, re-measure it every 8th sample only.
    if (jump || this.samples.length < 256 || this.samples.length % 8 === 0) {
      this.rate = estimateRate(
        this.samples,
        this.opts.ratePriorPpm * 1e-6,
        this.opts.maxRatePpm * 1e-6,
      );
    }
    const newest = this.samples[this.samples.length - 1]!;
    this.floor = this.floors.update(this.samples, newest, this.rate.rate, t);
    this.fit = this.bestOffsetFit(t);
    const line = { tRef: t, offset: this.fit.offset, rate: this.fit.rate };
    if (jump || !this.slew.running) {
      this.slew.reset(line);
    } else {
      const slew = this.convergedOnce ? this.opts.slowSlew : this.opts.fastSlew;
      this.slew.retarget(line, t, slew, !this.convergedOnce);
    }
    if (!this.convergedOnce && this.converged(t)) this.convergedOnce = true;
  }
}
