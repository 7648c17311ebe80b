/**
 * Screen pairing in real Chromium against a real hub: a screen page without a key shows a large
 * code, the console refuses a wrong typed code and admits the screen with a click, the screen goes
 * live at once and logs in with its own credential after a reload; a revoked screen is refused and
 * shows a code again; a page whose stored credential the hub cannot prove is refused (pinning).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairingViewState } from '../../renderer/screen/pairing-view';
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import { screenProof, type ScreenPairingRecord } from '../../shared/crypto/pairing-proof';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { launchBrowser, newPhonePage, newScreenPage } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';
import {
  openConsole,
  saveScreenshot,
  waitForConsoleState,
  type ScreenWindow,
} from '../support/operator-pages';

const SLOW = 90_000;
const VIEWPORT = { width: 800, height: 450 };

type PairingWindow = ScreenWindow & {
  flagwall: { pairing: { view: PairingViewState; screenId: string | null } };
};

let hub: TestHub;
let browser: Browser;
let screen: Page;
let consolePage: Page;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/screen/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const viewOf = (page: Page) =>
  page.evaluate(() => (window as unknown as PairingWindow).flagwall.pairing.view);

async function waitForView(page: Page, kind: PairingViewState['kind']): Promise<void> {
  await page.waitForFunction(
    (k) => (window as unknown as PairingWindow).flagwall?.pairing?.view.kind === k,
    kind,
    { timeout: 20_000 },
  );
}

const stored = (page: Page) => page.evaluate(() => localStorage.getItem('flagwall.screen-pairing'));

async function waitLiveAndDrawing(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const f = (window as unknown as ScreenWindow).flagwall;
      return f?.state === 'live' && f.operator.wallState !== null;
    },
    undefined,
    { timeout: 20_000 },
  );
  const before = await page.evaluate(() => (window as unknown as ScreenWindow).flagwall.frames);
  await page.waitForFunction(
    (n) => (window as unknown as ScreenWindow).flagwall.frames > n + 5,
    before,
    { timeout: 20_000 },
  );
}

/** Logs in over a plain socket with a credential; resolves with the close code. */
function loginCode(rec: ScreenPairingRecord): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(hub.wsUrl);
    const nonce = 'e2e-nonce-0123456789ab';
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'hello',
          proto: PROTOCOL_VERSION,
          role: 'screen',
          auth: { screenId: rec.screenId, nonce },
          screen: { name: 'replay' },
        }),
      ),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = JSON.parse(String(data)) as HubMessage;
      if (msg.type === 'auth-challenge') {
        const proof = screenProof({
          ...rec,
          screenNonce: nonce,
          hubNonce: msg.nonce,
          hubId: msg.hubId,
        });
        ws.send(JSON.stringify({ type: 'auth-proof', proof }));
      } else if (msg.type === 'welcome') ws.close();
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

describe('screen pairing', () => {
  it(
    'a screen without a key shows a large code; the console refuses a wrong code and admits it with a click; it goes live at once',
    async () => {
      ({ page: screen } = await newScreenPage(
        browser,
        `${hub.url}/screen?name=lobby-left`,
        VIEWPORT,
      ));
      await waitForView(screen, 'code');
      const view = await viewOf(screen);
      const code = view.kind === 'code' ? view.code : '';
      expect(code).toMatch(/^\d{6}$/);
      const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
      const codeEl = screen.locator('#pairing .pairing-code');
      expect(await codeEl.textContent()).toBe(spaced);
      const box = await codeEl.boundingBox();
      // Readable across a room: the digits are at least a seventh of the display high.
      expect(box!.height).toBeGreaterThan(VIEWPORT.height / 7);
      expect(await screen.locator('#pairing .pairing-text').textContent()).toBe(
        `Open the operator console and admit this screen: code ${spaced.replace(' ', '\u00a0')}`,
      );
      await saveScreenshot(screen, 'pairing-code.png');

      consolePage = await openConsole(browser, hub);
      await waitForConsoleState(consolePage, (s) => s.pairing?.pending.length === 1);
      const row = consolePage.locator('#pending-body tr.pending-row');
      await expect.poll(() => row.locator('td.code').textContent()).toBe(spaced);
      expect(await row.locator('td.name').textContent()).toBe('lobby-left');

      const wrong = code === '000000' ? '000001' : '000000';
      await consolePage.fill('#pair-code', wrong);
      await consolePage.click('#pair-form button[type=submit]');
      await expect
        .poll(() => consolePage.locator('#pair-ack').textContent(), { timeout: 10_000 })
        .toContain('no screen is showing code 000 00');
      expect(await viewOf(screen)).toEqual(view); // still waiting, same code

      await row.locator('button.admit').click();
      await waitLiveAndDrawing(screen);
      expect((await viewOf(screen)).kind).toBe('hidden');
      expect(await screen.locator('#pairing').isVisible()).toBe(false);
      const rec = JSON.parse((await stored(screen))!) as ScreenPairingRecord;
      expect(rec.hubId).toBe(hub.hub.hubId);
      expect(Buffer.from(rec.credential, 'base64url').length).toBeGreaterThanOrEqual(16);
      const s = await waitForConsoleState(
        consolePage,
        (st) => st.pairing?.paired.length === 1 && st.pairing.paired[0]!.online,
      );
      expect(s.pairing!.paired[0]!.name).toBe('lobby-left');
      expect(s.screens.map((x) => x.name)).toContain('lobby-left');
      await saveScreenshot(consolePage, 'pairing-console.png', true);
    },
    SLOW,
  );

  it(
    'draws the wall: a phone that joins appears on the paired screen',
    async () => {
      const { page: phone } = await newPhonePage(browser, `${hub.url}/`);
      await screen.waitForFunction(
        () => (window as unknown as ScreenWindow).flagwall.cursors.length === 1,
        undefined,
        { timeout: 20_000 },
      );
      await phone.close();
    },
    SLOW,
  );

  it(
    'after a reload it logs in with its credential (no code shown)',
    async () => {
      await screen.reload();
      await waitLiveAndDrawing(screen);
      expect((await viewOf(screen)).kind).toBe('hidden');
    },
    SLOW,
  );

  it(
    'a page holding a credential the hub cannot prove is refused: "a different hub"',
    async () => {
      const rec = JSON.parse((await stored(screen))!) as ScreenPairingRecord;
      const { page: forged } = await newScreenPage(
        browser,
        `${hub.url}/screen?name=forged`,
        VIEWPORT,
      );
      await forged.evaluate(
        (r) => {
          localStorage.setItem('flagwall.screen-pairing', JSON.stringify(r));
        },
        { ...rec, credential: 'A'.repeat(43) },
      );
      await forged.reload();
      await waitForView(forged, 'refused');
      expect(await forged.locator('#pairing .pairing-text').textContent()).toContain(
        'A different hub is announcing this wall',
      );
      await forged.close();
    },
    SLOW,
  );

  it(
    'revoke from the console: the screen is closed, shows a new code, and its old credential is refused',
    async () => {
      const rec = JSON.parse((await stored(screen))!) as ScreenPairingRecord;
      const revoke = consolePage.locator(
        `#paired-body tr[data-screen-id="${rec.screenId}"] button`,
      );
      await revoke.click();
      await revoke.click(); // the confirming click
      await waitForView(screen, 'code');
      expect(await stored(screen)).toBeNull();
      await expect
        .poll(() => consolePage.locator('#pair-ack').textContent(), { timeout: 10_000 })
        .toContain('revoked');
      expect(await loginCode(rec)).toBe(CloseCode.REVOKED);
      await waitForConsoleState(
        consolePage,
        (s) => s.pairing?.paired.length === 0 && s.pairing.pending.length === 1,
      );
    },
    SLOW,
  );
});
