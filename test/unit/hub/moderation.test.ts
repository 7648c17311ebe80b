import { describe, expect, it } from 'vitest';
import { MAX_BANS, MAX_BLOCKED_FLAGS, Moderation } from '../../../main/hub/moderation';

const MIN = 60_000;
const req = (
  token: string,
  address: string | null = null,
  durationMs: number | null = 10 * MIN,
) => ({
  token,
  address,
  durationMs,
  label: `#${token}`,
});

describe('Moderation: bans', () => {
  it('a token ban refuses that token from any address, and no other token', () => {
    const m = new Moderation();
    m.ban(req('t1'), 0);
    expect(m.bannedFor('t1', '10.0.0.9', 1)?.token).toBe('t1');
    expect(m.bannedFor('t2', '10.0.0.9', 1)).toBeNull();
    expect(m.bannedFor(undefined, '10.0.0.9', 1)).toBeNull();
  });

  it('an address ban refuses every token (and none) from that address, only that address', () => {
    const m = new Moderation();
    m.ban(req('t1', '10.0.0.5'), 0);
    expect(m.bannedFor('fresh', '10.0.0.5', 1)?.id).toBe(1);
    expect(m.bannedFor(undefined, '10.0.0.5', 1)?.id).toBe(1);
    expect(m.bannedFor('fresh', '10.0.0.6', 1)).toBeNull();
  });

  it('a timed ban ends on time; a rest-of-show ban does not; unban lifts either', () => {
    const m = new Moderation();
    m.ban(req('timed', '10.0.0.1', 10 * MIN), 1000);
    const { ban: forever } = m.ban(req('forever', null, null), 1000);
    expect(m.bannedFor('timed', 'x', 1000 + 10 * MIN - 1)).not.toBeNull();
    expect(m.bannedFor('timed', '10.0.0.1', 1000 + 10 * MIN)).toBeNull();
    expect(m.bannedFor('forever', 'x', 1e12)).not.toBeNull();
    expect(m.banCount).toBe(1); // the ended one was dropped on lookup
    expect(m.unban(forever.id)?.token).toBe('forever');
    expect(m.bannedFor('forever', 'x', 1e12)).toBeNull();
    expect(m.unban(forever.id)).toBeNull();
  });

  it('holds at most MAX_BANS: at the cap the ban ending soonest makes room', () => {
    const m = new Moderation();
    m.ban(req('soonest', null, 1 * MIN), 0);
    for (let i = 1; i < MAX_BANS; i++) m.ban(req(`t${i}`, `a${i}`, 60 * MIN + i), 0);
    m.ban(req('forever', null, null), 0);
    expect(m.banCount).toBe(MAX_BANS);
    const { evicted } = m.ban(req('newest', null, 5 * MIN), 0);
    expect(m.banCount).toBe(MAX_BANS);
    expect(evicted).not.toBeNull();
    expect(m.bannedFor('newest', 'x', 1)).not.toBeNull();
    expect(m.bannedFor('forever', 'x', 1)).not.toBeNull();
    // the first-evicted was "soonest", the second the shortest 60-min one
    expect(m.bannedFor('soonest', 'x', 1)).toBeNull();
    expect(m.bannedFor('t1', 'x', 1)).toBeNull();
    expect(m.view(1).bans.length).toBeLessThanOrEqual(200);
    expect(m.view(1).banCount).toBe(MAX_BANS);
  });

  it('at the cap, ended bans are dropped before any ban in force', () => {
    const m = new Moderation();
    for (let i = 0; i < MAX_BANS; i++) m.ban(req(`t${i}`, null, i === 7 ? MIN : 60 * MIN), 0);
    const { evicted } = m.ban(req('new'), 2 * MIN);
    expect(evicted).toBeNull();
    expect(m.banCount).toBe(MAX_BANS);
  });

  it('banning a token again replaces its ban (no duplicates)', () => {
    const m = new Moderation();
    m.ban(req('t', '10.0.0.1'), 0);
    m.ban(req('t', null, null), 0);
    expect(m.banCount).toBe(1);
    expect(m.bannedFor('other', '10.0.0.1', 1)).toBeNull();
  });
});

describe('Moderation: bans across a restart', () => {
  it('keeps only timed bans, and puts back those not ended yet', () => {
    const m = new Moderation();
    m.ban(req('timed', '10.0.0.1', 10 * MIN), 0);
    m.ban(req('forever', null, null), 0);
    const saved = m.timedBans(1);
    expect(saved.map((b) => b.token)).toEqual(['timed']);
    const after = new Moderation();
    expect(after.restore([...saved, { ...saved[0]!, token: 'ended', until: 5 }], 6)).toBe(1);
    expect(after.bannedFor(undefined, '10.0.0.1', 7)?.until).toBe(10 * MIN);
    expect(after.bannedFor('ended', 'x', 7)).toBeNull();
  });
});

describe('Moderation: flag blocklist', () => {
  it('a blocked flag becomes the fallback, others pass', () => {
    const m = new Moderation();
    m.setBlockedFlags(['ru', 'us', 'ru']);
    expect(m.allowedFlag('ru')).toBe('eo');
    expect(m.allowedFlag('fr')).toBe('fr');
    expect(m.blockedFlags).toEqual(['ru', 'us']);
    m.setBlockedFlags([]);
    expect(m.allowedFlag('ru')).toBe('ru');
  });

  it('holds at most MAX_BLOCKED_FLAGS', () => {
    const m = new Moderation();
    const many = Array.from({ length: 400 }, (_, i) => `x${i}`);
    m.setBlockedFlags(many);
    expect(m.blockedFlags.length).toBe(MAX_BLOCKED_FLAGS);
  });
});
