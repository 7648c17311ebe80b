import { describe, expect, it } from 'vitest';
import {
  holdsBottomRight,
  placeNew,
  sliceFor,
  wallBounds,
  type WallLayout,
} from '../../../shared/geometry/layout';

const bezel = (mm: number) => ({ left: mm, right: mm, top: mm, bottom: mm });

describe('wall layout geometry', () => {
  it('a single screen is the whole wall, whatever its bezels', () => {
    const layout: WallLayout = {
      wifi: '',
      screens: [{ name: 'a', xMm: 40, yMm: 7, widthMm: 800, heightMm: 450, bezelMm: bezel(12) }],
    };
    expect(sliceFor(layout, 'a')).toEqual({ x: 0, y: 0, w: 1, h: 1 });
    expect(sliceFor(layout, 'missing')).toBeNull();
  });

  it('a 2×2 grid skips the bezels between panels', () => {
    const p = (name: string, col: number, row: number) => ({
      name,
      xMm: col * 1020,
      yMm: row * 520,
      widthMm: 1000,
      heightMm: 500,
      bezelMm: bezel(10),
    });
    const layout: WallLayout = {
      wifi: '',
      screens: [p('tl', 0, 0), p('tr', 1, 0), p('bl', 0, 1), p('br', 1, 1)],
    };
    expect(wallBounds(layout)).toEqual({ x: 10, y: 10, w: 2020, h: 1020 });
    const br = sliceFor(layout, 'br')!;
    expect(br.x).toBeCloseTo(1020 / 2020, 12);
    expect(br.y).toBeCloseTo(520 / 1020, 12);
    expect(br.x + br.w).toBeCloseTo(1, 12);
    expect(holdsBottomRight(br)).toBe(true);
    expect(holdsBottomRight(sliceFor(layout, 'tr')!)).toBe(false);
  });

  it('places a new screen to the right of the rest, top-aligned', () => {
    const layout: WallLayout = {
      wifi: '',
      screens: [{ name: 'a', xMm: 0, yMm: 30, widthMm: 1000, heightMm: 500, bezelMm: bezel(5) }],
    };
    expect(placeNew(layout, 'b')).toMatchObject({ name: 'b', xMm: 1010, yMm: 30 });
    expect(placeNew({ screens: [], wifi: '' }, 'first')).toMatchObject({ xMm: 0, yMm: 0 });
  });
});
