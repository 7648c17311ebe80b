/**
 * Where a newcomer's flag first stands: a free spot, not on top of the others. The wall is cut
 * into cells one flag wide; every flag on the wall (dozing ones too: they are drawn) is counted
 * in its cell, once. A cell whose 3 × 3 block is empty has no flag within 1.5 flag widths of its
 * centre. The newcomer takes the cell with the fewest flags around it (its 3 × 3 block first,
 * then its 5 × 5 block: each flag there weighs as much as half the way from the middle to a
 * corner), and of those the nearest the middle of the wall. Cost: one pass over
 * the phones plus a few passes over at most MAX_CELLS cells (a summed-area table), whatever the
 * crowd; deterministic for given positions, so it is testable and every run agrees.
 */
import { wallBounds, type WallLayout } from '../../shared/geometry/layout';

export interface SpawnOptions {
  /** Flag width in wall heights (settings.flagSize). */
  flagSize: number;
  /** Wall width / height. */
  aspect: number;
}

/** Cells per axis at most (tiny flags on a very wide wall): bounds the work per join. */
export const MAX_CELLS_PER_AXIS = 96;

/** A wall whose shape nobody told the hub (no layout yet): a 16:9 panel. */
export const DEFAULT_ASPECT = 16 / 9;

/** Wall width / height from the operator's layout, or 16:9 when there is none. */
export function aspectOf(layout: WallLayout): number {
  const b = wallBounds(layout);
  return b && b.w > 0 && b.h > 0 ? b.w / b.h : DEFAULT_ASPECT;
}

/** The spot (wall fractions) for a new flag among `phones`. */
export function freeSpot(
  phones: Iterable<{ x: number; y: number }>,
  opts: SpawnOptions,
): { x: number; y: number } {
  const size = opts.flagSize > 0 ? opts.flagSize : 0.08;
  const aspect = opts.aspect > 0 && Number.isFinite(opts.aspect) ? opts.aspect : DEFAULT_ASPECT;
  const cols = clampCells(aspect / size);
  const rows = clampCells(1 / size);
  // Summed-area table of flag counts, one row and column of zeros in front.
  const w = cols + 1;
  const sat = new Uint32Array(w * (rows + 1));
  for (const p of phones) {
    const c = Math.min(cols - 1, Math.max(0, Math.floor(p.x * cols)));
    const r = Math.min(rows - 1, Math.max(0, Math.floor(p.y * rows)));
    sat[(r + 1) * w + c + 1]!++;
  }
  for (let r = 1; r <= rows; r++)
    for (let c = 1; c <= cols; c++)
      sat[r * w + c]! += sat[(r - 1) * w + c]! + sat[r * w + c - 1]! - sat[(r - 1) * w + c - 1]!;
  /** Flags in the block of cells within `k` of (c, r), clipped to the wall. */
  const around = (c: number, r: number, k: number): number => {
    const c0 = Math.max(0, c - k);
    const r0 = Math.max(0, r - k);
    const c1 = Math.min(cols, c + k + 1);
    const r1 = Math.min(rows, r + k + 1);
    return sat[r1 * w + c1]! - sat[r0 * w + c1]! - sat[r1 * w + c0]! + sat[r0 * w + c0]!;
  };
  let best = { x: 0.5, y: 0.5 };
  let bestScore = Infinity;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = (c + 0.5) / cols;
      const y = (r + 0.5) / rows;
      // Distance to the middle in wall heights, as a fraction of the farthest cell's (< 1).
      const d = Math.hypot((x - 0.5) * aspect, y - 0.5) / Math.hypot(aspect / 2, 0.5);
      const score = around(c, r, 1) * 1e6 + around(c, r, 2) * 0.5 + d;
      if (score < bestScore) {
        bestScore = score;
        best = { x, y };
      }
    }
  }
  return best;
}

function clampCells(n: number): number {
  return Math.max(1, Math.min(MAX_CELLS_PER_AXIS, Math.floor(n)));
}
