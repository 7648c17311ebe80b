import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bansPath,
  blocklistPath,
  loadBans,
  loadBlocklist,
  saveBans,
  saveBlocklist,
} from '../../../../main/config/moderation-store';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'flagwall-moderation-')));

describe('moderation store', () => {
  it('round-trips the blocklist and timed bans; missing files mean nothing', () => {
    fresh();
    expect(loadBlocklist(dir)).toEqual({ flags: [] });
    expect(loadBans(dir)).toEqual({ bans: [] });
    saveBlocklist(dir, ['ru', 'by']);
    const ban = { token: 't', address: '10.0.0.1', until: 1e12, label: '#1 (fr)' };
    saveBans(dir, [ban]);
    expect(loadBlocklist(dir)).toEqual({ flags: ['ru', 'by'] });
    expect(loadBans(dir)).toEqual({ bans: [ban] });
  });

  it('keeps a file it cannot read aside, says so, and starts without it', () => {
    fresh();
    writeFileSync(blocklistPath(dir), '{"blockedFlags": ["RU!"]}');
    writeFileSync(bansPath(dir), 'not json');
    const b = loadBlocklist(dir);
    expect(b.flags).toEqual([]);
    expect(b.problem).toMatch(/kept it as .*blocked-flags\.json\.unreadable-\d+/);
    const bans = loadBans(dir);
    expect(bans.bans).toEqual([]);
    expect(bans.problem).toMatch(/not valid JSON.*kept it as/);
    expect(existsSync(blocklistPath(dir))).toBe(false); // a save now cannot overwrite it
    expect(readdirSync(dir).filter((f) => f.includes('.unreadable-'))).toHaveLength(2);
  });
});
