import { describe, expect, it } from 'vitest';
import { closerSnap } from '../../../../renderer/operator/layout-editor';

describe('closerSnap (layout editor edge snapping, one axis)', () => {
  // Other screen spans 1000..2000 mm; tolerance 30 mm.
  it('puts my left edge on their right edge, or my right edge on their left edge', () => {
    expect(closerSnap(null, 2010, 500, 1000, 1000, 30)).toBe(-10); // left → their right
    expect(closerSnap(null, 480, 500, 1000, 1000, 30)).toBe(20); // right → their left
  });

  it('aligns same-side edges too', () => {
    expect(closerSnap(null, 1015, 500, 1000, 1000, 30)).toBe(-15); // left → their left
  });

  it('keeps a closer earlier snap and ignores edges beyond the tolerance', () => {
    expect(closerSnap(-5, 2020, 500, 1000, 1000, 30)).toBe(-5);
    expect(closerSnap(null, 2100, 500, 1000, 1000, 30)).toBeNull();
  });
});
