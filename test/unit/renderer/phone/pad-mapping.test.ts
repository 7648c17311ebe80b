import { describe, expect, it } from 'vitest';
import { padToWall } from '../../../../renderer/phone/pad-mapping';

describe('padToWall', () => {
  const rect = { left: 0, top: 0, width: 390, height: 844 };

  it('maps the page corners and centre onto the wall', () => {
    expect(padToWall(rect, 0, 0)).toEqual({ x: 0, y: 0 });
    expect(padToWall(rect, 390, 844)).toEqual({ x: 1, y: 1 });
    expect(padToWall(rect, 195, 211)).toEqual({ x: 0.5, y: 0.25 });
  });

  it('respects an offset pad and clamps outside points', () => {
    const r = { left: 10, top: 20, width: 100, height: 200 };
    expect(padToWall(r, 60, 120)).toEqual({ x: 0.5, y: 0.5 });
    expect(padToWall(r, -50, 999)).toEqual({ x: 0, y: 1 });
  });

  it('a collapsed pad maps to the centre instead of NaN', () => {
    expect(padToWall({ left: 0, top: 0, width: 0, height: 0 }, 5, 5)).toEqual({ x: 0.5, y: 0.5 });
  });
});
