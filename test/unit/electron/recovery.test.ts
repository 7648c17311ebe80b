import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fake-electron';
import { HUB, launch, type Launched } from './launch';

vi.mock('electron', () => import('./fake-electron'));

let running: Launched | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const start = async (): Promise<Launched> =>
  launch({ config: { role: 'screen', hubUrl: HUB, key: 'wall-key-123' } });

const crash = (l: Launched): void => {
  l.screens()[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
};

describe('renderer recovery', () => {
  it('reloads a crashed renderer after a delay that doubles while it keeps crashing', async () => {
    running = await start();
    const c = running.screens()[0]!.webContents;
    const loadsAtStart = c.loads.length;
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      crash(running);
      delays.push(running.timers.waiting()[0]!);
      running.timers.advance(delays.at(-1)! - 1);
      expect(c.loads.length).toBe(loadsAtStart + i); // not yet: no tight loop
      running.timers.advance(1);
      expect(c.loads.length).toBe(loadsAtStart + i + 1);
      expect(c.loads.at(-1)).toBe(c.loads[0]); // same slice URL again
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    const warnings = running.logs.lines.filter((l) => l.why === 'gone');
    expect(warnings.map((l) => l.reloads)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(warnings[0]).toMatchObject({ reason: 'crashed', exitCode: 139, delayMs: 1000 });
    expect(running.logs.messages().at(-1)).toMatch(/renderer gone; reload #7 in 30000 ms/);
  });

  it('coalesces a burst of events into one pending reload', async () => {
    running = await start();
    crash(running);
    crash(running);
    running
      .screens()[0]!
      .webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', HUB, true);
    expect(running.timers.waiting()).toEqual([1000]);
  });

  it('starts the backoff over once a load has stayed up long enough', async () => {
    running = await start();
    const c = running.screens()[0]!.webContents;
    crash(running);
    running.timers.advance(1000);
    crash(running);
    expect(running.timers.waiting()).toEqual([2000]);
    running.timers.advance(2000);
    c.finishLoad();
    running.timers.advance(120_000);
    crash(running);
    expect(running.timers.waiting()).toEqual([1000]);
  });

  it('retries a page that failed to load (hub not up yet), ignoring our own aborted loads', async () => {
    running = await start();
    const c = running.screens()[0]!.webContents;
    c.emit('did-fail-load', {}, -3, 'ERR_ABORTED', HUB, true);
    c.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', HUB, false); // a subframe
    expect(running.timers.waiting()).toEqual([]);
    c.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', HUB, true);
    expect(running.timers.waiting()).toEqual([1000]);
  });

  it('gives a hung renderer a grace period, then kills and reloads it; recovering in time cancels', async () => {
    running = await start();
    const c = running.screens()[0]!.webContents;
    const loads = c.loads.length;
    c.emit('unresponsive');
    running.timers.advance(4999);
    c.emit('responsive');
    running.timers.advance(10_000);
    expect(c.crashedByShell).toBe(0);
    expect(c.loads.length).toBe(loads);

    c.emit('unresponsive');
    running.timers.advance(5000);
    expect(c.crashedByShell).toBe(1);
    c.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 }); // what the kill causes
    running.timers.advance(1000);
    expect(c.loads.length).toBe(loads + 1);
    expect(running.logs.lines.filter((l) => l.why).map((l) => l.why)).toEqual(['unresponsive']);
  });

  it('does not reload a window that was closed meanwhile', async () => {
    running = await start();
    const win = running.screens()[0]!;
    crash(running);
    win.destroy();
    running.timers.advance(1000);
    expect(win.webContents.loads).toHaveLength(1);
  });
});

describe('operator console recovery', () => {
  it('reloads the console URL after its renderer crashes', async () => {
    running = await launch({
      config: { role: 'hub' },
      shell: {
        startHub: async () =>
          ({
            port: 8080,
            url: 'http://x',
            state: { key: 'k-123456789' },
            close: async () => undefined,
          }) as never,
      },
    });
    const op = running.operator()!;
    expect(fake.BrowserWindow.all).toContain(op);
    op.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    running.timers.advance(1000);
    expect(op.webContents.loads).toEqual([
      'http://127.0.0.1:8080/operator?key=k-123456789',
      'http://127.0.0.1:8080/operator?key=k-123456789',
    ]);
  });
});
