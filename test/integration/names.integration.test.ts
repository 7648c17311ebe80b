/**
 * Names over real sockets: the operator's names mode and approval commands, what the console is
 * told, what screens receive, and that the mode persists in hub.json across a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OperatorAckMsg, OperatorStateMsg } from '../../shared/protocol/hub-messages';
import type { OperatorCommand } from '../../shared/protocol/messages';
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

let seq = 0;
async function command(op: TestClient, cmd: OperatorCommand): Promise<OperatorAckMsg> {
  const mine = ++seq;
  op.sendJson({ type: 'operator', seq: mine, command: cmd });
  return op.waitFor(() => op.json('operator-ack').find((a) => a.seq === mine), 5000, 'an ack');
}

/** The latest name screen `s` was told for phone `id` ('' for none). */
const nameOn = (s: TestClient, id: number): string | undefined => {
  let name: string | undefined;
  for (const m of s.json('snapshot')) name = m.phones.find((p) => p.id === id)?.name ?? name;
  for (const m of s.json('roster')) name = m.upsert.find((p) => p.id === id)?.name ?? name;
  return name;
};

describe('names: modes and approval over real sockets', () => {
  it('approval mode: the console lists the name, approve shows it on screens, the mode persists', async () => {
    hub = await startTestHub();
    const op = await join(hub.wsUrl, { role: 'operator', key: TEST_KEY });
    const screen = await join(hub.wsUrl, { role: 'screen', key: TEST_KEY });
    expect((await command(op, { cmd: 'settings', patch: { names: 'approval' } })).ok).toBe(true);
    const phone = await join(hub.wsUrl, { role: 'phone', phone: { name: 'Merde Ada' } });
    const id = phone.json('welcome')[0]!.clientId;
    await screen.waitFor(() => nameOn(screen, id) !== undefined, 5000, 'a roster');
    expect(nameOn(screen, id)).toBe('');
    const listed = await op.waitFor(
      () =>
        op
          .json('operator-state')
          .map((s: OperatorStateMsg) => s.names?.pending.find((p) => p.phoneId === id))
          .find(Boolean),
      5000,
      'the name in the console',
    );
    expect(listed).toEqual({ phoneId: id, flag: 'eo', name: 'Merde Ada', shown: 'M**** Ada' });
    const ack = await command(op, { cmd: 'name', phoneId: id, approve: true });
    expect([ack.ok, ack.message]).toEqual([true, `name of phone #${id} approved`]);
    await screen.waitFor(() => nameOn(screen, id) === 'M**** Ada', 5000, 'the approved name');
    const gone = await command(op, { cmd: 'name', phoneId: 999, approve: true });
    expect([gone.ok, gone.message]).toEqual([false, 'that phone has left the wall']);
    // The mode is a setting: saved in hub.json, back after a restart.
    await hub.stop({ keepData: true });
    hub = await startTestHub({ dataDir: hub.dataDir });
    const again = await join(hub.wsUrl, { role: 'operator', key: TEST_KEY });
    const st = await again.waitForJson('operator-state');
    expect(st.settings.names).toBe('approval');
  });

  it('an invalid mode is refused with BAD_MESSAGE like any bad setting', async () => {
    hub = await startTestHub();
    const op = await join(hub.wsUrl, { role: 'operator', key: TEST_KEY });
    op.sendJson({
      type: 'operator',
      seq: 1,
      command: { cmd: 'settings', patch: { names: 'loud' } },
    });
    expect(await op.waitForClose()).toBe(4000);
  });
});
