/**
 * Where this window looks at the wall. World units: the wall is 1 high and `aspect` wide, origin
 * at its bottom-left, y up (wall fractions have y down). Until the operator's layout supplies the
 * wall's real shape, the wall is taken to be made of windows like this one: its aspect is this
 * window's aspect scaled by the slice (two equal windows showing x 0–0.5 and 0.5–1 agree).
 */
import type { Slice } from '../../shared/geometry/slice';

export interface WallFrame {
  /** Wall width / wall height. */
  aspect: number;
  /** Orthographic camera bounds in world units. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function frameForSlice(
  slice: Slice,
  viewportWidth: number,
  viewportHeight: number,
): WallFrame {
  const vw = Math.max(1, viewportWidth);
  const vh = Math.max(1, viewportHeight);
  const aspect = vw / slice.w / (vh / slice.h);
  return {
    aspect,
    left: slice.x * aspect,
    right: (slice.x + slice.w) * aspect,
    top: 1 - slice.y,
    bottom: 1 - (slice.y + slice.h),
  };
}

/** Wall fractions (x right, y down) → world units. */
export function wallToWorld(
  frame: Pick<WallFrame, 'aspect'>,
  x: number,
  y: number,
): [number, number] {
  return [x * frame.aspect, 1 - y];
}

/** Wall fractions → this window's CSS pixels (may fall outside the window). */
export function wallToViewport(
  slice: Slice,
  viewportWidth: number,
  viewportHeight: number,
  x: number,
  y: number,
): [number, number] {
  return [((x - slice.x) / slice.w) * viewportWidth, ((y - slice.y) / slice.h) * viewportHeight];
}
