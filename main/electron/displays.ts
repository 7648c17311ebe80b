/**
 * Which displays get a screen window and which part of the wall each shows. Pure: display
 * geometry in, a plan out, so the arithmetic is tested without Electron.
 *
 * The chosen displays are laid out as the OS arranges them (Electron's display bounds, in DIP);
 * their bounding box is this machine's share of the wall (`region`, the whole wall by default) and
 * each display shows the part of it that it covers. Side-by-side displays split the wall left to
 * right, stacked ones top to bottom, a grid both ways.
 */
import type { DisplaySelection } from '../config/app-config';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Bounds;
}

export interface WallRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ScreenPlan {
  displayId: number;
  /** Position in arrangement order (left to right, then top to bottom) among ALL displays. */
  index: number;
  bounds: Bounds;
  slice: WallRect;
}

export interface PlanResult {
  plans: ScreenPlan[];
  /** Entries of the selection that matched no display (reported, not fatal). */
  missing: (number | string)[];
}

/** All displays sorted left to right, then top to bottom: the order indexes count in. */
export function arrange<D extends DisplayInfo>(displays: readonly D[]): D[] {
  return [...displays].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
}

export function planScreens(
  displays: readonly DisplayInfo[],
  primaryId: number,
  selection: DisplaySelection,
  region: WallRect = { x: 0, y: 0, w: 1, h: 1 },
): PlanResult {
  const ordered = arrange(displays);
  const missing: (number | string)[] = [];
  let chosen: DisplayInfo[];
  if (selection === 'all') chosen = ordered;
  else if (selection === 'primary') chosen = ordered.filter((d) => d.id === primaryId);
  else {
    chosen = [];
    for (const entry of selection) {
      const found =
        typeof entry === 'number' ? ordered[entry] : ordered.find((d) => String(d.id) === entry);
      if (!found) missing.push(entry);
      else if (!chosen.includes(found)) chosen.push(found);
    }
    chosen = arrange(chosen);
  }
  if (chosen.length === 0) return { plans: [], missing };

  const left = Math.min(...chosen.map((d) => d.bounds.x));
  const top = Math.min(...chosen.map((d) => d.bounds.y));
  const right = Math.max(...chosen.map((d) => d.bounds.x + d.bounds.width));
  const bottom = Math.max(...chosen.map((d) => d.bounds.y + d.bounds.height));
  const spanX = right - left;
  const spanY = bottom - top;
  // Edges are rounded, then sizes taken between rounded edges, so neighbours meet exactly and
  // no slice pokes past the wall's edge by a rounding error.
  const edgeX = (px: number): number => round(region.x + (region.w * (px - left)) / spanX);
  const edgeY = (py: number): number => round(region.y + (region.h * (py - top)) / spanY);
  const plans = chosen.map((d) => {
    const x = edgeX(d.bounds.x);
    const y = edgeY(d.bounds.y);
    return {
      displayId: d.id,
      index: ordered.indexOf(d),
      bounds: { ...d.bounds },
      slice: {
        x,
        y,
        w: round(edgeX(d.bounds.x + d.bounds.width) - x),
        h: round(edgeY(d.bounds.y + d.bounds.height) - y),
      },
    };
  });
  return { plans, missing };
}

/** `<hub>/screen?key=…&x=&y=&w=&h=`: the page a screen window loads for its slice. */
export function screenUrl(hubBase: string, key: string | null, slice: WallRect): string {
  const url = new URL('/screen', hubBase);
  if (key) url.searchParams.set('key', key);
  url.searchParams.set('x', String(slice.x));
  url.searchParams.set('y', String(slice.y));
  url.searchParams.set('w', String(slice.w));
  url.searchParams.set('h', String(slice.h));
  return url.toString();
}

/** Six decimals: exact for every real layout, and keeps URLs readable in logs. */
const round = (n: number): number => Math.round(n * 1e6) / 1e6;
