/** Pairing on the hub's sessions: memory sockets, a fake clock, an in-memory screens file. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { attachPairing } from '../../../../main/hub/pairing-setup';
import { PairingRegistry, type PairingLimits } from '../../../../main/hub/pairing-registry';
import type { ScreenRecord } from '../../../../main/config/screen-store';
import { Operator } from '../../../../main/hub/operator';
import { EMPTY_LAYOUT } from '../../../../shared/geometry/layout';
import { CloseCode } from '../../../../shared/protocol/codes';
import type { HubMessage, OperatorAckMsg } from '../../../../shared/protocol/hub-messages';
import { hubProof, screenProof } from '../../../../shared/crypto/pairing-proof';
import { createMemoryHub, MEMORY_HUB_KEY } from '../../../support/memory-hub';
import { connectMemoryClient, type MemoryClient } from '../../../support/memory-hub-socket';

function rig(limits: Partial<PairingLimits> = {}) {
  const { hub, clock } = createMemoryHub();
  const log = pino({ level: 'silent' });
  const file: { records: ScreenRecord[]; fail: boolean } = { records: [], fail: false };
  const registry = new PairingRegistry({
    now: () => clock.now(),
    limits,
    records: [],
    save: (r) => {
      if (file.fail) throw new Error('disk full');
      file.records = r.map((x) => ({ ...x }));
    },
  });
  const pairing = attachPairing(hub, registry, clock, log);
  const operator = new Operator({
    hub,
    clock,
    log,
    layout: EMPTY_LAYOUT,
    saveLayout: () => undefined,
    show: { blackout: false, paused: false, message: '' },
    saveShow: () => undefined,
    phoneUrl: 'http://hub/',
    version: 'test',
    pairing,
  });
  pairing.onChange = () => operator.refresh();
  const console_ = connectMemoryClient(hub, { role: 'operator', key: MEMORY_HUB_KEY });
  let seq = 0;
  const command = (cmd: object): OperatorAckMsg => {
    const s = ++seq;
    console_.send({ type: 'operator', seq: s, command: cmd });
    const ack = console_.socket
      .json()
      .find((m): m is OperatorAckMsg => m.type === 'operator-ack' && m.seq === s);
    if (!ack) throw new Error('no ack');
    return ack;
  };
  return { hub, clock, pairing, registry, file, command, operator };
}

const of = <T extends HubMessage['type']>(c: MemoryClient, type: T) =>
  c.socket.json().filter((m): m is Extract<HubMessage, { type: T }> => m.type === type);

function pairScreen(r: ReturnType<typeof rig>, address = '10.0.0.5', name = 'left') {
  const screen = connectMemoryClient(
    r.hub,
    { role: 'screen', pair: true, screen: { name } },
    address,
  );
  const code = of(screen, 'pairing')[0]?.code;
  return { screen, code };
}

function login(
  r: ReturnType<typeof rig>,
  rec: { screenId: string; credential: string },
  nonce = 'screen-nonce-0123456789',
) {
  const screen = connectMemoryClient(r.hub, {
    role: 'screen',
    auth: { screenId: rec.screenId, nonce },
    screen: { name: 'left' },
  });
  return screen;
}

describe('screen pairing on the hub', () => {
  it('a screen without a key is shown a code, listed as pending, and cannot do anything else', () => {
    const r = rig();
    const { screen, code } = pairScreen(r);
    expect(code).toMatch(/^\d{6}$/);
    expect(screen.socket.closeCode).toBeNull();
    expect(of(screen, 'welcome')).toEqual([]);
    expect(r.operator.state().pairing?.pending).toMatchObject([
      { code, name: 'left', address: '10.0.0.5' },
    ]);
    screen.send({
      type: 'stats',
      clock: { offsetMs: 0, errorMs: 0, rttMs: 0, converged: true },
      fps: 60,
    });
    expect(screen.socket.closeCode).toBe(CloseCode.NO_HELLO);
    expect(r.operator.state().pairing?.pending).toEqual([]);
  });

  it('a second hello from a pending screen closes it', () => {
    const r = rig();
    const { screen } = pairScreen(r);
    screen.send({ type: 'hello', proto: 2, role: 'screen', key: MEMORY_HUB_KEY });
    expect(screen.socket.closeCode).toBe(CloseCode.BAD_MESSAGE);
  });

  it('without pair or auth a keyless screen is still refused as before', () => {
    const r = rig();
    const s = connectMemoryClient(r.hub, { role: 'screen', screen: { name: 'x' } });
    expect(s.socket.closeCode).toBe(CloseCode.UNAUTHORIZED);
  });

  it('admit by typed code: the screen gets its credential, then goes live at once', () => {
    const r = rig();
    const { screen, code } = pairScreen(r);
    const wrong = r.command({ cmd: 'admit-screen', code: '000000' === code ? '000001' : '000000' });
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/^no screen is showing code/);
    const ack = r.command({ cmd: 'admit-screen', code: `${code!.slice(0, 3)} ${code!.slice(3)}` });
    expect(ack).toMatchObject({ ok: true, message: 'screen "left" paired and saved' });
    const paired = of(screen, 'paired')[0]!;
    expect(paired.hubId).toBe(r.hub.hubId);
    expect(r.file.records).toMatchObject([
      { screenId: paired.screenId, credential: paired.credential },
    ]);
    const types = screen.socket.json().map((m) => m.type);
    expect(types.slice(types.indexOf('paired'))).toEqual([
      'paired',
      'welcome',
      'snapshot',
      'wall-state',
    ]);
    expect(r.hub.screens.size).toBe(1);
    expect(r.operator.state().pairing?.paired).toMatchObject([{ name: 'left', online: true }]);
  });

  it('admit fails honestly when screens.json cannot be saved (nothing issued)', () => {
    const r = rig();
    const { screen, code } = pairScreen(r);
    r.file.fail = true;
    const ack = r.command({ cmd: 'admit-screen', code });
    expect(ack.ok).toBe(false);
    expect(ack.message).toContain('disk full');
    expect(ack.message).toContain('NOT admitted');
    expect(of(screen, 'paired')).toEqual([]);
    expect(screen.socket.closeCode).toBeNull(); // still pending: the operator can retry
  });

  it('a paired screen logs in by challenge: the hub proves first, the credential never crosses', () => {
    const r = rig();
    const { screen, code } = pairScreen(r);
    r.command({ cmd: 'admit-screen', code });
    const rec = of(screen, 'paired')[0]!;
    const next = login(r, rec);
    const ch = of(next, 'auth-challenge')[0]!;
    const input = {
      credential: rec.credential,
      screenId: rec.screenId,
      screenNonce: 'screen-nonce-0123456789',
      hubNonce: ch.nonce,
      hubId: ch.hubId,
    };
    expect(ch.hubId).toBe(r.hub.hubId);
    expect(ch.proof).toBe(hubProof(input)); // node:crypto on the hub = the page's pure HMAC
    expect(of(next, 'welcome')).toEqual([]);
    next.send({ type: 'auth-proof', proof: screenProof(input) });
    expect(of(next, 'welcome')).toHaveLength(1);
    expect(next.socket.sent.some((d) => typeof d === 'string' && d.includes(rec.credential))).toBe(
      false,
    );
    // One machine's windows share a credential: the first socket stays live beside the second.
    expect(screen.socket.closeCode).toBeNull();
    expect(r.operator.state().pairing?.paired).toMatchObject([{ online: true }]);
    // Revoke closes every socket of that credential.
    r.command({ cmd: 'revoke-screen', screenId: rec.screenId });
    expect([screen.socket.closeCode, next.socket.closeCode]).toEqual([
      CloseCode.REVOKED,
      CloseCode.REVOKED,
    ]);
  });

  it('a wrong proof, an unknown screen id and a silent screen are refused', () => {
    const r = rig();
    const { screen, code } = pairScreen(r);
    r.command({ cmd: 'admit-screen', code });
    const rec = of(screen, 'paired')[0]!;
    const bad = login(r, rec);
    const ch = of(bad, 'auth-challenge')[0]!;
    bad.send({
      type: 'auth-proof',
      proof: screenProof({
        credential: 'not-the-credential-xxxxxx',
        screenId: rec.screenId,
        screenNonce: 'screen-nonce-0123456789',
        hubNonce: ch.nonce,
        hubId: ch.hubId,
      }),
    });
    expect(bad.socket.closeCode).toBe(CloseCode.UNAUTHORIZED);
    const unknown = login(r, { screenId: 'unknown-screen', credential: '' });
    expect(unknown.socket.closeCode).toBe(CloseCode.UNAUTHORIZED);
    const silent = login(r, rec);
    r.clock.advance(r.hub.limits.helloTimeoutMs);
    expect(silent.socket.closeCode).toBe(CloseCode.NO_HELLO);
    const stray = connectMemoryClient(r.hub, { role: 'screen', key: MEMORY_HUB_KEY });
    stray.send({ type: 'auth-proof', proof: '0'.repeat(64) });
    expect(stray.socket.closeCode).toBe(CloseCode.FORBIDDEN);
  });

  it('revoke closes the live screen with REVOKED; its next login is proven by the hub, then refused', () => {
    const r = rig();
    const { screen, code } = pairScreen(r);
    r.command({ cmd: 'admit-screen', code });
    const rec = of(screen, 'paired')[0]!;
    const ack = r.command({ cmd: 'revoke-screen', screenId: rec.screenId });
    expect(ack).toMatchObject({ ok: true, message: 'screen "left" revoked' });
    expect(screen.socket.closeCode).toBe(CloseCode.REVOKED);
    expect(r.file.records[0]?.revokedAt).not.toBeNull();
    expect(r.operator.state().pairing?.paired).toEqual([]);
    const again = login(r, rec);
    const ch = of(again, 'auth-challenge')[0]!;
    const input = {
      credential: rec.credential,
      screenId: rec.screenId,
      screenNonce: 'screen-nonce-0123456789',
      hubNonce: ch.nonce,
      hubId: ch.hubId,
    };
    expect(ch.proof).toBe(hubProof(input));
    again.send({ type: 'auth-proof', proof: screenProof(input) });
    expect(again.socket.closeCode).toBe(CloseCode.REVOKED);
    expect(of(again, 'welcome')).toEqual([]);
  });

  it('refuses pairing floods: per-address pending cap, request budget, hub-wide cap', () => {
    const r = rig({ maxPending: 3, maxPendingPerAddress: 2, requestBurst: 4 });
    const a = [pairScreen(r, '10.0.0.1'), pairScreen(r, '10.0.0.1'), pairScreen(r, '10.0.0.1')];
    expect(a.map((x) => x.screen.socket.closeCode)).toEqual([
      null,
      null,
      CloseCode.TOO_MANY_CONNECTIONS,
    ]);
    // Budget: the 5th request from this address is refused before any pending entry is made.
    pairScreen(r, '10.0.0.1');
    const fifth = pairScreen(r, '10.0.0.1');
    expect(fifth.screen.socket.closeReason).toContain('too many pairing requests');
    expect(pairScreen(r, '10.0.0.2').screen.socket.closeCode).toBeNull();
    const full = pairScreen(r, '10.0.0.3');
    expect(full.screen.socket.closeReason).toContain('too many screens are waiting');
    expect(r.registry.pendingCount).toBe(3);
  });

  it('an expired code closes the pending screen (4002, not final: it asks again)', () => {
    const r = rig({ codeTtlMs: 10_000 });
    const { screen } = pairScreen(r);
    r.clock.advance(9_000);
    expect(screen.socket.closeCode).toBeNull();
    r.clock.advance(2_000);
    expect(screen.socket.closeCode).toBe(CloseCode.NO_HELLO);
    expect(screen.socket.closeReason).toContain('pairing code expired');
    expect(r.registry.pendingCount).toBe(0);
  });

  it('the wall key still works for screens (scripts, the headless screen)', () => {
    const r = rig();
    const s = connectMemoryClient(r.hub, { role: 'screen', key: MEMORY_HUB_KEY });
    expect(of(s, 'welcome')).toHaveLength(1);
  });
});
