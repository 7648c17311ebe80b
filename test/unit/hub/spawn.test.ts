import { describe, expect, it } from 'vitest';
import { aspectOf, freeSpot, MAX_CELLS_PER_AXIS } from '../../../main/hub/spawn';
import { DEFAULT_ASPECT } from '../../../main/hub/spawn';
import { connectMemoryClient } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';
import type { WelcomeMsg } from '../../../shared/protocol/hub-messages';

const ASPECT = 16 / 9;
const SIZE = 0.08;
/** Distance in flag widths (wall heights / flagSize), x scaled by the wall's aspect. */
const apart = (a: { x: number; y: number }, b: { x: number; y: number }): number =>
  Math.hypot((a.x - b.x) * ASPECT, a.y - b.y) / SIZE;

/** Places `n` newcomers one after the other, as the hub does. */
function crowd(n: number, start: { x: number; y: number }[] = []): { x: number; y: number }[] {
  const placed = [...start];
  for (let i = 0; i < n; i++) placed.push(freeSpot(placed, { flagSize: SIZE, aspect: ASPECT }));
  return placed;
}

describe('a free spot for each newcomer', () => {
  it('the first lands near the middle, the next ones never within a flag width of another', () => {
    const placed = crowd(60);
    expect(apart(placed[0]!, { x: 0.5, y: 0.5 })).toBeLessThan(1);
    for (let i = 1; i < placed.length; i++)
      for (let j = 0; j < i; j++) expect(apart(placed[i]!, placed[j]!)).toBeGreaterThan(1);
    // Biased toward the middle: the first ten stay in the central half of the wall.
    for (const p of placed.slice(0, 10)) {
      expect(Math.abs(p.x - 0.5)).toBeLessThan(0.25);
      expect(Math.abs(p.y - 0.5)).toBeLessThan(0.25);
    }
  });

  it('avoids a pile of flags that already stand in the middle (the old join position)', () => {
    const pile = Array.from({ length: 40 }, () => ({ x: 0.5, y: 0.5 }));
    const spot = freeSpot(pile, { flagSize: SIZE, aspect: ASPECT });
    expect(apart(spot, { x: 0.5, y: 0.5 })).toBeGreaterThan(1.5);
  });

  it('is deterministic and stays on the wall when it is full (600 flags, 264 cells)', () => {
    const full = crowd(600);
    const again = crowd(600);
    expect(again).toEqual(full);
    for (const p of full) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(1);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(1);
    }
  });

  it('costs one pass over the phones and a bounded grid, however small the flags', () => {
    let visited = 0;
    const phones = Array.from({ length: 2000 }, (_, i) => ({ x: (i % 50) / 50, y: i / 2000 }));
    const counted = {
      *[Symbol.iterator]() {
        for (const p of phones) {
          visited++;
          yield p;
        }
      },
    };
    freeSpot(counted, { flagSize: 0.01, aspect: 10 });
    expect(visited).toBe(2000);
    // 0.01 on a 10:1 wall would be 1000 × 100 cells: capped, so the spot is on the capped grid.
    const spot = freeSpot([], { flagSize: 0.001, aspect: 10 });
    const cols = MAX_CELLS_PER_AXIS;
    expect(Math.abs(spot.x * cols - Math.floor(spot.x * cols) - 0.5)).toBeLessThan(1e-9);
  });

  it('reads the wall shape from the layout, 16:9 without one', () => {
    expect(aspectOf({ screens: [], wifi: '' })).toBe(DEFAULT_ASPECT);
    const panel = {
      yMm: 0,
      widthMm: 1000,
      heightMm: 500,
      bezelMm: { left: 0, right: 0, top: 0, bottom: 0 },
    };
    const layout = {
      screens: [
        { name: 'a', xMm: 0, ...panel },
        { name: 'b', xMm: 1000, ...panel },
      ],
      wifi: '',
    };
    expect(aspectOf(layout)).toBeCloseTo(4);
  });

  it('the hub puts each new phone at a free spot and says where in its welcome', () => {
    const { hub } = createMemoryHub();
    connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const spots: { x: number; y: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const phone = connectMemoryClient(hub, { role: 'phone' }, `10.0.1.${i}`);
      const w = phone.socket.json().find((m) => m.type === 'welcome') as WelcomeMsg;
      const record = hub.phones.get(w.clientId)!;
      expect([w.x, w.y]).toEqual([record.x, record.y]);
      spots.push({ x: w.x!, y: w.y! });
    }
    for (let i = 1; i < spots.length; i++)
      for (let j = 0; j < i; j++) expect(apart(spots[i]!, spots[j]!)).toBeGreaterThan(1);
  });
});
