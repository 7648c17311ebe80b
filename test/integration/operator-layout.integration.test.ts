/** The layout: live slices for screens, persistence across a hub restart, corrupt file → defaults. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { WallLayout } from '../../shared/geometry/layout';
import { layoutPath } from '../../main/config/layout-store';
import { showPath } from '../../main/config/show-store';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { TestClient } from '../support/ws-client';

const hubs: TestHub[] = [];
const clients: TestClient[] = [];
let dataDir = '';
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const h of hubs.splice(0)) await h.stop({ keepData: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(extra: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const h = await startTestHub({ dataDir, ...extra });
  hubs.push(h);
  return h;
}
async function joinHub(
  url: string,
  hello: Parameters<typeof TestClient.join>[1],
): Promise<TestClient> {
  const c = await TestClient.join(url, hello);
  clients.push(c);
  return c;
}

const noBezel = { left: 0, right: 0, top: 0, bottom: 0 };
/** Two 1000 mm panels side by side with 10 mm bezels between them. */
const twoWide: WallLayout = {
  wifi: 'Venue-Guest',
  screens: [
    { name: 'L', xMm: 0, yMm: 0, widthMm: 1000, heightMm: 500, bezelMm: { ...noBezel, right: 10 } },
    {
      name: 'R',
      xMm: 1010,
      yMm: 0,
      widthMm: 1000,
      heightMm: 500,
      bezelMm: { ...noBezel, left: 10 },
    },
  ],
};

describe('operator layout', () => {
  it('moves a screen live and keeps the layout across a hub restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flagwall-layout-'));
    const hub = await start();
    const right = await joinHub(hub.wsUrl, {
      role: 'screen',
      key: TEST_KEY,
      screen: { name: 'R' },
    });
    expect((await right.waitForJson('wall-state')).slice).toBeNull();
    const op = await joinHub(hub.wsUrl, { role: 'operator', key: TEST_KEY });
    op.sendJson({ type: 'operator', seq: 7, command: { cmd: 'layout', layout: twoWide } });
    const ack = await op.waitForJson('operator-ack');
    expect(ack).toMatchObject({ seq: 7, ok: true });
    const live = await right.waitFor(() => right.json('wall-state').find((w) => w.rev === ack.rev));
    // Wall = 2020 mm of which R shows the last 1000: the 20 mm of bezels are skipped.
    expect(live.slice!.x).toBeCloseTo(1020 / 2020, 9);
    expect(live.slice!.w).toBeCloseTo(1000 / 2020, 9);
    expect(live.banner).toMatchObject({ show: true, wifi: 'Venue-Guest', url: hub.urls.phone });
    expect(JSON.parse(readFileSync(layoutPath(dataDir), 'utf8'))).toEqual(twoWide);

    await hub.stop({ keepData: true });
    hubs.length = 0;
    const again = await start();
    const left = await joinHub(again.wsUrl, {
      role: 'screen',
      key: TEST_KEY,
      screen: { name: 'L' },
    });
    const ws = await left.waitForJson('wall-state');
    expect(ws.slice).toEqual({ x: 0, y: 0, w: 1000 / 2020, h: 1 });
    expect(ws.number).toBe(1);
    expect(ws.banner.show).toBe(false); // L does not hold the bottom-right corner
    expect(again.operator.currentLayout).toEqual(twoWide);
  });

  it('a corrupt layout file gives one clear log line and an empty layout, not a crash', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flagwall-layout-'));
    writeFileSync(layoutPath(dataDir), '{"screens": [ {"name": "L", "xMm": "oops"');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const hub = await start({ log: pino({ level: 'warn' }, sink) });
    expect(hub.operator.currentLayout).toEqual({ screens: [], wifi: '' });
    const mentions = lines.filter((l) => l.includes('layout.json'));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatch(/not valid JSON.*using an empty layout/);
    const s = await joinHub(hub.wsUrl, { role: 'screen', key: TEST_KEY, screen: { name: 'L' } });
    expect((await s.waitForJson('wall-state')).slice).toBeNull();
  });

  it('a hub restarted mid-show keeps the blackout and the message; a corrupt show file does not', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flagwall-layout-'));
    const hub = await start();
    const op = await joinHub(hub.wsUrl, { role: 'operator', key: TEST_KEY });
    op.sendJson({ type: 'operator', seq: 1, command: { cmd: 'blackout', on: true } });
    op.sendJson({ type: 'operator', seq: 2, command: { cmd: 'message', text: 'Back soon' } });
    await op.waitFor(() => op.json('operator-ack').find((a) => a.seq === 2));
    await hub.stop({ keepData: true });
    hubs.length = 0;
    const again = await start();
    const s = await joinHub(again.wsUrl, { role: 'screen', key: TEST_KEY, screen: { name: 'x' } });
    expect(await s.waitForJson('wall-state')).toMatchObject({
      blackout: true,
      message: 'Back soon',
      paused: false,
    });

    await again.stop({ keepData: true });
    hubs.length = 0;
    writeFileSync(showPath(dataDir), '{"blackout": "yes"}');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const third = await start({ log: pino({ level: 'warn' }, sink) });
    expect(lines.filter((l) => l.includes('show.json'))).toHaveLength(1);
    const s3 = await joinHub(third.wsUrl, { role: 'screen', key: TEST_KEY, screen: { name: 'x' } });
    expect(await s3.waitForJson('wall-state')).toMatchObject({ blackout: false, message: '' });
  });

  it('a layout with duplicate names is refused with a sentence and changes nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flagwall-layout-'));
    const hub = await start();
    const op = await joinHub(hub.wsUrl, { role: 'operator', key: TEST_KEY });
    const dup = { ...twoWide, screens: [twoWide.screens[0]!, twoWide.screens[0]!] };
    op.sendJson({ type: 'operator', seq: 1, command: { cmd: 'layout', layout: dup } });
    await op.waitForClose();
    expect(op.json('error')[0]?.message).toMatch(/unique/);
    expect(hub.operator.currentLayout.screens).toEqual([]);
  });
});
