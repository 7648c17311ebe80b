/** A real hub on port 0 with real ws clients: the walking skeleton's data path and bad input. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BinTag,
  dequantize,
  encodeMove,
  encodePing,
  encodeTap,
} from '../../shared/protocol/binary';
import { CloseCode } from '../../shared/protocol/codes';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { TestClient } from '../support/ws-client';

let hub: TestHub;
const clients: TestClient[] = [];
const track = (c: TestClient): TestClient => (clients.push(c), c);

beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub.stop();
});

const screen = async (): Promise<TestClient> =>
  track(
    await TestClient.join(hub.wsUrl, { role: 'screen', key: TEST_KEY, screen: { name: 'left' } }),
  );
const phone = async (lang = 'en-GB'): Promise<TestClient> =>
  track(await TestClient.join(hub.wsUrl, { role: 'phone', phone: { lang } }));

describe('hub data path', () => {
  it('a phone move reaches a screen in a tick; a tap arrives as a ripple stamped in hub time', async () => {
    const s = await screen();
    await s.waitForJson('snapshot');
    const p = await phone();
    const welcome = p.json('welcome')[0]!;
    expect(welcome.flag).toBe('gb');
    expect(welcome.resume).toMatch(/^[\w-]{16,}$/);
    const roster = await s.waitForJson('roster');
    expect(roster.upsert).toEqual([{ id: welcome.clientId, flag: 'gb', name: '', dozing: false }]);

    p.sendBinary(encodeMove(1, 0.25, 0.75));
    const move = await s.waitFor(
      () =>
        s
          .ticks()
          .flatMap((t) => t.moves)
          .find((m) => m.id === welcome.clientId),
      2000,
      'the move',
    );
    expect(dequantize(move.qx)).toBeCloseTo(0.25, 4);
    expect(dequantize(move.qy)).toBeCloseTo(0.75, 4);

    const before = Date.now();
    p.sendBinary(encodeTap(0.5, 0.5));
    const tap = await s.waitFor(() => s.ticks().flatMap((t) => t.taps)[0], 2000, 'the tap');
    expect(tap.id).toBe(welcome.clientId);
    expect(Math.abs(tap.t0 - before)).toBeLessThan(1000); // hub time is epoch-based ms

    // The phone gets its own acknowledgement, never other phones' cursors.
    await p.waitFor(
      () => p.received.find((r) => r.kind === 'binary' && r.msg?.tag === BinTag.ACK),
      2000,
      'ack',
    );
    expect(p.ticks()).toHaveLength(0);
  });

  it('answers PING with PONG carrying hub receive/send times', async () => {
    const s = await screen();
    s.sendBinary(encodePing(123.5));
    const pong = await s.waitFor(
      () => s.received.find((r) => r.kind === 'binary' && r.msg?.tag === BinTag.PONG),
      2000,
      'pong',
    );
    expect(pong.kind === 'binary' && pong.msg).toMatchObject({ tag: BinTag.PONG, t0: 123.5 });
  });

  it('a late screen gets a full snapshot with every phone and its position', async () => {
    // The probe joins first, so the tick carrying the move cannot pass before it is listening.
    const probe = await screen();
    const p = await phone('fr-FR');
    p.sendBinary(encodeMove(1, 0.1, 0.2));
    await probe.waitFor(
      () => probe.ticks().some((t) => t.moves.length > 0),
      2000,
      'a tick with the move',
    );
    const late = await screen();
    const snap = await late.waitForJson('snapshot');
    expect(snap.phones).toHaveLength(1);
    expect(snap.phones[0]).toMatchObject({ flag: 'fr', dozing: false });
    expect(snap.phones[0]!.x).toBeCloseTo(0.1, 4);
  });

  it('a dropped phone dozes, and its resume token brings back the same id and flag', async () => {
    const s = await screen();
    const p = await TestClient.join(hub.wsUrl, { role: 'phone', phone: { flag: 'jp' } });
    const { clientId, resume } = p.json('welcome')[0]!;
    await p.move();
    p.close();
    await s.waitFor(
      () => s.json('roster').find((r) => r.upsert.some((u) => u.id === clientId && u.dozing)),
      2000,
      'dozing',
    );
    const back = track(await TestClient.join(hub.wsUrl, { role: 'phone', resume: resume! }));
    expect(back.json('welcome')[0]).toMatchObject({ clientId, flag: 'jp' });
  });

  it('healthz reports version, protocol and counts', async () => {
    await screen();
    await phone();
    const health = (await (await fetch(hub.urls.health)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, proto: PROTOCOL_VERSION, screens: 1, phones: 1 });
    expect(typeof health.version).toBe('string');
  });
});

describe('bad input closes only the client that sent it', () => {
  const cases: [string, (c: TestClient) => void, number][] = [
    ['malformed JSON', (c) => c.ws.send('{nope'), CloseCode.BAD_MESSAGE],
    ['an unknown message type', (c) => c.sendJson({ type: 'format-disk' }), CloseCode.BAD_MESSAGE],
    [
      'a wrong protocol version',
      (c) => c.sendJson({ type: 'hello', proto: 999, role: 'phone' }),
      CloseCode.VERSION_MISMATCH,
    ],
    [
      'a screen without the key',
      (c) => c.sendJson({ type: 'hello', proto: PROTOCOL_VERSION, role: 'screen' }),
      CloseCode.UNAUTHORIZED,
    ],
    ['a binary frame before hello', (c) => c.sendBinary(encodeMove(1, 0, 0)), CloseCode.NO_HELLO],
    [
      'an unknown binary tag',
      (c) => c.sendBinary(new Uint8Array([0x55, 1, 2])),
      CloseCode.BAD_MESSAGE,
    ],
    ['an oversize frame', (c) => c.ws.send('x'.repeat(64 * 1024)), CloseCode.TOO_LARGE],
  ];

  it.each(cases)('%s', async (_what, misbehave, code) => {
    const s = await screen();
    const good = await phone();
    const bad = track(await TestClient.connect(hub.wsUrl));
    misbehave(bad);
    expect(await bad.waitForClose()).toBe(code);
    if (code !== CloseCode.TOO_LARGE) expect(bad.json('error')[0]?.code).toBe(code);

    // Everyone else keeps being served: the good phone's next move still reaches the screen.
    const id = good.json('welcome')[0]!.clientId;
    good.sendBinary(encodeMove(2, 0.9, 0.1));
    await s.waitFor(
      () =>
        s
          .ticks()
          .flatMap((t) => t.moves)
          .find((m) => m.id === id && dequantize(m.qx) > 0.89),
      2000,
      'the good move',
    );
    expect(s.closeCode).toBeNull();
    expect(good.closeCode).toBeNull();
  });

  it('a phone sending screen-only messages is refused', async () => {
    const p = await phone();
    p.sendJson({
      type: 'stats',
      clock: { offsetMs: 0, errorMs: 0, rttMs: 0, converged: true },
      fps: 60,
    });
    expect(await p.waitForClose()).toBe(CloseCode.FORBIDDEN);
  });

  it('a silent client is closed after the hello timeout', async () => {
    await hub.stop();
    hub = await startTestHub({ limits: { helloTimeoutMs: 150 } });
    const silent = track(await TestClient.connect(hub.wsUrl));
    expect(await silent.waitForClose(3000)).toBe(CloseCode.NO_HELLO);
  });
});
