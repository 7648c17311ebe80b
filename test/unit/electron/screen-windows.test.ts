import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fake-electron';
import { settle } from './helpers';
import { HUB, launch, type Launched } from './launch';

vi.mock('electron', () => import('./fake-electron'));

let running: Launched | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const slice = (w: fake.BrowserWindow): Record<string, string> =>
  Object.fromEntries(new URL(w.webContents.url).searchParams);

const screenRole = (extra: object = {}): object => ({
  role: 'screen',
  hubUrl: HUB,
  key: 'wall-key-123',
  ...extra,
});

describe('screen windows per display', () => {
  it('opens one kiosk window per display with its bounds and its slice of the wall', async () => {
    running = await launch({
      config: screenRole(),
      displays: [
        fake.display(20, 1920, 0),
        fake.display(10, 0, 0),
        fake.display(30, 3840, 0, 1280, 1024),
      ],
      primary: 10,
    });
    const wins = running.screens();
    expect(wins).toHaveLength(3);
    const byX = [...wins].sort((a, b) => a.bounds.x - b.bounds.x);
    expect(byX.map((w) => w.bounds)).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: 1920, y: 0, width: 1920, height: 1080 },
      { x: 3840, y: 0, width: 1280, height: 1024 },
    ]);
    // 5120 × 1080 px of wall: 1920 | 1920 | 1280, the last only 1024 px tall.
    expect(byX.map(slice)).toEqual([
      { key: 'wall-key-123', x: '0', y: '0', w: '0.375', h: '1' },
      { key: 'wall-key-123', x: '0.375', y: '0', w: '0.375', h: '1' },
      { key: 'wall-key-123', x: '0.75', y: '0', w: '0.25', h: '0.948148' },
    ]);
    for (const w of wins) {
      expect(w.webContents.url.startsWith(`${HUB}/screen?`)).toBe(true);
      expect(w.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, show: false });
      expect(w.visible).toBe(true); // shown on ready-to-show
    }
  });

  it('uses only the configured displays (primary, or by index)', async () => {
    const displays = [fake.display(1, 0, 0), fake.display(2, 1920, 0)];
    running = await launch({ config: screenRole({ displays: 'primary' }), displays, primary: 2 });
    expect(running.screens().map((w) => w.bounds.x)).toEqual([1920]);
    expect(slice(running.screens()[0]!)).toMatchObject({ x: '0', w: '1' });
    await running.stop();
    running = await launch({ config: screenRole(), argv: ['--displays', '0'], displays });
    expect(running.screens().map((w) => w.bounds.x)).toEqual([0]);
  });

  it('follows displays being plugged in and unplugged, re-slicing the others', async () => {
    running = await launch({ config: screenRole(), displays: [fake.display(1, 0, 0)] });
    const first = running.screens()[0]!;
    expect(slice(first)).toMatchObject({ x: '0', w: '1' });

    fake.screen.plug(fake.display(2, 1920, 0));
    await settle();
    expect(running.screens()).toHaveLength(2);
    expect(running.screens()[0]).toBe(first); // kept, not recreated
    expect(slice(first)).toMatchObject({ x: '0', w: '0.5' });
    expect(slice(running.screens()[1]!)).toMatchObject({ x: '0.5', w: '0.5' });

    fake.screen.unplug(1);
    await settle();
    expect(first.destroyed).toBe(true);
    expect(running.screens()).toHaveLength(1);
    expect(slice(running.screens()[0]!)).toMatchObject({ x: '0', w: '1' });
    expect(running.logs.messages()).toContain('display gone; closing its screen window');
  });

  it('holds prevent-display-sleep while a screen shows, and lets go when none is left', async () => {
    running = await launch({ config: screenRole(), displays: [fake.display(1, 0, 0)] });
    expect(fake.powerSaveBlocker.types()).toEqual(['prevent-display-sleep']);
    fake.screen.unplug(1);
    await settle();
    expect(fake.powerSaveBlocker.types()).toEqual([]);
    fake.screen.plug(fake.display(3, 0, 0));
    await settle();
    expect(fake.powerSaveBlocker.types()).toEqual(['prevent-display-sleep']);
  });

  it('hides the pointer and pins the zoom on every screen page load', async () => {
    running = await launch({ config: screenRole() });
    const contents = running.screens()[0]!.webContents;
    expect(contents.zoomLimits).toBeNull();
    contents.finishLoad();
    expect(contents.insertedCss).toHaveLength(1);
    expect(contents.insertedCss[0]).toMatch(/cursor:\s*none\s*!important/);
    expect(contents.zoomLimits).toEqual([1, 1]);
  });

  it('swallows keys that leave kiosk; the operator chord leaves and re-enters kiosk on a screen-only machine', async () => {
    running = await launch({ config: screenRole() });
    const win = running.screens()[0]!;
    const c = win.webContents;
    for (const k of [
      { key: 'F4', alt: true },
      { key: 'w', control: true },
      { key: 'q', meta: true },
      { key: 'r', control: true },
      { key: 'I', control: true, shift: true },
      { key: 'F11' },
      { key: 'F12' },
      { key: 'Escape' },
      { key: 'Tab', alt: true },
    ])
      expect(c.pressKey(k), JSON.stringify(k)).toBe(true);
    expect(c.pressKey({ key: 'a' })).toBe(false); // plain typing reaches the page
    expect(win.kiosk).toBe(true);

    expect(c.pressKey({ key: 'O', control: true, alt: true, shift: true })).toBe(true);
    expect(win.kiosk).toBe(false);
    expect(win.minimized).toBe(true);
    expect(c.pressKey({ key: 'F11' })).toBe(false); // out of kiosk, keys are the user's
    expect(c.pressKey({ key: 'O', control: true, alt: true, shift: true })).toBe(true);
    expect(win.kiosk).toBe(true);
  });
});
