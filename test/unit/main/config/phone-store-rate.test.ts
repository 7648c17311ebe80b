import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPhones, PhoneStore } from '../../../../main/config/phone-store';

let dir = '';
afterEach(() => {
  vi.useRealTimers();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('phone store write rate', () => {
  it('a roster changing every few ms writes at most once per minIntervalMs, and the last state lands', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    dir = mkdtempSync(join(tmpdir(), 'flagwall-phones-rate-'));
    let n = 0;
    const store = new PhoneStore({
      dataDir: dir,
      snapshot: () => ({
        nextId: n + 1,
        phones: [{ id: n || 1, token: `t${n}`, flag: 'fr', name: '', seenAt: Date.now() }],
      }),
      onError: (err) => {
        throw err;
      },
      debounceMs: 50,
      minIntervalMs: 1000,
      heartbeatMs: 60_000,
    });
    // 10 s of churn: a change every 5 ms (2000 changes).
    for (let t = 0; t < 10_000; t += 5) {
      n++;
      store.changed();
      vi.advanceTimersByTime(5);
    }
    expect(store.writes).toBeGreaterThanOrEqual(5);
    expect(store.writes).toBeLessThanOrEqual(11); // ~1 per second, not 2000
    store.close();
    expect(loadPhones(dir, Date.now(), 60_000).nextId).toBe(n + 1);
  });
});
