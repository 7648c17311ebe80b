/**
 * The band over every kept sample: where each direction's fastest delivery has been seen (the
 * offset fit compares its own window with it to notice a run of slow packets). Kept
 * incrementally, since it runs on every pong over up to 16,384 samples on the page's main thread:
 * which sample binds each line, min(up − rate·(tUp − tRef)) and max(lo − rate·(tLo − tRef)),
 * depends on the rate but not on tRef. So between rate changes a new sample is compared with the
 * two binding ones, and the whole history is scanned again only when the rate changes (every 8th
 * pong on a long history) or a binding sample is dropped.
 */
import type { BandPoint } from './band-fit';

export interface FloorBand {
  /** Upper (θ + min uplink) and lower (θ − min downlink) lines at tRef. */
  hi: number;
  lo: number;
  /** How far before tRef the older of the two binding samples lies. */
  leverMs: number;
}

export class Floor {
  private up: BandPoint | null = null;
  private down: BandPoint | null = null;
  private rate = NaN;

  /** Forget the binding samples: the next update scans everything. */
  reset(): void {
    this.up = this.down = null;
  }

  /** `dropped` left the history: a binding sample among them forces a full scan next time. */
  forget(dropped: readonly BandPoint[]): void {
    for (const p of dropped) if (p === this.up || p === this.down) this.reset();
  }

  /**
   * The band over `points` at tRef and `rate`; `added` is the one sample stored since the last
   * update (the newest). Ties bind on the older sample, as in fitBand.
   */
  update(points: readonly BandPoint[], added: BandPoint, rate: number, tRef: number): FloorBand {
    const upAt = (p: BandPoint): number => p.up - rate * (p.tUp - tRef);
    const loAt = (p: BandPoint): number => p.lo - rate * (p.tLo - tRef);
    if (rate !== this.rate || !this.up || !this.down) {
      this.rate = rate;
      let up = points[0] ?? added;
      let down = up;
      let hi = upAt(up);
      let lo = loAt(down);
      for (const p of points) {
        const u = upAt(p);
        const l = loAt(p);
        if (u < hi) [hi, up] = [u, p];
        if (l > lo) [lo, down] = [l, p];
      }
      [this.up, this.down] = [up, down];
    } else {
      if (upAt(added) < upAt(this.up)) this.up = added;
      if (loAt(added) > loAt(this.down)) this.down = added;
    }
    return {
      hi: upAt(this.up),
      lo: loAt(this.down),
      leverMs: Math.max(0, tRef - Math.min(this.up.tUp, this.down.tLo)),
    };
  }
}
