/**
 * A smaller reconnect storm than `npm run bench -- storm`: 100 phones on a hub process that is
 * SIGKILLed and restarted (loopback, mDNS off). Everyone comes back with the same id and flag,
 * and full jitter keeps the retries spread out.
 */
import { describe, expect, it } from 'vitest';
import { runStorm } from '../bench/storm';

describe('reconnect storm (100 phones, hub SIGKILL + restart)', () => {
  it('every phone returns with its id and flag, without a stampede', async () => {
    const r = await runStorm(100, 'full-jitter');
    console.log(JSON.stringify(r));
    expect(r.keptIdentity).toBe(100);
    // Full jitter over 500 ms spreads the first wave to ~20 per 100 ms, plus ~10 from the retries
    // of those that hit the hub while it was down: ~35 expected. Without jitter it is all 100.
    expect(r.peakPlannedPer100ms).toBeLessThan(60);
    expect(r.attemptsAfterKill).toBeGreaterThanOrEqual(100);
  }, 60_000);
});
