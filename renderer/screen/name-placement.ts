/**
 * Which flags get their name drawn under them this frame. Pure (no DOM, no three.js), so it is
 * unit-tested, and a function of world positions only, so screens showing neighbouring slices
 * agree on a name that straddles their seam. The rule:
 * - no names at all when flags are small: `flagSize` under MIN_FLAG_SIZE_FOR_NAMES wall heights
 *   (the label would be under ~13 px on a 1080-line panel);
 * - a name is drawn only if no other flag's centre lies within its label's box grown by half a
 *   flag (horizontally ±1.3 flag widths of the flag, vertically from 1.125 widths below its
 *   centre to 0.45 above): where flags crowd, names would cover them or each other;
 * - at most MAX_LABELS on one screen (its name atlas holds that many), in cursor order.
 * Cost per frame: one bucketing pass over the flags (a uniform grid, typed arrays reused) and at
 * most 64 flags looked at per named flag (more around one name is a crowd): never flags × flags.
 */

/** Flags smaller than this (wall heights) carry no names. */
export const MIN_FLAG_SIZE_FOR_NAMES = 0.04;
/** Names drawn at most on one screen. */
export const MAX_LABELS = 160;
/** The label box, in flag widths: its size, and its centre's depth under the flag's centre. */
export const LABEL = Object.freeze({ width: 1.6, height: 0.3, below: 0.6 });

const REACH_X = LABEL.width / 2 + 0.5;
const REACH_DOWN = LABEL.below + LABEL.height / 2 + 0.375;
const REACH_UP = 0.45;

export interface PlacedCursor {
  x: number;
  y: number;
  name: string;
}

/** The part of the wall this screen shows, in world units (y up). */
export interface WorldView {
  aspect: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Flags looked at around one name at most before it counts as crowded. */
const MAX_LOOKS = 64;

/** Cell index of the m-th (0..8, 4 = itself) cell of the 3 × 3 block around (c, r); -1 off-grid. */
function neighbour(c: number, r: number, m: number, cols: number, rows: number): number {
  const q = c + (m % 3) - 1;
  const w = r + Math.floor(m / 3) - 1;
  return q < 0 || w < 0 || q >= cols || w >= rows ? -1 : w * cols + q;
}

export class NamePlacement {
  /** Indices into the last `place` call's cursors, `count` of them. */
  chosen = new Int32Array(MAX_LABELS);
  count = 0;
  private cellOf = new Int32Array(256);
  private order = new Int32Array(256);
  private start = new Int32Array(1);

  /** Chooses the names to draw among `cursors` (wall fractions, y down); returns how many. */
  place(cursors: readonly PlacedCursor[], flagSize: number, view: WorldView): number {
    this.count = 0;
    const n = cursors.length;
    if (flagSize < MIN_FLAG_SIZE_FOR_NAMES || n === 0) return 0;
    const s = flagSize;
    const cell = REACH_X * s; // ≥ both vertical reaches too: a 3 × 3 block covers the box
    const cols = Math.max(1, Math.min(256, Math.ceil(view.aspect / cell)));
    const rows = Math.max(1, Math.min(256, Math.ceil(1 / cell)));
    this.bucket(cursors, view.aspect, cols, rows, cell);
    for (let i = 0; i < n && this.count < MAX_LABELS; i++) {
      const c = cursors[i]!;
      if (c.name === '') continue;
      const wx = c.x * view.aspect;
      const wy = 1 - c.y;
      // Visible on this screen at all (the label's box against the view)?
      const ly = wy - LABEL.below * s;
      if (wx + (LABEL.width / 2) * s < view.left || wx - (LABEL.width / 2) * s > view.right)
        continue;
      if (ly + (LABEL.height / 2) * s < view.bottom || ly - (LABEL.height / 2) * s > view.top)
        continue;
      if (!this.crowded(cursors, i, wx, wy, s, view.aspect, cols, rows))
        this.chosen[this.count++] = i;
    }
    return this.count;
  }

  /**
   * Whether another flag stands in cursor i's grown label box. Its own cell first (a pile is
   * found at once), then the 8 around it; past MAX_LOOKS flags looked at, it counts as crowded
   * (that many flags around one name are a crowd), so the work per name is bounded.
   */
  private crowded(
    cursors: readonly PlacedCursor[],
    i: number,
    wx: number,
    wy: number,
    s: number,
    aspect: number,
    cols: number,
    rows: number,
  ): boolean {
    const { cellOf, order, start } = this;
    const home = cellOf[i]!;
    const hc = home % cols;
    const hr = (home - hc) / cols;
    let looks = 0;
    for (let n = 0; n < 9; n++) {
      // n = 0 is the home cell; 1..8 the neighbours, row by row.
      const k = n === 0 ? home : neighbour(hc, hr, n <= 4 ? n - 1 : n, cols, rows);
      if (k < 0) continue;
      for (let j = start[k]!; j < start[k + 1]!; j++) {
        const o = order[j]!;
        if (o === i) continue;
        if (++looks > MAX_LOOKS) return true;
        const dx = cursors[o]!.x * aspect - wx;
        const dy = 1 - cursors[o]!.y - wy;
        if (Math.abs(dx) < REACH_X * s && dy > -REACH_DOWN * s && dy < REACH_UP * s) return true;
      }
    }
    return false;
  }

  /** Counting sort of the cursors into grid cells (world units), reusing the arrays. */
  private bucket(
    cursors: readonly PlacedCursor[],
    aspect: number,
    cols: number,
    rows: number,
    cell: number,
  ): void {
    const n = cursors.length;
    if (this.cellOf.length < n) {
      this.cellOf = new Int32Array(n * 2);
      this.order = new Int32Array(n * 2);
    }
    if (this.start.length < cols * rows + 1) this.start = new Int32Array(cols * rows + 1);
    const { cellOf, order } = this;
    const start = this.start;
    start.fill(0, 0, cols * rows + 1);
    for (let i = 0; i < n; i++) {
      const c = cursors[i]!;
      const q = Math.min(cols - 1, Math.max(0, Math.floor((c.x * aspect) / cell)));
      const r = Math.min(rows - 1, Math.max(0, Math.floor((1 - c.y) / cell)));
      cellOf[i] = r * cols + q;
      start[cellOf[i]! + 1]!++;
    }
    for (let k = 0; k < cols * rows; k++) start[k + 1]! += start[k]!;
    // Fill each cell from its end backwards: start[k + 1] ends as cell k's first index, so one
    // shift left makes cell k span start[k] .. start[k + 1].
    const cells = cols * rows;
    for (let i = n - 1; i >= 0; i--) order[--start[cellOf[i]! + 1]!] = i;
    for (let k = 0; k < cells; k++) start[k] = start[k + 1]!;
    start[cells] = n;
  }
}
