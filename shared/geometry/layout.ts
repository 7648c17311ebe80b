/**
 * The physical wall: where each screen hangs, in millimetres, with its bezels. A screen's slice
 * (what part of the wall it draws) follows from the layout, so content hidden behind a bezel is
 * skipped exactly as if the panels were one seamless surface.
 *
 * Coordinates: x right, y down, origin anywhere (only differences matter). A placement's
 * (xMm, yMm) is the top-left of its OUTER edge (bezel included); widthMm × heightMm is the
 * visible panel. The wall is the bounding box of all visible panels.
 */
import type { Slice } from './slice';

export interface BezelMm {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ScreenPlacement {
  /** The screen's name, as sent in its hello. */
  name: string;
  xMm: number;
  yMm: number;
  /** Visible panel size. */
  widthMm: number;
  heightMm: number;
  bezelMm: BezelMm;
}

export interface WallLayout {
  /** Placed screens, in the order the operator numbers them (identify shows index + 1). */
  screens: ScreenPlacement[];
  /** Wi-Fi network name shown on the join banner; empty hides it. */
  wifi: string;
}

export const EMPTY_LAYOUT: Readonly<WallLayout> = Object.freeze({ screens: [], wifi: '' });

/** A 55" 16:9 panel with thin bezels: the size a newly placed screen starts at. */
export const DEFAULT_PANEL = Object.freeze({
  widthMm: 1210,
  heightMm: 680,
  bezelMm: Object.freeze({ left: 3, right: 3, top: 3, bottom: 3 }),
});

export interface RectMm {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The visible panel of a placement, in wall millimetres. */
export const visibleRect = (p: ScreenPlacement): RectMm => ({
  x: p.xMm + p.bezelMm.left,
  y: p.yMm + p.bezelMm.top,
  w: p.widthMm,
  h: p.heightMm,
});

/** The outer edge (bezels included). */
export const outerRect = (p: ScreenPlacement): RectMm => ({
  x: p.xMm,
  y: p.yMm,
  w: p.bezelMm.left + p.widthMm + p.bezelMm.right,
  h: p.bezelMm.top + p.heightMm + p.bezelMm.bottom,
});

/** Bounding box of all visible panels; null for an empty layout. */
export function wallBounds(layout: WallLayout): RectMm | null {
  if (layout.screens.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of layout.screens) {
    const r = visibleRect(p);
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.w);
    y1 = Math.max(y1, r.y + r.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** The slice a placed screen draws; null when the screen is not in the layout. */
export function sliceFor(layout: WallLayout, name: string): Slice | null {
  const p = layout.screens.find((s) => s.name === name);
  const wall = wallBounds(layout);
  if (!p || !wall) return null;
  const r = visibleRect(p);
  const clamp = (v: number): number => Math.min(1, Math.max(0, v));
  const x = clamp((r.x - wall.x) / wall.w);
  const y = clamp((r.y - wall.y) / wall.h);
  return { x, y, w: Math.min(1 - x, r.w / wall.w), h: Math.min(1 - y, r.h / wall.h) };
}

/** A new screen goes to the right of everything placed, top-aligned, at the default size. */
export function placeNew(layout: WallLayout, name: string): ScreenPlacement {
  let right = 0;
  let top = Infinity;
  for (const p of layout.screens) {
    const r = outerRect(p);
    right = Math.max(right, r.x + r.w);
    top = Math.min(top, r.y);
  }
  return {
    name,
    xMm: right,
    yMm: Number.isFinite(top) ? top : 0,
    widthMm: DEFAULT_PANEL.widthMm,
    heightMm: DEFAULT_PANEL.heightMm,
    bezelMm: { ...DEFAULT_PANEL.bezelMm },
  };
}

/** Whether a slice touches the wall's bottom-right corner (that screen shows the join banner). */
export const holdsBottomRight = (s: Slice): boolean =>
  s.x + s.w >= 1 - 1e-6 && s.y + s.h >= 1 - 1e-6;
