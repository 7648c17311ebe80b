/** Screen status as the console shows it: ok, reconnecting (silent or just dropped), gone. */
import { describe, expect, it } from 'vitest';
import { RECONNECT_GRACE_MS, ScreenRoster, STALE_MS } from '../../../main/hub/operator-screens';
import { Session } from '../../../main/hub/session';
import type { WallLayout } from '../../../shared/geometry/layout';

const socket = { send: () => {}, close: () => {}, bufferedAmount: 0 };
function screen(name: string, lastSeen: number): Session {
  const s = new Session(
    socket,
    { address: '10.0.0.7', userAgent: 'x flagwall/0.1.0 Electron/45.1' },
    0,
  );
  s.role = 'screen';
  s.screen = {
    name,
    slice: null,
    stats: null,
    lastSeen,
    skippedTicks: 0,
    bytesOut: 0,
    behind: false,
    lastTickAt: 0,
  };
  return s;
}
const placed = (...names: string[]): WallLayout => ({
  wifi: '',
  screens: names.map((name, i) => ({
    name,
    xMm: i * 1000,
    yMm: 0,
    widthMm: 1000,
    heightMm: 500,
    bezelMm: { left: 0, right: 0, top: 0, bottom: 0 },
  })),
});

describe('ScreenRoster', () => {
  it('walks a screen through ok → reconnecting → gone, honestly', () => {
    const roster = new ScreenRoster();
    const s = screen('left', 1000);
    roster.add(s);
    const layout = placed('left', 'never');
    expect(roster.list(layout, 1000).map((x) => [x.name, x.status, x.number])).toEqual([
      ['left', 'ok', 1],
      ['never', 'gone', 2],
    ]);
    expect(roster.list(layout, 1000)[0]).toMatchObject({
      version: 'flagwall 0.1.0 (Electron 45)',
      placed: true,
    });
    expect(roster.list(layout, 1000 + STALE_MS + 1)[0]).toMatchObject({
      status: 'reconnecting',
      detail: /silent/,
    });
    roster.remove(s, 20_000);
    expect(roster.list(layout, 20_000 + 5000)[0]).toMatchObject({
      status: 'reconnecting',
      detail: 'disconnected 5 s ago',
      address: '10.0.0.7',
    });
    expect(roster.list(layout, 20_000 + RECONNECT_GRACE_MS + 1)[0]).toMatchObject({
      status: 'gone',
    });
    expect(roster.list(layout, 0)[1]).toMatchObject({
      detail: 'not connected since the hub started',
    });
  });

  it('a second session with the same name keeps the screen listed as connected', () => {
    const roster = new ScreenRoster();
    const a = screen('dup', 0);
    const b = screen('dup', 0);
    roster.add(a);
    roster.add(b);
    roster.remove(a, 10);
    expect(roster.list(placed(), 10).map((x) => x.status)).toEqual(['ok']);
  });
});
