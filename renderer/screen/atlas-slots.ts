/**
 * Slot bookkeeping for the flag texture atlas: a grid of equal tiles, handed out on demand as
 * countries appear and taken back when their art fails to load. Pure: the canvas and texture live
 * in flag-atlas.ts.
 */

export interface AtlasGrid {
  /** Atlas size in pixels. */
  width: number;
  height: number;
  /** One tile's size in pixels, gutter included. */
  tileWidth: number;
  tileHeight: number;
  /** Pixels left empty around the art inside each tile, so filtering never bleeds between flags. */
  gutter: number;
}

/** A tile's art rectangle: pixels on the canvas (top-left origin) and UVs (bottom-left origin). */
export interface TileRect {
  px: number;
  py: number;
  pw: number;
  ph: number;
  /** u0, v0 of the bottom-left corner and the size in UV units (matches a flipY texture). */
  u: number;
  v: number;
  du: number;
  dv: number;
}

export class AtlasSlots {
  readonly columns: number;
  readonly rows: number;
  private readonly byCode = new Map<string, number>();
  private readonly free: number[] = [];
  private next = 0;

  constructor(readonly grid: AtlasGrid) {
    if (grid.tileWidth <= 2 * grid.gutter || grid.tileHeight <= 2 * grid.gutter)
      throw new TypeError('AtlasSlots: gutter leaves no room for art');
    this.columns = Math.floor(grid.width / grid.tileWidth);
    this.rows = Math.floor(grid.height / grid.tileHeight);
    if (this.columns < 1 || this.rows < 1)
      throw new TypeError('AtlasSlots: tile larger than atlas');
  }

  get capacity(): number {
    return this.columns * this.rows;
  }

  get used(): number {
    return this.byCode.size;
  }

  slotOf(code: string): number | undefined {
    return this.byCode.get(code);
  }

  /**
   * The slot for `code`, allocating one if it has none (`fresh` tells the caller to draw the
   * art). Null when the atlas is full: the caller shows the fallback flag instead.
   */
  allocate(code: string): { slot: number; fresh: boolean } | null {
    const known = this.byCode.get(code);
    if (known !== undefined) return { slot: known, fresh: false };
    const slot = this.free.length ? this.free.pop()! : this.next < this.capacity ? this.next++ : -1;
    if (slot < 0) return null;
    this.byCode.set(code, slot);
    return { slot, fresh: true };
  }

  /** Gives a code's slot back (its art failed); later allocations reuse it. */
  release(code: string): void {
    const slot = this.byCode.get(code);
    if (slot === undefined) return;
    this.byCode.delete(code);
    this.free.push(slot);
  }

  rect(slot: number): TileRect {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.capacity)
      throw new RangeError(`AtlasSlots: no slot ${slot}`);
    const { width, height, tileWidth, tileHeight, gutter } = this.grid;
    const px = (slot % this.columns) * tileWidth + gutter;
    const py = Math.floor(slot / this.columns) * tileHeight + gutter;
    const pw = tileWidth - 2 * gutter;
    const ph = tileHeight - 2 * gutter;
    return {
      px,
      py,
      pw,
      ph,
      u: px / width,
      v: 1 - (py + ph) / height,
      du: pw / width,
      dv: ph / height,
    };
  }
}
