/**
 * A bound on log lines: at most `max` per `periodMs`, all callers together. What a crowd of
 * strangers can make the hub log (closes, refusals) must not grow without limit either; the next
 * line written says how many were left out.
 */
export class LineBudget {
  private periodStart = -Infinity;
  private lines = 0;
  private suppressed = 0;

  constructor(
    private readonly max: number,
    private readonly periodMs: number,
  ) {}

  /** Null: stay quiet (the line is counted as left out). Else: lines left out since the last. */
  take(now: number): number | null {
    if (now - this.periodStart >= this.periodMs) {
      this.periodStart = now;
      this.lines = 0;
    }
    if (this.lines >= this.max) {
      this.suppressed++;
      return null;
    }
    this.lines++;
    const left = this.suppressed;
    this.suppressed = 0;
    return left;
  }
}
