import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadPhones,
  PhoneStore,
  phonesPath,
  savePhones,
} from '../../../../main/config/phone-store';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'flagwall-phones-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const phone = (id: number, seenAt: number) => ({
  id,
  token: `t${id}`,
  flag: 'fr',
  name: `p${id}`,
  seenAt,
});

describe('phone store', () => {
  it('round-trips, drops phones past the grace period, keeps ids above every one handed out', () => {
    const dir = tmp();
    savePhones(dir, { nextId: 3, phones: [phone(1, 1000), phone(7, 9000)] });
    const loaded = loadPhones(dir, 10_000, 5000);
    expect(loaded.phones).toEqual([phone(7, 9000)]);
    expect(loaded.expired).toBe(1);
    expect(loaded.nextId).toBe(8);
    expect(loaded.problem).toBeUndefined();
  });

  it('a missing file is a first run; a corrupt one is one clear problem and no phones', () => {
    const dir = tmp();
    expect(loadPhones(dir, 0, 1000)).toEqual({ nextId: 1, phones: [], expired: 0 });
    writeFileSync(phonesPath(dir), '{"version":1,"nextId":1,"phones":[{"id":"x"}]}');
    const bad = loadPhones(dir, 0, 1000);
    expect(bad.phones).toEqual([]);
    expect(bad.problem).toMatch(
      /phones\.json had 1 of 1 phones .*phones\[0\]\.id.*kept as phones\.json\.bad-/,
    );
    writeFileSync(phonesPath(dir), '{nope');
    expect(loadPhones(dir, 0, 1000).problem).toContain('not valid JSON');
  });

  it('debounces bursts into one write, skips unchanged writes, writes on close, leaves no temp files', async () => {
    const dir = tmp();
    let reads = 0;
    let phones = [phone(1, 5)];
    const store = new PhoneStore({
      dataDir: dir,
      debounceMs: 20,
      snapshot: () => (reads++, { nextId: 2, phones }),
      onError: (err) => {
        throw err;
      },
    });
    for (let i = 0; i < 10; i++) store.changed();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => reads > 0 && (clearInterval(check), resolve()), 5);
    });
    expect(reads).toBe(1);
    expect(loadPhones(dir, 5, 1000).phones).toHaveLength(1);
    phones = [phone(1, 5), phone(2, 6)];
    store.close();
    expect(loadPhones(dir, 6, 1000).phones).toHaveLength(2);
    store.changed(); // after close: ignored
    expect(readdirSync(dir)).toEqual(['phones.json', 'phones.json.prev']);
  });
});
