import { describe, expect, it } from 'vitest';
import { BinTag, quantize, type TickMsg } from '../../../shared/protocol/binary';
import { RIPPLE_LIFE_MS } from '../../../shared/scene/evaluate';
import { EXTRAPOLATE_MS, SceneStore } from '../../../shared/scene/store';

const tick = (
  hubTime: number,
  moves: [number, number, number][] = [],
  extra: Partial<TickMsg> = {},
): TickMsg => ({
  tag: BinTag.TICK,
  tick: 0,
  hubTime,
  moves: moves.map(([id, x, y]) => ({ id, qx: quantize(x), qy: quantize(y) })),
  gone: [],
  taps: [],
  ...extra,
});

const phone = { id: 1, flag: 'gb', name: '', dozing: false };

function storeWithPhone(delay = 0): SceneStore {
  const s = new SceneStore();
  s.applySnapshot({ type: 'snapshot', phones: [], ripples: [], playoutDelayMs: delay }, 0);
  s.applyRoster({ type: 'roster', upsert: [phone], remove: [] });
  return s;
}

describe('SceneStore', () => {
  it('a phone learned from a roster stands where a snapshot would put it', () => {
    const viaRoster = storeWithPhone();
    const viaSnapshot = new SceneStore();
    viaSnapshot.applySnapshot(
      { type: 'snapshot', phones: [{ ...phone, x: 0.5, y: 0.5 }], ripples: [], playoutDelayMs: 0 },
      0,
    );
    expect(viaRoster.view(10).cursors).toEqual(viaSnapshot.view(10).cursors);
  });

  it('draws cursors at t − playout delay, interpolated between ticks', () => {
    const s = storeWithPhone(50);
    s.applyTick(tick(100, [[1, 0.2, 0.2]]));
    s.applyTick(tick(200, [[1, 0.4, 0.6]]));
    const c = s.view(200).cursors[0]!; // drawn at 150: halfway between the two ticks
    expect(c.x).toBeCloseTo(0.3, 3);
    expect(c.y).toBeCloseTo(0.4, 3);
  });

  it('a phone that stopped holds still instead of drifting on its old velocity', () => {
    const s = storeWithPhone();
    s.applyTick(tick(100, [[1, 0.2, 0.5]]));
    s.applyTick(tick(116, [[1, 0.3, 0.5]]));
    s.applyTick(tick(132)); // not in this tick: still at 0.3
    expect(s.view(180).cursors[0]!.x).toBeCloseTo(0.3, 3);
  });

  it('when data is late it extrapolates briefly, then holds', () => {
    const s = storeWithPhone();
    s.applyTick(tick(100, [[1, 0.2, 0.5]]));
    s.applyTick(tick(200, [[1, 0.3, 0.5]])); // 0.001 per ms
    expect(s.view(250).cursors[0]!.x).toBeCloseTo(0.35, 3);
    const held = 0.3 + EXTRAPOLATE_MS * 0.001;
    expect(s.view(200 + EXTRAPOLATE_MS * 5).cursors[0]!.x).toBeCloseTo(held, 3);
  });

  it('a move after a long still period does not smear across the idle time', () => {
    const s = storeWithPhone();
    s.applyTick(tick(100, [[1, 0.2, 0.5]]));
    for (let t = 116; t <= 1000; t += 16) s.applyTick(tick(t));
    s.applyTick(tick(1016, [[1, 0.8, 0.5]]));
    expect(s.view(900).cursors[0]!.x).toBeCloseTo(0.2, 3);
  });

  it('removes phones listed as gone and by roster', () => {
    const s = storeWithPhone();
    s.applyTick(tick(10, [], { gone: [1] }));
    expect(s.view(20).cursors).toEqual([]);
    s.applyRoster({ type: 'roster', upsert: [{ ...phone, id: 2 }], remove: [] });
    s.applyRoster({ type: 'roster', upsert: [], remove: [2] });
    expect(s.phoneCount).toBe(0);
  });

  it('ripples age with hub time and expire after their life', () => {
    const s = storeWithPhone();
    s.applyTick(
      tick(100, [], { taps: [{ id: 1, qx: quantize(0.5), qy: quantize(0.25), t0: 100 }] }),
    );
    expect(s.view(90).ripples).toEqual([]); // not started yet at t < t0
    expect(s.view(350).ripples[0]).toMatchObject({ age: 250 });
    expect(s.view(100 + RIPPLE_LIFE_MS).ripples).toEqual([]);
  });
});
