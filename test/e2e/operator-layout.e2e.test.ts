/**
 * The layout editor in real Chromium: placing screens and dragging one on the canvas changes the
 * screen pages' slices live, and the layout survives a hub restart (the pages reconnect on their
 * own and get the same slices back). The console says honestly that it lost the hub meanwhile.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Slice } from '../../shared/geometry/slice';
import { layoutPath } from '../../main/config/layout-store';
import { launchBrowser } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';
import {
  openConsole,
  openScreen,
  saveScreenshot,
  waitForConsoleState,
  type ScreenWindow,
} from '../support/operator-pages';

/** Page loads on a busy 2-core machine with software WebGL are slow; never a sleep. */
const SLOW = 60_000;

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/operator/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const sliceOf = (page: Page): Promise<Slice> =>
  page.evaluate(() => ({ ...(window as unknown as ScreenWindow).flagwall.slice }));

type Box = { x: number; y: number; w: number; h: number };
const boxOf = (page: Page, name: string): Promise<Box | null> =>
  page.evaluate(
    (n) =>
      (
        window as unknown as { flagwallOperator: { layoutBox(n: string): Box | null } }
      ).flagwallOperator.layoutBox(n),
    name,
  );

describe('layout editor', () => {
  it(
    'moves a screen live and keeps the layout across a hub restart',
    async () => {
      const small = { width: 400, height: 225 };
      const a = await openScreen(browser, hub, 'A', '', small);
      const b = await openScreen(browser, hub, 'B', '', small);
      const page = await openConsole(browser, hub);
      await waitForConsoleState(
        page,
        (s) => s.screens.filter((x) => x.status === 'ok').length === 2,
      );

      await page.click('button[data-place="A"]');
      await waitForConsoleState(page, (s) => s.layout.screens.length === 1);
      await page.click('button[data-place="B"]');
      await waitForConsoleState(page, (s) => s.layout.screens.length === 2);
      // Side by side: A draws the left part of the wall, B the right.
      await expect.poll(() => sliceOf(a).then((s) => s.x + s.w)).toBeLessThan(0.51);
      await expect.poll(() => sliceOf(b).then((s) => s.x)).toBeGreaterThan(0.49);

      // Drag B down by about half its height with a real mouse on the layout canvas.
      const canvas = await page.locator('#layout-canvas').boundingBox();
      const box = (await boxOf(page, 'B'))!;
      const from = { x: canvas!.x + box.x + box.w / 2, y: canvas!.y + box.y + box.h / 2 };
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++) await page.mouse.move(from.x, from.y + (box.h / 2) * (i / 8));
      await page.mouse.up();
      const moved = await waitForConsoleState(page, (s) => (s.layout.screens[1]?.yMm ?? 0) > 200);
      await page.locator('#activity .act.ok', { hasText: 'Layout change' }).waitFor();
      // The wall grew downwards: B now draws the bottom right, A the top left.
      await expect.poll(() => sliceOf(b).then((s) => s.y), { timeout: 5000 }).toBeGreaterThan(0.2);
      const liveA = await sliceOf(a);
      const liveB = await sliceOf(b);
      expect(liveA.y).toBe(0);
      expect(liveB.y + liveB.h).toBeCloseTo(1, 9);
      await saveScreenshot(page, 'console-layout.png', true);
      expect(JSON.parse(readFileSync(layoutPath(hub.dataDir), 'utf8'))).toEqual(moved.layout);

      // Restart the hub on the same port and data dir; every page reconnects by itself.
      const port = hub.port;
      await hub.stop({ keepData: true });
      await page.locator('#conn-banner').waitFor({ state: 'visible' });
      expect(await page.locator('#conn-banner').textContent()).toMatch(/lost/);
      hub = await startTestHub({ port, dataDir: hub.dataDir });
      // The console and the screens come back by themselves…
      await page.locator('#conn-banner').waitFor({ state: 'hidden', timeout: 15_000 });
      for (const screen of [a, b])
        await screen.waitForFunction(
          () => (window as unknown as ScreenWindow).flagwall.state === 'live',
          undefined,
          { timeout: 15_000 },
        );
      // …and fresh pages (no memory of the old slice) get the saved layout from the new hub.
      for (const screen of [a, b, page]) await screen.reload();
      const fresh = await waitForConsoleState(page, (s) => s.screens.length === 2);
      expect(fresh.layout).toEqual(moved.layout);
      for (const [screen, slice] of [
        [a, liveA],
        [b, liveB],
      ] as const) {
        await screen.waitForFunction(
          () => (window as unknown as ScreenWindow).flagwall.operator?.wallState != null,
        );
        expect(await sliceOf(screen)).toEqual(slice);
      }
    },
    SLOW,
  );
});
