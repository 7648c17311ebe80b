import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  DEFAULT_PAIRING_LIMITS,
  PairingRegistry,
  type PairingLimits,
} from '../../../../main/hub/pairing-registry';
import type { ScreenRecord } from '../../../../main/config/screen-store';

function registry(
  limits: Partial<PairingLimits> = {},
  save?: (r: readonly ScreenRecord[]) => void,
) {
  let now = 1_000_000;
  const saved: ScreenRecord[][] = [];
  const reg = new PairingRegistry({
    now: () => now,
    wallNow: () => 1_700_000_000_000 + now,
    limits,
    records: [],
    save: save ?? ((r) => saved.push(r.map((x) => ({ ...x })))),
  });
  return { reg, saved, advance: (ms: number) => (now += ms) };
}

const mac = (key: string, text: string): string =>
  createHmac('sha256', key).update(text).digest('hex');

describe('PairingRegistry: pending screens', () => {
  it('gives each pending screen a distinct 6-digit code', () => {
    const { reg } = registry({ maxPending: 16, maxPendingPerAddress: 16, requestBurst: 16 });
    const codes = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const r = reg.request('10.0.0.1', `s${i}`);
      if (!r.ok) throw new Error(r.reason);
      expect(r.pending.code).toMatch(/^\d{6}$/);
      codes.add(r.pending.code);
    }
    expect(codes.size).toBe(16);
  });

  it('draws again when a code is already shown (codes unique even with a poor random source)', () => {
    let i = 0;
    const ints = [42, 42, 42, 7];
    const reg = new PairingRegistry({
      now: () => 0,
      random: { token: (n) => `tok${i++}`.padEnd(n, 'x'), int: () => ints.shift() ?? 9 },
      limits: { maxPendingPerAddress: 5 },
      records: [],
      save: () => undefined,
    });
    const a = reg.request('a', 'a');
    const b = reg.request('a', 'b');
    expect(a.ok && a.pending.code).toBe('000042');
    expect(b.ok && b.pending.code).toBe('000007');
  });

  it('caps the list hub-wide and per address', () => {
    const { reg } = registry({ maxPending: 3, maxPendingPerAddress: 2 });
    expect(reg.request('10.0.0.1', 'a').ok).toBe(true);
    expect(reg.request('10.0.0.1', 'b').ok).toBe(true);
    const third = reg.request('10.0.0.1', 'c');
    expect(third).toEqual({
      ok: false,
      reason: expect.stringContaining('already has screens waiting'),
    });
    expect(reg.request('10.0.0.2', 'd').ok).toBe(true);
    const full = reg.request('10.0.0.3', 'e');
    expect(full).toEqual({
      ok: false,
      reason: expect.stringContaining('too many screens are waiting'),
    });
    expect(reg.pendingCount).toBe(3);
  });

  it('budgets pairing requests per address, refilling over time', () => {
    const { reg, advance } = registry({
      requestBurst: 3,
      requestsPerMinute: 6,
      maxPendingPerAddress: 100,
    });
    for (let i = 0; i < 3; i++) {
      const r = reg.request('10.0.0.9', 'x');
      expect(r.ok).toBe(true);
      if (r.ok) reg.withdraw(r.pending.id); // a flood that reconnects at once
    }
    expect(reg.request('10.0.0.9', 'x')).toEqual({
      ok: false,
      reason: expect.stringContaining('too many pairing requests'),
    });
    expect(reg.request('10.0.0.10', 'x').ok).toBe(true); // another address is not affected
    advance(10_000); // 6 a minute: one more after 10 s
    expect(reg.request('10.0.0.9', 'x').ok).toBe(true);
    expect(reg.request('10.0.0.9', 'x').ok).toBe(false);
  });

  it('remembers a bounded number of addresses (oldest forgotten)', () => {
    const { reg } = registry({ trackedAddresses: 4, requestBurst: 1 });
    for (let i = 0; i < 10; i++) {
      const r = reg.request(`10.0.1.${i}`, 'x');
      if (r.ok) reg.withdraw(r.pending.id);
    }
    // The table holds 4 addresses: the first one was forgotten, so it has a fresh budget.
    expect((reg as unknown as { budgets: Map<string, unknown> }).budgets.size).toBe(4);
    expect(reg.request('10.0.1.0', 'x').ok).toBe(true);
    expect(reg.request('10.0.1.9', 'x').ok).toBe(false);
  });

  it('expires codes after codeTtlMs', () => {
    const { reg, advance } = registry({ codeTtlMs: 1000 });
    const r = reg.request('a', 'a');
    if (!r.ok) throw new Error('refused');
    advance(999);
    expect(reg.expire()).toEqual([]);
    advance(1);
    expect(reg.expire().map((p) => p.id)).toEqual([r.pending.id]);
    expect(reg.findPending({ code: r.pending.code }).ok).toBe(false);
  });

  it('finds a pending screen by typed code (spaces, dashes) and refuses a wrong one clearly', () => {
    const { reg } = registry();
    const r = reg.request('a', 'left');
    if (!r.ok) throw new Error('refused');
    const c = r.pending.code;
    expect(reg.findPending({ code: ` ${c.slice(0, 3)} ${c.slice(3)} ` })).toMatchObject({
      ok: true,
    });
    expect(reg.findPending({ code: `${c.slice(0, 3)}-${c.slice(3)}` })).toMatchObject({ ok: true });
    const wrong = String((Number(c) + 1) % 1_000_000).padStart(6, '0');
    expect(reg.findPending({ code: wrong })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^no screen is showing code \d{3} \d{3}/),
    });
    expect(reg.findPending({ code: '12ab' })).toEqual({
      ok: false,
      reason: 'a pairing code is 6 digits, as shown on the screen',
    });
    expect(reg.findPending({ pendingId: 'nope-nope' }).ok).toBe(false);
  });
});

describe('PairingRegistry: credentials', () => {
  it('admit issues a ≥ 128-bit credential, saves it, and removes the pending entry', () => {
    const { reg, saved } = registry();
    const r = reg.request('a', 'left');
    if (!r.ok) throw new Error('refused');
    const admitted = reg.admit(r.pending);
    if (!admitted.ok) throw new Error(admitted.reason);
    const rec = admitted.value;
    expect(Buffer.from(rec.credential, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(rec.name).toBe('left');
    expect(saved.at(-1)).toEqual([rec]);
    expect(reg.pendingCount).toBe(0);
    expect(reg.lookup(rec.screenId)).toBe(rec);
    expect(reg.pairedList(() => false)).toEqual([
      {
        screenId: rec.screenId,
        name: 'left',
        pairedAt: rec.pairedAt,
        lastSeenAt: null,
        online: false,
      },
    ]);
  });

  it('admits nothing when the save fails (the screen stays pending)', () => {
    const { reg } = registry({}, () => {
      throw new Error('EROFS: read-only file system');
    });
    const r = reg.request('a', 'left');
    if (!r.ok) throw new Error('refused');
    expect(reg.admit(r.pending)).toEqual({
      ok: false,
      reason: 'could not save the paired screens: EROFS: read-only file system',
    });
    expect(reg.pendingCount).toBe(1);
    expect(reg.pairedList(() => false)).toEqual([]);
  });

  it('caps paired screens', () => {
    const { reg } = registry({ maxPaired: 1, maxPendingPerAddress: 5 });
    const a = reg.request('a', 'a');
    const b = reg.request('a', 'b');
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(reg.admit(a.pending).ok).toBe(true);
    expect(reg.admit(b.pending)).toEqual({
      ok: false,
      reason: expect.stringContaining('revoke one first'),
    });
  });

  it('verifies proofs: the right one, not a wrong one, not one for other nonces', () => {
    const { reg } = registry();
    const r = reg.request('a', 'left');
    if (!r.ok) throw new Error('refused');
    const admitted = reg.admit(r.pending);
    if (!admitted.ok) throw new Error('not admitted');
    const rec = admitted.value;
    const p = { screenNonce: 'n'.repeat(24), hubNonce: 'h'.repeat(22), hubId: 'hub-1' };
    const text = (side: string, q = p) =>
      `${side}|${rec.screenId}|${q.screenNonce}|${q.hubNonce}|${q.hubId}`;
    expect(reg.hubProof(rec, p)).toBe(mac(rec.credential, text('hub')));
    const good = mac(rec.credential, text('screen'));
    expect(reg.verifyScreen(rec, p, good)).toBe(true);
    expect(reg.verifyScreen(rec, p, mac(rec.credential, text('hub')))).toBe(false);
    expect(reg.verifyScreen(rec, { ...p, hubNonce: 'x'.repeat(22) }, good)).toBe(false);
    expect(reg.verifyScreen(rec, p, mac('another-credential-xxxxxxxxxx', text('screen')))).toBe(
      false,
    );
    expect(reg.verifyScreen(rec, p, good.slice(2))).toBe(false);
  });

  it('revoke keeps a tombstone (bounded), drops the screen from the list, and saves', () => {
    const { reg, saved } = registry({ maxRevoked: 1, maxPendingPerAddress: 5 });
    const ids: string[] = [];
    for (const n of ['a', 'b']) {
      const r = reg.request('x', n);
      if (!r.ok) throw new Error('refused');
      const ad = reg.admit(r.pending);
      if (!ad.ok) throw new Error('no');
      ids.push(ad.value.screenId);
    }
    const first = reg.revoke(ids[0]!);
    expect(first).toMatchObject({ saved: true, record: { name: 'a' } });
    expect(reg.lookup(ids[0]!)?.revokedAt).not.toBeNull();
    expect(reg.revoke(ids[0]!)).toBeNull(); // already revoked
    expect(reg.pairedList(() => false).map((s) => s.name)).toEqual(['b']);
    reg.revoke(ids[1]!);
    // maxRevoked 1: the older tombstone is forgotten.
    expect(reg.lookup(ids[0]!)).toBeUndefined();
    expect(reg.lookup(ids[1]!)?.revokedAt).not.toBeNull();
    expect(saved.at(-1)?.map((r) => r.name)).toEqual(['b']);
  });

  it('has documented defaults', () => {
    expect(DEFAULT_PAIRING_LIMITS).toMatchObject({
      maxPending: 16,
      maxPendingPerAddress: 2,
      codeTtlMs: 180_000,
    });
  });
});
