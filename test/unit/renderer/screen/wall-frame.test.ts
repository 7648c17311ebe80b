import { describe, expect, it } from 'vitest';
import { frameForSlice, wallToViewport, wallToWorld } from '../../../../renderer/screen/wall-frame';

describe('wall frame', () => {
  it('whole wall: aspect is the window aspect and the camera sees all of it', () => {
    const f = frameForSlice({ x: 0, y: 0, w: 1, h: 1 }, 1600, 900);
    expect(f.aspect).toBeCloseTo(16 / 9);
    expect(f).toMatchObject({ left: 0, top: 1, bottom: 0 });
    expect(f.right).toBeCloseTo(16 / 9);
  });

  it('two half slices of equal windows agree on the wall and meet at the middle', () => {
    const left = frameForSlice({ x: 0, y: 0, w: 0.5, h: 1 }, 800, 450);
    const right = frameForSlice({ x: 0.5, y: 0, w: 0.5, h: 1 }, 800, 450);
    expect(left.aspect).toBeCloseTo(32 / 9);
    expect(right.aspect).toBeCloseTo(left.aspect);
    expect(left.right).toBeCloseTo(right.left);
    // a point at the seam is at the right edge of one and the left edge of the other
    expect(wallToViewport({ x: 0, y: 0, w: 0.5, h: 1 }, 800, 450, 0.5, 0.5)).toEqual([800, 225]);
    expect(wallToViewport({ x: 0.5, y: 0, w: 0.5, h: 1 }, 800, 450, 0.5, 0.5)).toEqual([0, 225]);
  });

  it('vertical slices flip y into world units', () => {
    const f = frameForSlice({ x: 0, y: 0.5, w: 1, h: 0.5 }, 1000, 500);
    expect(f).toMatchObject({ top: 0.5, bottom: 0 });
    expect(wallToWorld(f, 1, 0)).toEqual([f.aspect, 1]);
    expect(wallToWorld(f, 0, 1)).toEqual([0, 0]);
  });

  it('survives a zero-sized window', () => {
    const f = frameForSlice({ x: 0, y: 0, w: 1, h: 1 }, 0, 0);
    expect(Number.isFinite(f.aspect)).toBe(true);
  });
});
