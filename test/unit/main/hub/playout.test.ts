import { describe, expect, it } from 'vitest';
import {
  choosePlayoutDelay,
  HOLD_DOWN_MS,
  MAX_PLAYOUT_MS,
  MIN_PLAYOUT_MS,
  PlayoutDelay,
} from '../../../../main/hub/playout';

const auto = { playoutDelayMs: null, tickHz: 60 };

describe('choosePlayoutDelay', () => {
  it('uses the operator’s fixed value when set', () => {
    expect(choosePlayoutDelay({ playoutDelayMs: 80, tickHz: 60 }, [{ jitterMs: 500 }])).toBe(80);
  });

  it('is the minimum on a quiet LAN and with no reports', () => {
    expect(choosePlayoutDelay(auto, [])).toBe(MIN_PLAYOUT_MS);
    expect(choosePlayoutDelay(auto, [{ jitterMs: 0.3, rttMs: 0.5, errorMs: 0.05 }])).toBe(
      MIN_PLAYOUT_MS,
    );
  });

  it('covers a tick, the worst screen’s one-way delay, jitter and clock error', () => {
    // 16.7 (tick) + 12/2 + 1.5·20 + 1 + 5 (slack) = 58.7
    const d = choosePlayoutDelay(auto, [
      { jitterMs: 2, rttMs: 1, errorMs: 0.1 },
      { jitterMs: 20, rttMs: 12, errorMs: 1 },
    ]);
    expect(d).toBe(59);
    // Bare numbers are jitter (the older call shape).
    expect(choosePlayoutDelay(auto, [20])).toBe(Math.round(1000 / 60 + 30 + 5));
  });

  it('clamps a wild report and ignores non-finite values', () => {
    expect(choosePlayoutDelay(auto, [{ jitterMs: 5000 }])).toBe(MAX_PLAYOUT_MS);
    expect(choosePlayoutDelay(auto, [{ jitterMs: NaN, rttMs: -3, errorMs: Infinity }])).toBe(
      MIN_PLAYOUT_MS,
    );
  });
});

describe('PlayoutDelay hysteresis', () => {
  it('rises at once, falls only after a steady, clear drop', () => {
    const p = new PlayoutDelay();
    expect(p.update(40, 0)).toBe(40);
    expect(p.update(80, 100)).toBe(80);
    expect(p.update(70, 200)).toBe(80); // within 20 %: keep
    expect(p.update(50, 300)).toBe(80); // clearly lower: start holding
    expect(p.update(50, 300 + HOLD_DOWN_MS - 1)).toBe(80);
    expect(p.update(50, 300 + HOLD_DOWN_MS)).toBe(50);
  });

  it('restarts the hold when the drop is interrupted', () => {
    const p = new PlayoutDelay();
    p.update(100, 0);
    p.update(50, 1000);
    p.update(90, 2000); // back near: the drop was not steady
    expect(p.update(50, 1000 + HOLD_DOWN_MS)).toBe(100);
    expect(p.update(50, 1000 + 2 * HOLD_DOWN_MS)).toBe(50);
  });
});
