import { describe, expect, it } from 'vitest';
import {
  LABEL,
  MAX_LABELS,
  MIN_FLAG_SIZE_FOR_NAMES,
  NamePlacement,
  type PlacedCursor,
} from '../../../../renderer/screen/name-placement';

const ASPECT = 16 / 9;
const WHOLE = { aspect: ASPECT, left: 0, right: ASPECT, top: 1, bottom: 0 };
const S = 0.08;
const placed = (cursors: PlacedCursor[], size = S, view = WHOLE): string[] => {
  const p = new NamePlacement();
  const n = p.place(cursors, size, view);
  return Array.from(p.chosen.subarray(0, n), (i) => cursors[i]!.name);
};
/** A cursor `dx`, `dy` flag widths from (0.5, 0.5), world directions (dy up). */
const at = (name: string, dx = 0, dy = 0): PlacedCursor => ({
  name,
  x: 0.5 + (dx * S) / ASPECT,
  y: 0.5 - dy * S,
});

describe('which names are drawn (name-placement)', () => {
  it('draws the names of flags with room around them, never empty names', () => {
    expect(placed([at('Ada'), at('Bo', 4, 0), at('', -4, 0)])).toEqual(['Ada', 'Bo']);
  });

  it('drops every name when flags are small', () => {
    expect(placed([at('Ada')], MIN_FLAG_SIZE_FOR_NAMES * 0.99)).toEqual([]);
    expect(placed([at('Ada')], MIN_FLAG_SIZE_FOR_NAMES)).toEqual(['Ada']);
  });

  it("drops a name when another flag stands within its label's box grown by half a flag", () => {
    // Right under Ada's flag, where her label goes: her name is dropped, Bo's (below) is kept.
    expect(placed([at('Ada'), at('Bo', 0.3, -LABEL.below)])).toEqual(['Bo']);
    // Side by side, one flag apart: the labels would run into each other.
    expect(placed([at('Ada'), at('Bo', 1, 0)])).toEqual([]);
    // Far enough apart sideways, or well above: both drawn.
    expect(placed([at('Ada'), at('Bo', 1.4, 0)])).toEqual(['Ada', 'Bo']);
    expect(placed([at('Ada'), at('Bo', 0, 1.5)])).toEqual(['Ada', 'Bo']);
  });

  it('draws only names on this screen, at most MAX_LABELS, for a crowd of 2000 in one pass', () => {
    const crowd: PlacedCursor[] = [];
    for (let i = 0; i < 2000; i++)
      crowd.push({ name: `n${i}`, x: (i % 50) / 50 + 0.01, y: Math.floor(i / 50) / 40 + 0.01 });
    expect(placed(crowd)).toEqual([]); // 50 × 40 flags of 0.08: all crowded
    const sparse: PlacedCursor[] = [];
    for (let i = 0; i < 400; i++)
      sparse.push({ name: `n${i}`, x: (i % 20) / 20 + 0.02, y: Math.floor(i / 20) / 20 + 0.02 });
    expect(placed(sparse, 0.04).length).toBe(Math.min(MAX_LABELS, 400));
    const left = { ...WHOLE, right: ASPECT / 2 };
    const mine = placed([at('Ada', -5, 0), at('Bo', 5, 0)], S, left);
    expect(mine).toEqual(['Ada']);
  });

  it('looks at no more than 64 flags per name: beside a big pile a name counts as crowded', () => {
    let reads = 0;
    const counted = (c: PlacedCursor): PlacedCursor => ({
      name: c.name,
      get x() {
        reads++;
        return c.x;
      },
      y: c.y,
    });
    // Three names, out of reach of each other and of a pile of 1000 just above them.
    const singles = [at('L', -1.35, 0), at('M'), at('R', 1.35, 0)];
    const pile = Array.from({ length: 1000 }, (_, i) => at(`P${i}`, 0, 0.6));
    expect(placed([...singles, ...pile.slice(0, 10)])).toEqual(['L', 'M', 'R']);
    const all = [...singles, ...pile].map(counted);
    expect(placed(all)).toEqual([]);
    // Bucketing reads each x once; each name its own x and at most 64 others.
    expect(reads).toBeLessThanOrEqual(all.length * (1 + 1 + 64));
    expect(reads).toBeLessThan(all.length * 4); // each pile flag finds a neighbour at once
  });
});
