import { describe, expect, it } from 'vitest';
import { arrange, planScreens, screenUrl } from '../../../main/electron/displays';
import { sliceFromParams } from '../../../shared/geometry/slice';

const d = (id: number, x: number, y: number, width = 1920, height = 1080) => ({
  id,
  bounds: { x, y, width, height },
});

describe('planScreens', () => {
  it('splits the wall left to right across side-by-side displays, whatever order the OS lists them', () => {
    const { plans } = planScreens([d(7, 1920, 0), d(3, 0, 0), d(9, 3840, 0)], 3, 'all');
    expect(plans.map((p) => p.displayId)).toEqual([3, 7, 9]);
    expect(plans.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(plans.map((p) => p.slice)).toEqual([
      { x: 0, y: 0, w: 0.333333, h: 1 },
      { x: 0.333333, y: 0, w: 0.333334, h: 1 },
      { x: 0.666667, y: 0, w: 0.333333, h: 1 },
    ]);
    expect(plans[1]!.bounds).toEqual({ x: 1920, y: 0, width: 1920, height: 1080 });
  });

  it('splits stacked displays top to bottom and a 2×2 grid both ways', () => {
    const stacked = planScreens([d(2, 0, 1080), d(1, 0, 0)], 1, 'all').plans;
    expect(stacked.map((p) => [p.displayId, p.slice])).toEqual([
      [1, { x: 0, y: 0, w: 1, h: 0.5 }],
      [2, { x: 0, y: 0.5, w: 1, h: 0.5 }],
    ]);
    const grid = planScreens(
      [d(1, 0, 0), d(2, 1920, 0), d(3, 0, 1080), d(4, 1920, 1080)],
      1,
      'all',
    ).plans;
    expect(grid.find((p) => p.displayId === 4)!.slice).toEqual({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 });
  });

  it('gives wider displays a wider slice (by pixels of the arrangement)', () => {
    const { plans } = planScreens([d(1, 0, 0, 1000, 1000), d(2, 1000, 0, 3000, 1000)], 1, 'all');
    expect(plans.map((p) => p.slice.w)).toEqual([0.25, 0.75]);
  });

  it('picks the primary, or a list by arrangement index and by id, and reports missing ones', () => {
    const all = [d(11, 1920, 0), d(10, 0, 0), d(12, 3840, 0)];
    expect(planScreens(all, 12, 'primary').plans.map((p) => [p.displayId, p.slice.w])).toEqual([
      [12, 1],
    ]);
    const picked = planScreens(all, 10, [2, '11', 5, '99']);
    expect(picked.plans.map((p) => p.displayId)).toEqual([11, 12]);
    expect(picked.plans.map((p) => p.slice)).toEqual([
      { x: 0, y: 0, w: 0.5, h: 1 },
      { x: 0.5, y: 0, w: 0.5, h: 1 },
    ]);
    expect(picked.missing).toEqual([5, '99']);
    expect(planScreens(all, 10, [9]).plans).toEqual([]);
  });

  it('maps this machine’s displays into its region of a wall shared by several machines', () => {
    const { plans } = planScreens([d(1, 0, 0), d(2, 1920, 0)], 1, 'all', {
      x: 0.5,
      y: 0,
      w: 0.5,
      h: 1,
    });
    expect(plans.map((p) => p.slice)).toEqual([
      { x: 0.5, y: 0, w: 0.25, h: 1 },
      { x: 0.75, y: 0, w: 0.25, h: 1 },
    ]);
  });

  it('always yields slices the screen page accepts, meeting edge to edge', () => {
    const odd = [d(1, 0, 0, 1366, 768), d(2, 1366, -200, 1080, 1920), d(3, 2446, 0, 1280, 1024)];
    const { plans } = planScreens(odd, 1, 'all');
    for (const p of plans) {
      const url = new URL(screenUrl('http://h:1', 'k', p.slice));
      expect(sliceFromParams((k) => url.searchParams.get(k))).not.toBeNull();
    }
    for (let i = 1; i < plans.length; i++)
      expect(plans[i]!.slice.x).toBeCloseTo(plans[i - 1]!.slice.x + plans[i - 1]!.slice.w, 9);
  });
});

describe('arrange and screenUrl', () => {
  it('orders left to right, then top to bottom', () => {
    expect(arrange([d(1, 0, 1080), d(2, 0, 0), d(3, -1920, 500)]).map((x) => x.id)).toEqual([
      3, 2, 1,
    ]);
  });
  it('builds <hub>/screen with the key and the slice', () => {
    expect(screenUrl('http://10.0.0.2:8080', 'k y', { x: 0.5, y: 0, w: 0.5, h: 1 })).toBe(
      'http://10.0.0.2:8080/screen?key=k+y&x=0.5&y=0&w=0.5&h=1',
    );
  });
});
