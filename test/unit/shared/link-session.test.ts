import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { LinkSession, MAX_HUB_WAIT_MS } from '../../../shared/net/link-session';

const policy = { baseMs: 100, capMs: 1000 };
const maxRandom = (): number => 0.999999; // delay ≈ the ceiling, so growth is visible

describe('LinkSession', () => {
  it('backs off with growing, capped ceilings and resets on welcome', () => {
    const link = new LinkSession(policy, maxRandom);
    const delays = [0, 1, 2, 3, 4, 5].map(() => {
      const next = link.closed(1006, '');
      return next.state === 'reconnecting' ? Math.round(next.retryInMs) : -1;
    });
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(link.text(JSON.stringify({ type: 'welcome' })).live).toBe(true);
    const after = link.closed(1006, '');
    expect(after.state === 'reconnecting' && Math.round(after.retryInMs)).toBe(100);
  });

  it('refuses for good on a fatal code, explaining with the hub’s own error', () => {
    const link = new LinkSession(policy, maxRandom);
    link.text(
      JSON.stringify({
        type: 'error',
        code: CloseCode.UNAUTHORIZED,
        message: 'wrong or missing wall key',
      }),
    );
    expect(link.closed(CloseCode.UNAUTHORIZED, 'x')).toEqual({
      state: 'refused',
      detail: 'wrong or missing wall key',
    });
  });

  it('does not retry by itself after BANNED or IDLE (the phone page decides when)', () => {
    const link = new LinkSession(policy, maxRandom);
    expect(link.closed(CloseCode.BANNED, 'banned').state).toBe('refused');
    expect(link.closed(CloseCode.IDLE, 'idle').state).toBe('refused');
  });

  it('keeps the hub’s explanation over a socket error, unless told otherwise; forgets it on a new attempt', () => {
    const link = new LinkSession(policy, maxRandom);
    link.text(JSON.stringify({ type: 'error', code: CloseCode.TOO_SLOW, message: 'backed up' }));
    link.failed('ECONNRESET');
    expect(link.closed(CloseCode.TOO_SLOW, '').detail).toBe('backed up');
    link.opening();
    link.failed('first');
    link.failed('hub went silent', true);
    expect(link.closed(1006, 'reason').detail).toBe('hub went silent');
    link.opening();
    expect(link.closed(1006, 'going away').detail).toBe('going away');
  });

  it('ignores frames that are not JSON', () => {
    expect(new LinkSession(policy).text('{nope')).toEqual({ msg: null, live: false });
  });
});

describe('LinkSession after a close that says when to come back (retryInMs)', () => {
  const rateLimited = (retryInMs: unknown) =>
    JSON.stringify({
      type: 'error',
      code: CloseCode.RATE_LIMITED,
      message: 'slow down',
      retryInMs,
    });

  it('waits at least the hub’s figure, plus a jitter no larger than the backoff ceiling', () => {
    for (const random of [() => 0, maxRandom]) {
      const link = new LinkSession(policy, random);
      link.text(rateLimited(30_000));
      const next = link.closed(CloseCode.RATE_LIMITED, '');
      expect(next.state).toBe('reconnecting');
      if (next.state !== 'reconnecting') continue;
      expect(next.hubWaitMs).toBe(30_000);
      expect(next.retryInMs).toBeGreaterThanOrEqual(30_000);
      expect(next.retryInMs).toBeLessThan(30_000 + policy.baseMs);
    }
  });

  it('applies to any non-fatal close, and only to the attempt that heard it', () => {
    const link = new LinkSession(policy, maxRandom);
    link.text(rateLimited(5000));
    const first = link.closed(1006, '');
    expect(first.state === 'reconnecting' && first.retryInMs).toBeGreaterThanOrEqual(5000);
    link.opening();
    const second = link.closed(1006, '');
    expect(second.state === 'reconnecting' && second.retryInMs).toBeLessThan(policy.capMs);
    expect(second.state === 'reconnecting' && second.hubWaitMs).toBeUndefined();
  });

  it('ignores a bad figure and bounds a huge one', () => {
    for (const bad of [-1, 0, 'soon', null, Number.NaN]) {
      const link = new LinkSession(policy, maxRandom);
      link.text(rateLimited(bad));
      const next = link.closed(CloseCode.RATE_LIMITED, '');
      expect(next.state === 'reconnecting' && next.retryInMs, String(bad)).toBeLessThan(
        policy.capMs,
      );
    }
    const link = new LinkSession(policy, () => 0);
    link.text(rateLimited(1e12));
    const next = link.closed(CloseCode.RATE_LIMITED, '');
    expect(next.state === 'reconnecting' && next.retryInMs).toBe(MAX_HUB_WAIT_MS);
  });
});
