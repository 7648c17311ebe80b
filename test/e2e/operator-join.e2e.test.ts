/**
 * The phone join experience in real Chromium: the join banner's QR code (decoded from real screen
 * pixels) leads to the phone URL; the flag picker changes the flag on the wall; locate-me pulses
 * it; over capacity a phone waits and joins when a place frees up. Saves phone screenshots.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { fr } from '../../renderer/phone/i18n/fr';
import { BinTag, decodeHubFrame } from '../../shared/protocol/binary';
import { launchBrowser, newScreenPage, touchPath } from '../support/browser';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { TestClient } from '../support/ws-client';
import {
  boxesWithToast,
  decodeQrFromScreen,
  openPhone,
  openScreen,
  overlap,
  saveScreenshot,
  type PhoneWindow,
  type ScreenWindow,
} from '../support/operator-pages';

/** Page loads on a busy 2-core machine with software WebGL are slow; never a sleep. */
const SLOW = 60_000;

let hub: TestHub;
let browser: Browser;
let screen: Page;
let operator: TestClient;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/phone/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub();
  browser = await launchBrowser();
  screen = await openScreen(browser, hub, 'wall', '', { width: 800, height: 450 });
  operator = await TestClient.join(hub.wsUrl, { role: 'operator', key: TEST_KEY });
});

/** Phones opened by a test; closed after it even when it fails, so capacity stays honest. */
const phones: Page[] = [];
const phone$ = async (...args: Parameters<typeof openPhone>): Promise<Page> => {
  const p = await openPhone(...args);
  phones.push(p);
  return p;
};
afterEach(async () => {
  for (const p of phones.splice(0)) await p.context().close();
});

afterAll(async () => {
  operator?.close();
  await browser?.close();
  await hub?.stop();
});

const phoneDebug = (p: Page) =>
  p.evaluate(() => ({ ...(window as unknown as PhoneWindow).flagwallPhone.debug }));

/** Puts the phone's flag on the wall (a phone is drawn once it has moved). */
async function wave(p: Page, x = 195): Promise<void> {
  await touchPath(p, [
    { x, y: 400 },
    { x: x + 10, y: 420 },
  ]);
}

describe('phone join experience', () => {
  it(
    'the join banner QR code, read from the screen, is the phone URL',
    async () => {
      await screen.locator('.join-banner .qr svg').waitFor();
      const text = await decodeQrFromScreen(screen, screen.locator('.join-banner'));
      expect(text).toBe(hub.urls.phone);
      expect(await screen.locator('.join-url').textContent()).toBe(
        hub.urls.phone.replace('http://', '').replace(/\/$/, ''),
      );
      await saveScreenshot(screen, 'screen-join-banner.png');
    },
    SLOW,
  );

  it(
    'the banner speaks the wall’s language, Wi-Fi name included',
    async () => {
      const { context, page: french } = await newScreenPage(
        browser,
        `${hub.url}/screen?key=${TEST_KEY}&name=paris`,
        { width: 800, height: 450 },
        'fr-FR',
      );
      onTestFinished(() => context.close());
      operator.sendJson({
        type: 'operator',
        seq: 10,
        command: { cmd: 'layout', layout: { screens: [], wifi: 'Musée-Invités' } },
      });
      await french.locator('.join-wifi').getByText('Wi-Fi : Musée-Invités').waitFor();
      expect(await french.locator('.join-title').textContent()).toBe('Agitez votre drapeau');
      expect(await french.locator('.join-sub').textContent()).toBe('Scannez pour rejoindre le mur');
      // The English kiosk beside it keeps its own words for the same banner.
      await screen.locator('.join-wifi').getByText('Wi-Fi: Musée-Invités').waitFor();
      expect(await screen.locator('.join-title').textContent()).toBe('Wave your flag');
      operator.sendJson({
        type: 'operator',
        seq: 11,
        command: { cmd: 'layout', layout: { screens: [], wifi: '' } },
      });
      await screen.locator('.join-wifi').waitFor({ state: 'hidden' });
    },
    SLOW,
  );

  it(
    'the banner can be switched off and on from the operator',
    async () => {
      operator.sendJson({
        type: 'operator',
        seq: 1,
        command: { cmd: 'settings', patch: { showBanner: false } },
      });
      await screen.locator('.join-banner').waitFor({ state: 'hidden' });
      operator.sendJson({
        type: 'operator',
        seq: 2,
        command: { cmd: 'settings', patch: { showBanner: true } },
      });
      await screen.locator('.join-banner').waitFor({ state: 'visible' });
    },
    SLOW,
  );

  it(
    'the flag picker changes the flag on the wall; locate-me pulses it',
    async () => {
      const phone = await phone$(browser, hub, 'live', 'fr-FR');
      const { clientId, flag } = await phoneDebug(phone);
      expect(flag).toBe('fr');
      // The page speaks French too, not only the country names.
      expect(await phone.getAttribute('html', 'lang')).toBe('fr');
      expect(await phone.textContent('#tagline')).toBe(fr.tagline);
      expect(await phone.innerHTML('#hint-tap')).toBe('<b>Touchez</b> pour lancer une onde');
      expect(await phone.textContent('#status-text')).toBe(fr.status.live);
      await wave(phone);
      await screen.waitForFunction(
        (id) =>
          (window as unknown as ScreenWindow).flagwall.cursors.some(
            (c) => c.id === id && c.flag === 'fr',
          ),
        clientId,
      );
      // Joining pulsed the flag ("that's me").
      expect(
        await screen.evaluate(() =>
          (window as unknown as ScreenWindow).flagwall.operator.pulses.map((p) => p.id),
        ),
      ).toContain(clientId);

      await phone.click('.flag-button');
      // Names come from Intl.DisplayNames in the phone's language (French here).
      await phone.locator('.country[data-code="jp"]').waitFor();
      expect(await phone.locator('.country[data-code="jp"]').textContent()).toBe('Japon');
      await saveScreenshot(phone, 'phone-picker.png');
      await phone.fill('.picker-search', 'jap');
      expect(await phone.locator('.country:visible').count()).toBe(1);
      await phone.click('.country[data-code="jp"]');
      await screen.waitForFunction(
        (id) =>
          (window as unknown as ScreenWindow).flagwall.cursors.some(
            (c) => c.id === id && c.flag === 'jp',
          ),
        clientId,
      );
      expect(await phone.locator('.picker').isHidden()).toBe(true);

      const pulsesBefore = await screen.evaluate(
        () => (window as unknown as ScreenWindow).flagwall.operator.pulses.length,
      );
      await phone.click('.locate-button');
      await screen.waitForFunction(
        ([id, n]) => {
          const pulses = (window as unknown as ScreenWindow).flagwall.operator.pulses;
          return pulses.length > n && pulses.at(-1)!.id === id;
        },
        [clientId, pulsesBefore] as const,
      );
      await screen.locator('.pulse:not([hidden])').waitFor();
      await saveScreenshot(screen, 'screen-pulse.png');
      await expect.poll(() => phone.locator('.toast').textContent()).toBe(fr.pulsing);
      // The toast takes the hint's place: it covers neither the wall map nor the flag's name.
      const boxes = await boxesWithToast(phone, ['.toast', '#wall-map', '#country', '#tagline']);
      for (const other of ['#wall-map', '#country', '#tagline'])
        expect(overlap(boxes['.toast']!, boxes[other]!), `toast over ${other}`).toBe(false);
      await saveScreenshot(phone, 'phone-live.png');
    },
    SLOW,
  );

  it(
    'a moving phone learns how many flags are on the wall from its ACKs, not presence messages',
    async () => {
      const phone = await phone$(browser, hub);
      // Frames in socket order (DevTools events keep it; their arrival times lag on a busy machine).
      const frames: ('presence' | { ackY: number })[] = [];
      phone.on('websocket', (ws) =>
        ws.on('framereceived', (f) => {
          if (typeof f.payload === 'string') {
            if (f.payload.includes('"presence"')) frames.push('presence');
            return;
          }
          const m = decodeHubFrame(new Uint8Array(f.payload));
          if (m?.tag === BinTag.ACK) frames.push({ ackY: m.y });
        }),
      );
      await phone.reload(); // a fresh socket the listener sees from its first frame
      await phone.waitForFunction(
        () => (window as unknown as PhoneWindow).flagwallPhone?.debug.state === 'live',
      );
      await wave(phone);
      await phone.evaluate(() => (document.getElementById('presence')!.textContent = ''));
      // Keep the finger moving for 2.5 s, low on the pad (wall y > 0.8, where wave() never goes),
      // driven inside the page at 30 Hz so DevTools round trips cannot pause it: every presence
      // round then falls while this phone's ACKs are fresh.
      await phone.evaluate(async (ms) => {
        const pad = document.getElementById('pad')!;
        const r = pad.getBoundingClientRect();
        const at = (type: string, k: number, y = 0.95) =>
          pad.dispatchEvent(
            new PointerEvent(type, {
              pointerId: 1,
              isPrimary: true,
              pointerType: 'touch',
              bubbles: true,
              cancelable: true,
              clientX: r.left + r.width * (0.3 + 0.4 * k),
              clientY: r.top + r.height * y,
            }),
          );
        at('pointerdown', 0);
        const t0 = performance.now();
        for (let i = 1; performance.now() - t0 < ms; i++) {
          await new Promise((done) => setTimeout(done, 33));
          at('pointermove', (i % 20) / 20);
        }
        at('pointermove', 0.5, 0.05); // the end mark: its ACK (wall y < 0.2) closes the window
        at('pointerup', 0.5, 0.05);
      }, 2500);
      expect(await phone.locator('#presence').textContent()).toMatch(/^\d+ flags? on the wall$/);
      // From the first ACK of a move low on the pad on: a presence message sent before the finger
      // started may still be in flight until then.
      const first = frames.findIndex((f) => f !== 'presence' && f.ackY > 0.8);
      expect(first).toBeGreaterThanOrEqual(0);
      // DevTools delivers frame events late on a busy machine: wait for the end mark's ACK.
      const endMark = () =>
        frames.findIndex((f, i) => i > first && f !== 'presence' && f.ackY < 0.2);
      await expect.poll(endMark, { timeout: 10_000 }).toBeGreaterThan(first);
      const moving = frames.slice(first, endMark());
      expect(moving.filter((f) => f !== 'presence').length).toBeGreaterThanOrEqual(8); // ~5 Hz
      expect(moving.filter((f) => f === 'presence')).toEqual([]);
    },
    SLOW,
  );

  it(
    'a short name is sanitized, capped, and shown with the flag on the wall',
    async () => {
      const phone = await phone$(browser, hub);
      const { clientId } = await phoneDebug(phone);
      await wave(phone, 120);
      await phone.click('.flag-button');
      await phone.fill('.picker-name input', '  Ana\u0007 \n Maria  Lopez-Garcia the Third ');
      await phone.click('.picker-save');
      await screen.waitForFunction(
        (id) =>
          (window as unknown as ScreenWindow).flagwall.cursors.some(
            (c) => c.id === id && c.name !== '',
          ),
        clientId,
      );
      const name = await screen.evaluate(
        (id) => (window as unknown as ScreenWindow).flagwall.cursors.find((c) => c.id === id)!.name,
        clientId,
      );
      expect(name).toBe('Ana Maria Lopez-');
    },
    SLOW,
  );

  it(
    'capacity 2 with 3 phones: the third waits, then joins when one leaves',
    async () => {
      operator.sendJson({
        type: 'operator',
        seq: 3,
        command: { cmd: 'settings', patch: { maxPhones: 2 } },
      });
      await operator.waitFor(() => operator.json('operator-ack').find((a) => a.seq === 3));
      // Phones from earlier tests are dozing, not on the wall: two places are free.
      const first = await phone$(browser, hub);
      await phone$(browser, hub);
      const third = await phone$(browser, hub, 'waiting');
      expect(await third.locator('#notice').textContent()).toMatch(/full.*number 1 in line/);
      await saveScreenshot(third, 'phone-waiting.png');
      // Picking a flag while waiting is kept for the moment it joins (and does not upset the hub).
      await third.click('.flag-button');
      await third.click('.country[data-code="br"]');
      expect((await phoneDebug(third)).state).toBe('waiting');
      await first.context().close();
      await third.waitForFunction(
        () => (window as unknown as PhoneWindow).flagwallPhone.debug.state === 'live',
        undefined,
        { timeout: 10_000 },
      );
      const admitted = await phoneDebug(third);
      expect(admitted.clientId).toBeGreaterThan(0);
      await wave(third);
      await screen.waitForFunction(
        (id) =>
          (window as unknown as ScreenWindow).flagwall.cursors.some(
            (c) => c.id === id && c.flag === 'br',
          ),
        admitted.clientId,
      );
    },
    SLOW,
  );
});
