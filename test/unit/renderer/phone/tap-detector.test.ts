import { describe, expect, it } from 'vitest';
import { TapDetector } from '../../../../renderer/phone/tap-detector';

describe('TapDetector', () => {
  const rules = { maxMs: 300, maxTravelPx: 10 };

  it('a short press in place is a tap', () => {
    const d = new TapDetector(rules);
    d.press(1000, 50, 50);
    d.move(53, 52);
    expect(d.release(1120, 54, 51)).toBe(true);
  });

  it('a long press is not a tap', () => {
    const d = new TapDetector(rules);
    d.press(0, 50, 50);
    expect(d.release(301, 50, 50)).toBe(false);
  });

  it('a drag that comes back to where it started is not a tap', () => {
    const d = new TapDetector(rules);
    d.press(0, 50, 50);
    d.move(90, 50);
    expect(d.release(100, 50, 50)).toBe(false);
  });

  it('no press, or a cancelled one, is not a tap', () => {
    const d = new TapDetector(rules);
    expect(d.release(10, 0, 0)).toBe(false);
    d.press(0, 0, 0);
    d.cancel();
    expect(d.release(10, 0, 0)).toBe(false);
  });
});
