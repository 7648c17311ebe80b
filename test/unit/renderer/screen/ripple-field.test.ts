import { describe, expect, it } from 'vitest';
import { ringAt, ringWidth } from '../../../../renderer/screen/ripple-field';
import { worldRipples } from '../../../../renderer/screen/backdrop-layer';
import { DEFAULT_SETTINGS } from '../../../../shared/scene/settings';
import { RIPPLE_LIFE_MS } from '../../../../shared/scene/evaluate';

describe('ripple field', () => {
  const ripple = { x: 0, y: 0, radius: 0.2, amplitude: 1 };

  it('peaks on the ring and vanishes away from it', () => {
    expect(ringAt(0.2, ripple).env).toBeCloseTo(1);
    expect(ringAt(0.2 + ringWidth(0.2), ripple).env).toBeCloseTo(Math.exp(-1));
    expect(ringAt(0.2 + 5 * ringWidth(0.2), ripple)).toEqual({ env: 0, wave: 0 });
    expect(ringAt(0, ripple)).toEqual({ env: 0, wave: 0 });
  });

  it('scales with amplitude and is silent at amplitude 0', () => {
    expect(ringAt(0.21, { ...ripple, amplitude: 2 }).env).toBeCloseTo(2 * ringAt(0.21, ripple).env);
    expect(ringAt(0.2, { ...ripple, amplitude: 0 })).toEqual({ env: 0, wave: 0 });
  });

  it('worldRipples converts to world units and drops dead ripples', () => {
    const frame = { aspect: 2, left: 0, right: 2, top: 1, bottom: 0 };
    const out = worldRipples(
      frame,
      [
        { id: 1, x: 0.5, y: 0.25, t0: 0, age: 1000 },
        { id: 2, x: 0.1, y: 0.1, t0: 0, age: RIPPLE_LIFE_MS },
      ],
      DEFAULT_SETTINGS,
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.x).toBeCloseTo(1);
    expect(out[0]!.y).toBeCloseTo(0.75);
    expect(out[0]!.radius).toBeCloseTo(DEFAULT_SETTINGS.rippleSpeed);
    expect(out[0]!.amplitude).toBeGreaterThan(0);
  });
});
