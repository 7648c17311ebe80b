/**
 * Honest acknowledgements: with the data dir made unwritable mid-run, every operator command that
 * saves (settings, blackout, pause, message, layout) is acked ok:false with a sentence, while the
 * change stays live; once the folder is back, the same commands are acked as saved.
 *
 * Root ignores permissions (CI runs as root), so "unwritable" is made the way that fails for
 * root too: the data folder is moved away and a plain file put at its path.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperatorAckMsg } from '../../shared/protocol/hub-messages';
import type { OperatorCommand } from '../../shared/protocol/messages';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { TestClient } from '../support/ws-client';

let hub: TestHub | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.stop();
  hub = null;
});

let seq = 0;
async function command(op: TestClient, cmd: OperatorCommand): Promise<OperatorAckMsg> {
  const mine = ++seq;
  op.sendJson({ type: 'operator', seq: mine, command: cmd });
  return op.waitFor(() => op.json('operator-ack').find((a) => a.seq === mine), 5000, `ack ${mine}`);
}

const SAVING: [string, OperatorCommand][] = [
  ['settings', { cmd: 'settings', patch: { flagSize: 0.3 } }],
  ['blackout', { cmd: 'blackout', on: true }],
  ['pause', { cmd: 'pause', on: true }],
  ['message', { cmd: 'message', text: 'doors close at ten' }],
  [
    'layout',
    {
      cmd: 'layout',
      layout: {
        screens: [
          {
            name: 'left',
            xMm: 0,
            yMm: 0,
            widthMm: 1210,
            heightMm: 680,
            bezelMm: { left: 3, right: 3, top: 3, bottom: 3 },
          },
        ],
        wifi: 'guest',
      },
    },
  ],
];

describe('save failures are acked as failures', () => {
  it('every saving command says NOT saved while the data dir is unwritable, saved once it is back', async () => {
    hub = await startTestHub();
    const op = await TestClient.join(hub.wsUrl, { role: 'operator', key: TEST_KEY });
    clients.push(op);
    const dir = hub.dataDir;
    renameSync(dir, `${dir}-away`);
    writeFileSync(dir, 'not a folder');
    try {
      for (const [name, cmd] of SAVING) {
        const ack = await command(op, cmd);
        expect(ack.ok, name).toBe(false);
        expect(ack.message, name).toMatch(/live but NOT saved: cannot write .* \(E[A-Z]+\)/);
      }
      // Still live: the operator's state shows what was asked for.
      const state = await op.waitFor(
        () => op.json('operator-state').find((s) => s.show.message === 'doors close at ten'),
        5000,
      );
      expect(state.show).toMatchObject({ blackout: true, paused: true });
      expect(state.settings.flagSize).toBe(0.3);
    } finally {
      rmSync(dir);
      renameSync(`${dir}-away`, dir);
    }
    for (const [name, cmd] of SAVING) {
      const ack = await command(op, cmd);
      expect([name, ack.ok, ack.message]).toEqual([name, true, expect.not.stringMatching(/NOT/)]);
    }
    expect(JSON.parse(readFileSync(`${dir}/show.json`, 'utf8'))).toMatchObject({ blackout: true });
    expect(JSON.parse(readFileSync(`${dir}/hub.json`, 'utf8')).settings.flagSize).toBe(0.3);
  });
});
