/** A rectangle of the wall in wall fractions (0..1 on each axis): what one screen shows. */
export interface Slice {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where a phone's flag stands before its first move: the hub starts every phone here, and a
 * screen that learns of a phone from a roster (not a snapshot) places it here too, so all screens
 * agree before the first TICK moves it.
 */
export const JOIN_POSITION: Readonly<{ x: number; y: number }> = Object.freeze({ x: 0.5, y: 0.5 });

export const WHOLE_WALL: Readonly<Slice> = Object.freeze({ x: 0, y: 0, w: 1, h: 1 });

/** A slice must lie inside the wall and have positive size. */
export function isValidSlice(s: Slice): boolean {
  const ok = (n: number): boolean => Number.isFinite(n) && n >= 0 && n <= 1;
  return (
    ok(s.x) &&
    ok(s.y) &&
    ok(s.w) &&
    ok(s.h) &&
    s.w > 0 &&
    s.h > 0 &&
    s.x + s.w <= 1 + 1e-9 &&
    s.y + s.h <= 1 + 1e-9
  );
}

/** Parses `?x=&y=&w=&h=` style values; missing keys default to the whole wall. Null if invalid. */
export function sliceFromParams(get: (key: string) => string | null): Slice | null {
  const num = (k: keyof Slice): number => {
    const raw = get(k);
    return raw === null || raw === '' ? WHOLE_WALL[k] : Number(raw);
  };
  const s = { x: num('x'), y: num('y'), w: num('w'), h: num('h') };
  return isValidSlice(s) ? s : null;
}

/** Maps a point in wall fractions to the slice's local 0..1 coordinates (may fall outside 0..1). */
export function wallToSlice(s: Slice, x: number, y: number): { u: number; v: number } {
  return { u: (x - s.x) / s.w, v: (y - s.y) / s.h };
}
