import { describe, expect, it } from 'vitest';
import { UNKNOWN_CLOCK_ERROR_MS } from '../../../../shared/clock/types';
import { statsSchema } from '../../../../shared/protocol/messages';
import { statsMessage } from '../../../../renderer/screen/stats-message';

describe('statsMessage', () => {
  it('passes the hub schema with ordinary values, unchanged', () => {
    const msg = statsMessage(
      { offsetMs: -12.5, errorMs: 0.4, rttMs: 0.8, converged: true },
      59.94,
      3.2,
    );
    expect(statsSchema.parse(msg)).toEqual({
      type: 'stats',
      clock: { offsetMs: -12.5, errorMs: 0.4, rttMs: 0.8, converged: true },
      fps: 59.9,
      jitterMs: 3.2,
    });
  });

  it('clamps odd readings into the schema instead of getting the screen closed', () => {
    const odd = statsMessage(
      { offsetMs: Number.NaN, errorMs: -1, rttMs: Number.POSITIVE_INFINITY, converged: false },
      Number.POSITIVE_INFINITY,
      1e9,
    );
    expect(statsSchema.safeParse(odd).success).toBe(true);
    expect(odd).toMatchObject({
      fps: 0,
      jitterMs: 10_000,
      clock: { offsetMs: 0, errorMs: 0, rttMs: 0 },
    });
    const noSample = statsMessage(
      { offsetMs: 0, errorMs: Number.POSITIVE_INFINITY, rttMs: 0, converged: false },
      60,
      0,
    );
    expect(noSample.clock.errorMs).toBe(UNKNOWN_CLOCK_ERROR_MS); // unknown, never a perfect 0
    expect(
      statsSchema.safeParse(
        statsMessage({ offsetMs: 0, errorMs: 0, rttMs: 0, converged: true }, 5000, -3),
      ).success,
    ).toBe(true);
  });
});
