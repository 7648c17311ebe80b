/** The phone's whole page is a touch pad for the whole wall: page point → wall fractions. */
export interface PadRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Client (CSS px) point → wall fractions (0..1 each axis, y down), clamped to the wall. */
export function padToWall(
  rect: PadRect,
  clientX: number,
  clientY: number,
): { x: number; y: number } {
  if (!(rect.width > 0) || !(rect.height > 0)) return { x: 0.5, y: 0.5 };
  return {
    x: clamp01((clientX - rect.left) / rect.width),
    y: clamp01((clientY - rect.top) / rect.height),
  };
}
