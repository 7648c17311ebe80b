/**
 * The pages tell the truth about their connection, in real Chromium against a real hub: a wrong
 * wall key is refused, a full wall makes the phone wait, a reload keeps the phone's identity, and
 * a lost hub shows "reconnecting" while the screen keeps drawing the last state.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlagwallDebug } from '../../renderer/screen/debug-hook';
import type { PhoneDebug } from '../../renderer/phone/phone-app';
import { launchBrowser, newPhonePage, newScreenPage, touchPath } from '../support/browser';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';

type ScreenWindow = Window & { flagwall: FlagwallDebug };
type PhoneWindow = Window & { flagwallPhone: { debug: PhoneDebug } };

let browser: Browser;
const hubs: TestHub[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(hubs.map((h) => h.stop().catch(() => undefined)));
});

async function hub(): Promise<TestHub> {
  const h = await startTestHub();
  hubs.push(h);
  return h;
}

const phoneDebug = (page: Page): Promise<PhoneDebug> =>
  page.evaluate(() => (window as unknown as PhoneWindow).flagwallPhone.debug);

/** Runs in the page: waitForFunction(phoneIs, 'live'). */
const phoneIs = (s: string): boolean =>
  (window as unknown as PhoneWindow).flagwallPhone?.debug.state === s;

// SwiftShader on a shared 2-core machine: generous limits; the 1 s latency budget is asserted inside.
describe('page states in Chromium', { timeout: 30000 }, () => {
  it('a screen with a wrong key says it was refused, and why', async () => {
    const h = await hub();
    const { page } = await newScreenPage(browser, `${h.url}/screen?key=nope`);
    await page.waitForFunction(
      () => (window as unknown as ScreenWindow).flagwall?.state === 'refused',
    );
    await expect.poll(() => page.textContent('#status')).toBe('refused: wrong or missing wall key');
    await page.context().close();
  });

  it('a screen reports its clock, frame rate and jitter to the hub (seen in the full /healthz)', async () => {
    const h = await hub();
    const { page } = await newScreenPage(
      browser,
      `${h.url}/screen?key=${TEST_KEY}&name=left&x=0&w=0.5`,
    );
    interface Health {
      screenDetails: {
        name: string;
        fps: number | null;
        jitterMs: number | null;
        clock: unknown;
      }[];
    }
    const health = async (): Promise<Health> =>
      (
        await fetch(h.urls.health, { headers: { authorization: `Bearer ${TEST_KEY}` } })
      ).json() as Promise<Health>;
    // Reports go out every 2 s; the first one lands within a few seconds of connecting.
    await expect
      .poll(async () => (await health()).screenDetails[0]?.fps ?? 0, {
        timeout: 10_000,
        interval: 250,
      })
      .toBeGreaterThan(0);
    const [report] = (await health()).screenDetails;
    expect(report).toMatchObject({ name: 'left', clock: { converged: expect.any(Boolean) } });
    expect(report!.jitterMs).toBeGreaterThanOrEqual(0);
    await page.context().close();
  });

  it('a phone on a full wall waits, says so, and joins when a place frees up', async () => {
    const h = await hub();
    h.hub.updateSettings({ maxPhones: 1 });
    const { page: first } = await newPhonePage(browser, `${h.url}/`);
    await first.waitForFunction(phoneIs, 'live');
    const { page } = await newPhonePage(browser, `${h.url}/`);
    await page.waitForFunction(phoneIs, 'waiting');
    expect(await page.textContent('#status-text')).toBe('Waiting');
    expect(await page.textContent('#notice')).toContain(
      'The wall is full. You are number 1 in line',
    );
    // Touching while waiting sends nothing (the hub would refuse moves from a phone not on it).
    await touchPath(page, [
      { x: 50, y: 50 },
      { x: 150, y: 300 },
    ]);
    expect(await phoneDebug(page)).toMatchObject({ state: 'waiting', moves: 0, taps: 0 });
    await first.context().close();
    await page.waitForFunction(phoneIs, 'live');
    expect((await phoneDebug(page)).clientId).toBeGreaterThan(0);
    expect(await page.textContent('#notice')).toBe('');
    await page.context().close();
  });

  it('a reloaded phone keeps its place on the wall (resume token in sessionStorage)', async () => {
    const h = await hub();
    const { page } = await newPhonePage(browser, `${h.url}/`, { locale: 'de-AT' });
    await page.waitForFunction(phoneIs, 'live');
    const before = await phoneDebug(page);
    expect(before.flag).toBe('at');
    expect(await page.textContent('#country')).toBe('Österreich');
    await page.reload();
    await page.waitForFunction(phoneIs, 'live');
    const after = await phoneDebug(page);
    expect(after.clientId).toBe(before.clientId);
    expect(h.hub.phones.size).toBe(1);
    await page.context().close();
  });

  it('when the hub goes away both pages say reconnecting and the screen keeps drawing', async () => {
    const h = await hub();
    const { page: screen } = await newScreenPage(browser, `${h.url}/screen?key=${TEST_KEY}`);
    const { page: phone } = await newPhonePage(browser, `${h.url}/`);
    await screen.waitForFunction(
      () => (window as unknown as ScreenWindow).flagwall?.state === 'live',
    );
    await phone.waitForFunction(phoneIs, 'live');
    await touchPath(phone, [
      { x: 100, y: 100 },
      { x: 120, y: 140 },
    ]);
    await screen.waitForFunction(
      () => (window as unknown as ScreenWindow).flagwall.cursors.length === 1,
    );
    await h.stop();
    await screen.waitForFunction(
      () => (window as unknown as ScreenWindow).flagwall.state === 'reconnecting',
    );
    await phone.waitForFunction(phoneIs, 'reconnecting');
    expect(await phone.textContent('#status-text')).toBe('Reconnecting…');
    const frames = await screen.evaluate(() => (window as unknown as ScreenWindow).flagwall.frames);
    await screen.waitForFunction(
      (f) => (window as unknown as ScreenWindow).flagwall.frames > f + 5,
      frames,
    );
    const cursors = await screen.evaluate(
      () => (window as unknown as ScreenWindow).flagwall.cursors,
    );
    expect(cursors).toHaveLength(1); // the last state stays on the wall
    expect(await screen.textContent('#status')).toBe('reconnecting');
    await Promise.all([screen.context().close(), phone.context().close()]);
  });
});
