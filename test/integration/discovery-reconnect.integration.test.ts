/**
 * Reconnection semantics on a real hub (loopback, port 0, mDNS off): a resume token keeps a
 * phone's identity and flag across a drop; a dropped phone dozes for the configured grace
 * period, then leaves; a reconnecting screen gets a fresh full snapshot; phone identities
 * survive a hub restart from the data dir.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHubState, saveHubState } from '../../main/config/hub-state';
import { phonesPath } from '../../main/config/phone-store';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { CLI_PATH } from '../support/hub-process';
import { TestClient } from '../support/ws-client';

const hubs: TestHub[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const h of hubs.splice(0)) await h.stop();
});
async function hub(opts: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const h = await startTestHub(opts);
  hubs.push(h);
  return h;
}
async function joinAs(
  h: TestHub,
  hello: Parameters<typeof TestClient.join>[1],
): Promise<TestClient> {
  const c = await TestClient.join(h.wsUrl, hello);
  clients.push(c);
  return c;
}
const welcome = (c: TestClient) => c.json('welcome').at(-1)!;

describe('phone resume token', () => {
  it('keeps id, flag and name across a drop; screens see it doze and wake', async () => {
    const h = await hub();
    const screen = await joinAs(h, { role: 'screen', key: TEST_KEY });
    const phone = await joinAs(h, { role: 'phone', phone: { flag: 'fr', name: 'Zoé' } });
    const first = welcome(phone);
    await phone.move(); // a phone that never moved leaves at once instead of dozing
    phone.close();
    await screen.waitFor(
      () =>
        screen
          .json('roster')
          .some((r) => r.upsert.some((p) => p.id === first.clientId && p.dozing)),
      5000,
      'the phone dozing',
    );
    const again = await joinAs(h, { role: 'phone', resume: first.resume!, phone: { flag: 'de' } });
    expect(welcome(again)).toMatchObject({
      clientId: first.clientId,
      flag: 'fr',
      name: 'Zoé',
      resume: first.resume,
    });
    await screen.waitFor(
      () =>
        screen
          .json('roster')
          .at(-1)
          ?.upsert.some((p) => p.id === first.clientId && !p.dozing),
      5000,
      'the phone awake again',
    );
  });

  it("an unknown token gets a new identity, not someone else's", async () => {
    const h = await hub();
    const a = await joinAs(h, { role: 'phone', phone: { flag: 'jp' } });
    const b = await joinAs(h, { role: 'phone', resume: 'not-a-real-token', phone: { flag: 'br' } });
    expect(welcome(b).clientId).not.toBe(welcome(a).clientId);
    expect(welcome(b).flag).toBe('br');
    expect(welcome(b).resume).not.toBe('not-a-real-token');
  });
});

describe('dozing grace period', () => {
  it('a dropped phone dozes, then leaves after limits.phoneGraceMs', async () => {
    const h = await hub({ limits: { phoneGraceMs: 300 } });
    const screen = await joinAs(h, { role: 'screen', key: TEST_KEY });
    const phone = await joinAs(h, { role: 'phone', phone: { flag: 'ca' } });
    const { clientId, resume } = welcome(phone);
    const droppedAt = performance.now();
    await phone.move();
    phone.close();
    await screen.waitFor(
      () => screen.json('roster').some((r) => r.remove.includes(clientId)),
      5000,
      'removal',
    );
    expect(performance.now() - droppedAt).toBeGreaterThanOrEqual(300);
    // Past the grace period the token is spent: a new identity.
    const back = await joinAs(h, { role: 'phone', resume: resume!, phone: { flag: 'ca' } });
    expect(welcome(back).clientId).not.toBe(clientId);
  });

  it('the grace period comes from hub.json ("phoneGraceMs") and --grace-ms is validated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'flagwall-grace-'));
    const { state } = loadHubState(dataDir, { wall: 'w' });
    saveHubState(dataDir, { ...state, phoneGraceMs: 1234 });
    const h = await hub({ dataDir });
    expect(h.hub.limits.phoneGraceMs).toBe(1234);
    const bad = spawnSync(process.execPath, [CLI_PATH, 'hub', '--no-mdns', '--grace-ms', 'soon'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--grace-ms must be an integer');
  });
});

describe('screen reconnect', () => {
  it('a reconnecting screen gets a fresh full snapshot', async () => {
    const h = await hub();
    const first = await joinAs(h, { role: 'screen', key: TEST_KEY });
    expect((await first.waitForJson('snapshot')).phones).toEqual([]);
    const phone = await joinAs(h, { role: 'phone', phone: { flag: 'ng', name: 'Ada' } });
    first.close();
    const again = await joinAs(h, { role: 'screen', key: TEST_KEY });
    const snap = await again.waitForJson('snapshot');
    expect(snap.phones).toEqual([
      expect.objectContaining({
        id: welcome(phone).clientId,
        flag: 'ng',
        name: 'Ada',
        dozing: false,
      }),
    ]);
  });
});

describe('hub restart from the data dir', () => {
  it('phones come back with their old id and flag; new phones never reuse an id', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'flagwall-restart-'));
    let h = await hub({ dataDir });
    const hubId = h.state.hubId;
    const a = await joinAs(h, { role: 'phone', phone: { flag: 'mx', name: 'Lu' } });
    const b = await joinAs(h, { role: 'phone', phone: { flag: 'in' } });
    const [wa, wb] = [welcome(a), welcome(b)];
    await hubs.pop()!.stop({ keepData: true });
    const saved = JSON.parse(readFileSync(phonesPath(dataDir), 'utf8')) as { phones: unknown[] };
    expect(saved.phones).toHaveLength(2);

    h = await hub({ dataDir });
    expect(h.state.hubId).toBe(hubId);
    const screen = await joinAs(h, { role: 'screen', key: TEST_KEY });
    const snap = await screen.waitForJson('snapshot');
    expect(snap.phones.map((p) => [p.id, p.flag, p.dozing]).sort()).toEqual(
      [
        [wa.clientId, 'mx', true],
        [wb.clientId, 'in', true],
      ].sort(),
    );
    const a2 = await joinAs(h, { role: 'phone', resume: wa.resume!, phone: { flag: 'fr' } });
    expect(welcome(a2)).toMatchObject({ clientId: wa.clientId, flag: 'mx', name: 'Lu' });
    const c = await joinAs(h, { role: 'phone', phone: { flag: 'jp' } });
    expect(welcome(c).clientId).toBeGreaterThan(Math.max(wa.clientId, wb.clientId));
    rmSync(dataDir, { recursive: true, force: true });
  });
});
