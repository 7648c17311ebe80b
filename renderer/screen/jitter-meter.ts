/**
 * Tick arrival jitter, for the hub's playout delay. Each tick carries the hub time it was sent;
 * (local arrival − hub send time) is the transit delay plus a constant clock offset, so its spread
 * over recent ticks is the jitter, independent of the offset. Reported as the 95th percentile of
 * the delay above the fastest tick in the window: how late a tick typically is at worst.
 */
export class JitterMeter {
  private readonly delays: number[] = [];

  constructor(private readonly window = 240) {}

  /** `arrivalMs` on any steady local clock; `hubTimeMs` from the tick header. */
  add(arrivalMs: number, hubTimeMs: number): void {
    const d = arrivalMs - hubTimeMs;
    if (!Number.isFinite(d)) return;
    this.delays.push(d);
    if (this.delays.length > this.window) this.delays.shift();
  }

  get samples(): number {
    return this.delays.length;
  }

  /** p95 of (delay − min delay) in ms; 0 with fewer than two samples. */
  jitterMs(): number {
    if (this.delays.length < 2) return 0;
    const sorted = this.delays.slice().sort((a, b) => a - b);
    const min = sorted[0]!;
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
    return p95 - min;
  }
}
