import * as crypto from 'node:crypto';
import type * as Crypto from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { KeyGate, keysMatch } from '../../../main/hub/auth';
import type { KeyThrottleOptions } from '../../../main/hub/auth-throttle';
import { FakeHubClock } from '../../support/fake-hub-clock';
import { MemoryHubSocket, connectMemoryClient } from '../../support/memory-hub-socket';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

/** A logger whose warn lines land in `lines` (parsed). */
function capturingLog(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'warn' },
    { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  );
  return { log, lines };
}

const KEY = 'correct-horse-battery';

describe('keysMatch', () => {
  it('accepts only the exact key, whatever the lengths or types given', () => {
    expect(keysMatch(KEY, KEY)).toBe(true);
    expect(keysMatch(`${KEY.slice(0, -1)}X`, KEY)).toBe(false); // same length, last byte differs
    expect(keysMatch(KEY.slice(0, 4), KEY)).toBe(false);
    expect(keysMatch(`${KEY}-and-more`, KEY)).toBe(false);
    expect(keysMatch('', KEY)).toBe(false);
    expect(keysMatch(undefined, KEY)).toBe(false);
    expect(keysMatch(42, KEY)).toBe(false);
    expect(keysMatch('', '')).toBe(false); // an empty wall key never matches
  });

  it('compares fixed-length digests with crypto.timingSafeEqual, never the strings', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    keysMatch('short', KEY);
    keysMatch('a much longer key than the wall key itself', KEY);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) {
      expect((a as Buffer).byteLength).toBe(32);
      expect((b as Buffer).byteLength).toBe(32);
    }
  });
});

describe('KeyGate: the wrong-key throttle', () => {
  const opts: Partial<KeyThrottleOptions> = { freeFailures: 3, cooldownMs: 1000 };
  const gate = () => {
    const clock = new FakeHubClock();
    const { log, lines } = capturingLog();
    return { clock, lines, gate: new KeyGate(KEY, clock, log, opts) };
  };

  it('refuses an address after a few wrong keys, even with the right key, until the cooldown ends', () => {
    const { clock, gate: g } = gate();
    for (let i = 0; i < 3; i++)
      expect(g.check('10.0.0.9', 'guess')?.code).toBe(CloseCode.UNAUTHORIZED);
    const refused = g.check('10.0.0.9', KEY);
    expect(refused).toMatchObject({ code: CloseCode.RATE_LIMITED, retryAfterMs: 1000 });
    expect(g.check('10.0.0.8', KEY)).toBeNull(); // other addresses are not affected
    clock.advance(999);
    expect(g.check('10.0.0.9', KEY)?.code).toBe(CloseCode.RATE_LIMITED);
    clock.advance(1);
    expect(g.check('10.0.0.9', KEY)).toBeNull();
  });

  it('doubles the cooldown with each wrong key after the first one, up to the cap', () => {
    const clock = new FakeHubClock();
    const g = new KeyGate(KEY, clock, pino({ level: 'silent' }), {
      ...opts,
      maxCooldownMs: 3000,
    });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      g.check('10.0.0.9', 'guess');
      const wait = g.check('10.0.0.9', 'guess')?.retryAfterMs ?? 0;
      waits.push(wait);
      clock.advance(wait);
    }
    // Wrong keys 1–2 free, 3 starts 1 s; every later one after a cooldown doubles it (cap 3 s).
    expect(waits).toEqual([0, 1000, 2000, 3000, 3000, 3000]);
  });

  it('writes one log line per address per period, with the counts, however many tries', () => {
    const { clock, lines, gate: g } = gate();
    for (let i = 0; i < 500; i++) {
      g.check('10.0.0.9', `guess-${i}`);
      clock.advance(10); // 5 s in all, inside one 60 s period
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ address: '10.0.0.9', wrongKeys: 1 });
    clock.advance(60_000);
    g.check('10.0.0.9', 'again');
    expect(lines).toHaveLength(2);
    // Everything since the first line is counted in the second: refused while cooling or wrong.
    const second = lines[1] as { wrongKeys: number; refusedWhileCooling: number };
    expect(second.wrongKeys + second.refusedWhileCooling).toBe(500);
  });

  it('caps the lines per period across addresses and says how many it left out', () => {
    const clock = new FakeHubClock();
    const { log, lines } = capturingLog();
    const g = new KeyGate(KEY, clock, log, { maxLinesPerPeriod: 5 });
    for (let i = 0; i < 50; i++) g.check(`10.1.0.${i}`, 'guess');
    expect(lines).toHaveLength(5);
    clock.advance(60_000);
    g.check('10.1.0.49', 'guess');
    expect(lines[5]).toMatchObject({ linesSuppressed: 45 });
  });

  it('tracks a bounded number of addresses, and forgets them after a while', () => {
    const clock = new FakeHubClock();
    const g = new KeyGate(KEY, clock, pino({ level: 'silent' }), {
      maxAddresses: 100,
      forgetMs: 60_000,
    });
    for (let i = 0; i < 1000; i++) g.check(`fd00::${i.toString(16)}`, 'guess');
    expect(g.tracked).toBe(100);
    clock.advance(60_001);
    g.check('10.2.0.1', 'guess'); // room is made by dropping the forgotten ones
    expect(g.tracked).toBe(1);
  });

  it('a foreign-origin attempt is refused and logged but never counts as a wrong key', () => {
    const { lines, gate: g } = gate();
    for (let i = 0; i < 20; i++) {
      expect(g.check('10.0.0.9', KEY, 'refused: another origin')?.code).toBe(
        CloseCode.UNAUTHORIZED,
      );
    }
    expect(g.check('10.0.0.9', KEY)).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ foreignOrigin: 1, wrongKeys: 0 });
  });
});

describe('the hub uses the gate for screens and operators only', () => {
  it('a throttled address still admits phones, and refuses its screens with RATE_LIMITED', () => {
    const { hub } = createMemoryHub();
    hub.start();
    for (let i = 0; i < 5; i++) {
      const c = connectMemoryClient(hub, { role: 'operator', key: `guess-${i}` }, '10.0.0.7');
      expect(c.socket.closeCode).toBe(CloseCode.UNAUTHORIZED);
    }
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY }, '10.0.0.7');
    expect(screen.socket.closeCode).toBe(CloseCode.RATE_LIMITED);
    const phone = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.7');
    expect(phone.socket.closeCode).toBeNull();
    expect(phone.socket.json().some((m) => m.type === 'welcome')).toBe(true);
    hub.stop();
  });

  it('a screen whose upgrade came from a foreign page is refused even with the key', () => {
    const { hub } = createMemoryHub();
    hub.start();
    const socket = new MemoryHubSocket();
    const conn = hub.accept(socket, {
      address: '10.0.0.5',
      originRefusal: 'refused: a page from another origin',
    });
    conn.receive(
      JSON.stringify({
        type: 'hello',
        proto: PROTOCOL_VERSION,
        role: 'screen',
        key: MEMORY_HUB_KEY,
      }),
      false,
    );
    expect(socket.closeCode).toBe(CloseCode.UNAUTHORIZED);
    expect(socket.closeReason).toContain('another origin');
    expect(hub.screens.size).toBe(0);
    hub.stop();
  });
});
