/**
 * The reported offset follows the estimated one without ever making reported hub time run
 * backwards: a correction is spread over time at a bounded slew rate (|d offset / dt| < 1),
 * the way ntpd's adjtime slews instead of stepping.
 */

/** A target offset line: offset(t) = offset + rate·(t − tRef). */
export interface OffsetLine {
  tRef: number;
  offset: number;
  rate: number;
}

export const lineAt = (l: OffsetLine, t: number): number => l.offset + l.rate * (t - l.tRef);

export class OffsetSlew {
  private target: OffsetLine | null = null;
  /** Reported − target at anchorT, closed at `slew` per ms of local time. */
  private gap = 0;
  private anchorT = 0;
  private slew = 0;

  /** True once a first target was set. */
  get running(): boolean {
    return this.target !== null;
  }

  /** Reported offset at local time t. */
  offsetAt(t: number): number {
    if (!this.target) return 0;
    return lineAt(this.target, t) + this.gapAt(t);
  }

  /** |reported − target| at t: part of the error bound. */
  gapAt(t: number): number {
    const left = Math.max(0, Math.abs(this.gap) - this.slew * Math.max(0, t - this.anchorT));
    return Math.sign(this.gap) * left;
  }

  /** Jumps straight to `line` (first estimate, or a new hub epoch). */
  reset(line: OffsetLine): void {
    this.target = line;
    this.gap = 0;
    this.anchorT = line.tRef;
  }

  /**
   * Moves the target to `line` at local time t, slewing from the current reported offset.
   * A forward correction may jump when `jumpForward` (before convergence: time never runs
   * backwards either way, and a late start should not crawl).
   */
  retarget(line: OffsetLine, t: number, slew: number, jumpForward: boolean): void {
    if (!this.target) return this.reset(line);
    const current = this.offsetAt(t);
    this.target = line;
    this.anchorT = t;
    this.slew = slew;
    const gap = current - lineAt(line, t);
    this.gap = jumpForward && gap < 0 ? 0 : gap;
  }
}
