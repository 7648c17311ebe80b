/**
 * Where a newcomer's flag first stands: a free spot, not on top of the others. The wall is cut
 * into cells about one flag wide; the candidates are the cells' centres. Every flag on the wall
 * (dozing ones too: they are drawn) is put in its cell once; a candidate's clearance is the
 * distance, in flag widths, to the nearest flag in its 5 × 5 block of cells (anything farther is
 * more than 2.5 widths away). The newcomer takes an empty cell if there is one, then the best
 * clearance in quarter-width steps up to 1.5 widths (more is room enough), then the candidate
 * nearest the middle of the wall. Cost: one pass over the phones, one over at most
 * MAX_CELLS_PER_AXIS² cells, and each phone looked at by at most 25 candidates, whatever the
 * crowd does. Deterministic for given positions, so it is testable and every run agrees.
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

/** Clearance counted as "room enough", flag widths; and the steps it is compared in. */
const ROOM = 1.5;
const STEP = 0.25;

/** The spot (wall fractions) for a new flag among `phones`. */
export function freeSpot(
  phones: Iterable<{ x: number; y: number }>,
  opts: SpawnOptions,
): { x: number; y: number } {
  const size = opts.flagSize > 0 ? opts.flagSize : 0.08;
  const aspect = opts.aspect > 0 && Number.isFinite(opts.aspect) ? opts.aspect : DEFAULT_ASPECT;
  const cols = clampCells(aspect / size);
  const rows = clampCells(1 / size);
  const cellOf = (x: number, y: number): number =>
    Math.min(rows - 1, Math.max(0, Math.floor(y * rows))) * cols +
    Math.min(cols - 1, Math.max(0, Math.floor(x * cols)));
  // Bucket the flags by cell (a counting sort): start[c] .. start[c + 1] index `order`.
  const xs: number[] = [];
  const ys: number[] = [];
  const start = new Uint32Array(cols * rows + 1);
  for (const p of phones) {
    xs.push(p.x);
    ys.push(p.y);
    start[cellOf(p.x, p.y) + 1]!++;
  }
  let minOwn = Infinity;
  for (let c = 0; c < cols * rows; c++) {
    minOwn = Math.min(minOwn, start[c + 1]!);
    start[c + 1]! += start[c]!;
  }
  const fill = start.slice(0, -1);
  const order = new Uint32Array(xs.length);
  for (let i = 0; i < xs.length; i++) order[fill[cellOf(xs[i]!, ys[i]!)]!++] = i;

  let best = { x: 0.5, y: 0.5 };
  let bestRoom = -1;
  // Nearest the middle first: the first candidate with room enough wins.
  for (const cell of byDistance(cols, rows, aspect)) {
    if (start[cell + 1]! - start[cell]! !== minOwn) continue;
    const r = Math.floor(cell / cols);
    const c = cell - r * cols;
    const x = (c + 0.5) / cols;
    const y = (r + 0.5) / rows;
    let clear2 = ROOM * ROOM * size * size; // squared, in wall heights
    for (let rr = Math.max(0, r - 2); rr <= Math.min(rows - 1, r + 2); rr++) {
      for (let cc = Math.max(0, c - 2); cc <= Math.min(cols - 1, c + 2); cc++) {
        const k = rr * cols + cc;
        for (let j = start[k]!; j < start[k + 1]!; j++) {
          const i = order[j]!;
          const dx = (xs[i]! - x) * aspect;
          const dy = ys[i]! - y;
          clear2 = Math.min(clear2, dx * dx + dy * dy);
        }
      }
    }
    const room = Math.floor(Math.sqrt(clear2) / size / STEP + 1e-9);
    if (room > bestRoom) {
      bestRoom = room;
      best = { x, y };
      if (room * STEP >= ROOM) break;
    }
  }
  return best;
}

/** The grid's cells, nearest the wall's middle first (ties in index order); cached per grid. */
let cachedOrder: { key: string; cells: Uint32Array } | null = null;
function byDistance(cols: number, rows: number, aspect: number): Uint32Array {
  const key = `${cols}x${rows}@${aspect}`;
  if (cachedOrder?.key === key) return cachedOrder.cells;
  const d = (cell: number): number => {
    const r = Math.floor(cell / cols);
    const c = cell - r * cols;
    return Math.hypot(((c + 0.5) / cols - 0.5) * aspect, (r + 0.5) / rows - 0.5);
  };
  const cells = Uint32Array.from({ length: cols * rows }, (_, i) => i).sort(
    (a, b) => d(a) - d(b) || a - b,
  );
  cachedOrder = { key, cells };
  return cells;
}

function clampCells(n: number): number {
  return Math.max(1, Math.min(MAX_CELLS_PER_AXIS, Math.floor(n)));
}
