/**
 * Tells a tap (a short press that barely moved) from a drag. Pure: times and positions are
 * passed in, in ms and CSS pixels.
 */
export interface TapRules {
  /** Longest press that still counts as a tap, ms. Default 350. */
  maxMs: number;
  /** Farthest the finger may wander from where it went down, CSS px. Default 14. */
  maxTravelPx: number;
}

export const DEFAULT_TAP_RULES: Readonly<TapRules> = Object.freeze({ maxMs: 350, maxTravelPx: 14 });

export class TapDetector {
  private down: { t: number; x: number; y: number } | null = null;
  private travelled = 0;

  constructor(private readonly rules: TapRules = DEFAULT_TAP_RULES) {}

  press(t: number, x: number, y: number): void {
    this.down = { t, x, y };
    this.travelled = 0;
  }

  move(x: number, y: number): void {
    if (!this.down) return;
    this.travelled = Math.max(this.travelled, Math.hypot(x - this.down.x, y - this.down.y));
  }

  /** True when the press that ends here was a tap. */
  release(t: number, x: number, y: number): boolean {
    if (!this.down) return false;
    this.move(x, y);
    const tap = t - this.down.t <= this.rules.maxMs && this.travelled <= this.rules.maxTravelPx;
    this.down = null;
    return tap;
  }

  /** The press was taken away (pointercancel): never a tap. */
  cancel(): void {
    this.down = null;
  }
}
