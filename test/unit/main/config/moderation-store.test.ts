import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(b.problem).toMatch(/blocked flags\[0\].*kept as blocked-flags\.json\.bad-/);
    const bans = loadBans(dir);
    expect(bans.bans).toEqual([]);
    expect(bans.problem).toMatch(/not valid JSON.*no phone is banned.*kept as bans\.json\.bad-/);
    const aside = readdirSync(dir).filter((f) => f.includes('.bad-'));
    expect(aside).toHaveLength(2);
    // Never overwritten: the copies kept aside are the files as found.
    const asideBans = aside.find((f) => f.startsWith('bans.json'))!;
    expect(readFileSync(join(dir, asideBans), 'utf8')).toBe('not json');
  });

  it('a bad entry is dropped alone: every valid ban and blocked flag is kept', () => {
    fresh();
    const ban = { token: 't', address: '10.0.0.1', until: 1e12, label: '#1 (fr)' };
    const other = { ...ban, token: 'u', address: null };
    writeFileSync(
      blocklistPath(dir),
      JSON.stringify({ blockedFlags: ['ru', 'RU!', 7, 'by', 'ru'] }),
    );
    writeFileSync(
      bansPath(dir),
      JSON.stringify({ bans: [ban, { ...ban, until: 'never' }, { token: '' }, other] }),
    );
    const b = loadBlocklist(dir);
    expect(b.flags).toEqual(['ru', 'by']);
    expect(b.problem).toMatch(/had 3 of 5 blocked flags that could not be used/);
    const bans = loadBans(dir);
    expect(bans.bans).toEqual([ban, other]);
    expect(bans.problem).toMatch(/had 2 of 4 bans that could not be used.*kept every other ban;/);
    // Repaired in place: the next load is clean.
    expect(loadBans(dir)).toEqual({ bans: [ban, other] });
    expect(loadBlocklist(dir)).toEqual({ flags: ['ru', 'by'] });
  });

  it('each save keeps the one before as .prev, which restores an unreadable file', () => {
    fresh();
    saveBlocklist(dir, ['ru']);
    saveBlocklist(dir, ['ru', 'by']);
    writeFileSync(blocklistPath(dir), '{"blockedFl');
    expect(loadBlocklist(dir).flags).toEqual(['ru']);
  });
});
