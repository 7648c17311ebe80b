import { describe, expect, it } from 'vitest';
import { AtlasSlots } from '../../../../renderer/screen/atlas-slots';

const grid = { width: 256, height: 192, tileWidth: 128, tileHeight: 96, gutter: 2 };

describe('AtlasSlots', () => {
  it('hands out one slot per code, reusing it for the same code', () => {
    const slots = new AtlasSlots(grid);
    expect(slots.capacity).toBe(4);
    expect(slots.allocate('gb')).toEqual({ slot: 0, fresh: true });
    expect(slots.allocate('fr')).toEqual({ slot: 1, fresh: true });
    expect(slots.allocate('gb')).toEqual({ slot: 0, fresh: false });
    expect(slots.used).toBe(2);
  });

  it('returns null when full and reuses released slots', () => {
    const slots = new AtlasSlots(grid);
    for (const c of ['aa', 'bb', 'cc', 'dd']) expect(slots.allocate(c)).not.toBeNull();
    expect(slots.allocate('ee')).toBeNull();
    slots.release('bb');
    expect(slots.slotOf('bb')).toBeUndefined();
    expect(slots.allocate('ee')).toEqual({ slot: 1, fresh: true });
    slots.release('nope'); // unknown: no effect
    expect(slots.used).toBe(4);
  });

  it('maps slots to non-overlapping pixel rects inside the gutter, with flipped UVs', () => {
    const slots = new AtlasSlots(grid);
    expect(slots.rect(0)).toMatchObject({ px: 2, py: 2, pw: 124, ph: 92 });
    const r3 = slots.rect(3);
    expect(r3).toMatchObject({ px: 130, py: 98, pw: 124, ph: 92 });
    // slot 3 is bottom-right of the canvas: its UV rect starts near v = 0 (flipY texture)
    expect(r3.u).toBeCloseTo(130 / 256);
    expect(r3.v).toBeCloseTo(1 - (98 + 92) / 192);
    expect(r3.du).toBeCloseTo(124 / 256);
    expect(r3.dv).toBeCloseTo(92 / 192);
    const r0 = slots.rect(0);
    expect(r0.v).toBeCloseTo(1 - 94 / 192); // top row: high v
  });

  it('rejects impossible grids and slots', () => {
    expect(() => new AtlasSlots({ ...grid, gutter: 64 })).toThrow(TypeError);
    expect(() => new AtlasSlots({ ...grid, width: 64 })).toThrow(TypeError);
    expect(() => new AtlasSlots(grid).rect(4)).toThrow(RangeError);
    expect(() => new AtlasSlots(grid).rect(-1)).toThrow(RangeError);
  });

  it('the production grid holds every flag-icons flag', () => {
    const slots = new AtlasSlots({
      width: 2048,
      height: 2048,
      tileWidth: 128,
      tileHeight: 96,
      gutter: 3,
    });
    expect(slots.capacity).toBeGreaterThanOrEqual(272); // 271 two-letter flags + eo
  });
});
