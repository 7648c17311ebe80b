/** Operator commands over real sockets: every command, its effect on screens and phones, and auth. */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/codes';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { OperatorAckMsg } from '../../shared/protocol/hub-messages';
import type { OperatorCommand } from '../../shared/protocol/messages';
import { encodeTap } from '../../shared/protocol/binary';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { TestClient } from '../support/ws-client';

let hub: TestHub;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.stop();
});

async function join(...args: Parameters<typeof TestClient.join>): Promise<TestClient> {
  const c = await TestClient.join(...args);
  clients.push(c);
  return c;
}
const screen = (name: string, slice?: { x: number; y: number; w: number; h: number }) =>
  join(hub.wsUrl, { role: 'screen', key: TEST_KEY, screen: { name, ...(slice ? { slice } : {}) } });
const operator = () => join(hub.wsUrl, { role: 'operator', key: TEST_KEY });

let seq = 0;
async function command(op: TestClient, cmd: OperatorCommand): Promise<OperatorAckMsg> {
  const mine = ++seq;
  op.sendJson({ type: 'operator', seq: mine, command: cmd });
  return op.waitFor(() => op.json('operator-ack').find((a) => a.seq === mine), 5000, `ack ${mine}`);
}

describe('operator console, hub side', () => {
  it('refuses a wrong key with UNAUTHORIZED and a sentence', async () => {
    hub = await startTestHub();
    const c = await TestClient.connect(hub.wsUrl);
    clients.push(c);
    c.sendJson({ type: 'hello', proto: PROTOCOL_VERSION, role: 'operator', key: 'nope' });
    expect(await c.waitForClose()).toBe(CloseCode.UNAUTHORIZED);
    expect(c.json('error')[0]?.message).toMatch(/wall key/);
  });

  it('forbids operator commands from screens and phones', async () => {
    hub = await startTestHub();
    const s = await screen('a');
    s.sendJson({ type: 'operator', seq: 1, command: { cmd: 'reload' } });
    expect(await s.waitForClose()).toBe(CloseCode.FORBIDDEN);
    const p = await join(hub.wsUrl, { role: 'phone' });
    p.sendJson({ type: 'applied', rev: 1 });
    expect(await p.waitForClose()).toBe(CloseCode.FORBIDDEN);
  });

  it('lists screens and confirms when a settings change has applied on every screen', async () => {
    hub = await startTestHub();
    const a = await screen('left');
    const b = await screen('right');
    const op = await operator();
    const first = await op.waitForJson('operator-state');
    expect(first.screens.map((s) => [s.name, s.status])).toEqual([
      ['left', 'ok'],
      ['right', 'ok'],
    ]);
    const ack = await command(op, { cmd: 'settings', patch: { flagSize: 0.2 } });
    expect(ack.ok).toBe(true);
    for (const s of [a, b]) {
      const settings = await s.waitFor(() => s.json('settings').at(-1));
      expect(settings.settings.flagSize).toBe(0.2);
      const ws = await s.waitFor(() => s.json('wall-state').find((w) => w.rev === ack.rev));
      s.sendJson({ type: 'applied', rev: ws.rev });
    }
    const confirmed = await op.waitFor(() =>
      op
        .json('operator-state')
        .find((st) => st.screens.length === 2 && st.screens.every((x) => x.appliedRev >= ack.rev)),
    );
    expect(confirmed.settings.flagSize).toBe(0.2);
    expect(hub.hub.currentSettings.flagSize).toBe(0.2);
  });

  it('rejects an out-of-range setting without touching the hub', async () => {
    hub = await startTestHub();
    const op = await operator();
    op.sendJson({ type: 'operator', seq: 1, command: { cmd: 'settings', patch: { flagSize: 9 } } });
    expect(await op.waitForClose()).toBe(CloseCode.BAD_MESSAGE);
    expect(hub.hub.currentSettings.flagSize).toBe(0.08);
  });

  it('identify, blackout, pause and message reach every screen in its wall-state', async () => {
    hub = await startTestHub();
    const a = await screen('one');
    const b = await screen('two');
    const op = await operator();
    await command(op, { cmd: 'identify', seconds: 5 });
    await command(op, { cmd: 'blackout', on: true });
    await command(op, { cmd: 'pause', on: true });
    const ack = await command(op, { cmd: 'message', text: 'Doors close at 11' });
    for (const [s, n] of [
      [a, 1],
      [b, 2],
    ] as const) {
      const ws = await s.waitFor(() => s.json('wall-state').find((w) => w.rev === ack.rev));
      expect(ws).toMatchObject({
        number: n,
        identify: true,
        blackout: true,
        paused: true,
        message: 'Doors close at 11',
      });
    }
    const off = await command(op, { cmd: 'blackout', on: false });
    expect(
      (await a.waitFor(() => a.json('wall-state').find((w) => w.rev === off.rev))).blackout,
    ).toBe(false);
  });

  it('reload and clear-ripples go to screens; a new screen gets no cleared ripple', async () => {
    hub = await startTestHub();
    const s = await screen('s');
    const phone = await join(hub.wsUrl, { role: 'phone' });
    phone.sendBinary(encodeTap(0.5, 0.5));
    await s.waitFor(() => s.ticks().some((t) => t.taps.length > 0));
    const op = await operator();
    expect((await command(op, { cmd: 'clear-ripples' })).ok).toBe(true);
    await s.waitForJson('clear-ripples');
    const late = await screen('late');
    expect((await late.waitForJson('snapshot')).ripples).toEqual([]);
    expect((await command(op, { cmd: 'reload' })).message).toMatch(/2 screen/);
    await s.waitForJson('reload');
  });

  it('kick removes a phone from the wall and closes it with KICKED', async () => {
    hub = await startTestHub();
    const s = await screen('s');
    const phone = await join(hub.wsUrl, { role: 'phone', phone: { flag: 'fr' } });
    const id = (await phone.waitForJson('welcome')).clientId;
    const op = await operator();
    expect((await command(op, { cmd: 'kick', phoneId: id })).ok).toBe(true);
    expect(await phone.waitForClose()).toBe(CloseCode.KICKED);
    await s.waitFor(() => s.json('roster').some((r) => r.remove.includes(id)));
    expect(hub.hub.phones.get(id)).toBeUndefined();
    const again = await command(op, { cmd: 'kick', phoneId: id });
    expect(again.ok).toBe(false);
    expect(again.message).toMatch(/no phone/);
  });

  it('capacity: the third phone waits, keeps its flag, and joins when a place frees up', async () => {
    hub = await startTestHub();
    const op = await operator();
    await command(op, { cmd: 'settings', patch: { maxPhones: 2 } });
    const p1 = await join(hub.wsUrl, { role: 'phone' });
    await join(hub.wsUrl, { role: 'phone' });
    const p3 = await join(hub.wsUrl, { role: 'phone', phone: { flag: 'jp' } });
    expect((await p3.waitForJson('wait')).position).toBe(1);
    await op.waitFor(() => op.json('operator-state').find((st) => st.audience.waiting === 1));
    const id1 = p1.json('welcome')[0]!.clientId;
    await command(op, { cmd: 'kick', phoneId: id1 });
    const admitted = await p3.waitFor(() => p3.json('welcome').find((w) => w.clientId > 0));
    expect(admitted.flag).toBe('jp');
  });

  it('counts the audience by country, language and OS, and keeps the peak', async () => {
    hub = await startTestHub();
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148';
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120.0 Mobile';
    const a = await join(
      hub.wsUrl,
      { role: 'phone', phone: { lang: 'de-CH' } },
      { 'user-agent': iphone },
    );
    await join(
      hub.wsUrl,
      { role: 'phone' },
      { 'user-agent': android, 'accept-language': 'pt-BR,pt;q=0.9' },
    );
    await a.move(); // so it dozes rather than leaving at once
    a.close();
    const op = await operator();
    const st = await op.waitFor(() =>
      op.json('operator-state').find((s) => s.audience.dozing === 1),
    );
    expect(st.audience).toMatchObject({
      connected: 1,
      dozing: 1,
      peak: 2,
      joins: 2,
      byCountry: { ch: 1, br: 1 },
      byLanguage: { de: 1, pt: 1 },
      byOs: { iOS: 1, Android: 1 },
    });
  });

  it('locate makes the phone pulse on every screen, at most once a second', async () => {
    hub = await startTestHub();
    const s = await screen('s');
    const phone = await join(hub.wsUrl, { role: 'phone' });
    const id = (await phone.waitForJson('welcome')).clientId;
    phone.sendJson({ type: 'locate' });
    phone.sendJson({ type: 'locate' });
    expect((await s.waitForJson('pulse')).id).toBe(id);
    // A later message proves the second locate was handled (and dropped) before it.
    const op = await operator();
    await command(op, { cmd: 'reload' });
    await s.waitForJson('reload');
    expect(s.json('pulse')).toHaveLength(1);
  });

  it('shows a dropped screen as reconnecting, and a placed never-seen one as gone', async () => {
    hub = await startTestHub();
    const s = await screen('dropper');
    const op = await operator();
    await command(op, {
      cmd: 'layout',
      layout: {
        wifi: '',
        screens: [
          {
            name: 'ghost',
            xMm: 0,
            yMm: 0,
            widthMm: 1000,
            heightMm: 500,
            bezelMm: { left: 0, right: 0, top: 0, bottom: 0 },
          },
        ],
      },
    });
    s.close();
    const st = await op.waitFor(() =>
      op
        .json('operator-state')
        .find((x) => x.screens.some((y) => y.name === 'dropper' && y.status === 'reconnecting')),
    );
    expect(st.screens.find((y) => y.name === 'ghost')).toMatchObject({
      status: 'gone',
      placed: true,
      number: 1,
    });
  });
});
