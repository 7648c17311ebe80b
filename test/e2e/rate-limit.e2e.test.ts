/**
 * RATE_LIMITED in real Chromium against a real hub: a phone page whose socket floods is closed,
 * says so politely in its own language with the hub's cooldown, does not knock on the hub during
 * the cooldown, then comes back once by itself with its resume token (the same place on the wall).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { encodePing } from '../../shared/protocol/binary';
import { de } from '../../renderer/phone/i18n/de';
import { launchBrowser } from '../support/browser';
import { startTestHub, type TestHub } from '../support/hub';
import { openPhone, type PhoneWindow } from '../support/operator-pages';

/** Page loads on a busy 2-core machine with software WebGL are slow; never a sleep. */
const SLOW = 120_000;
/** Short, so the test waits it out; long enough that a retry inside it is seen by the hub. */
const COOLDOWN_MS = 3000;

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/renderer/phone/main.js')))
    throw new Error('dist/renderer is missing: run `node build/bundle.mjs` first (npm test does)');
  hub = await startTestHub({ limits: { rateLimitCooldownMs: COOLDOWN_MS } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const state = (page: Page, s: string) =>
  page.waitForFunction(
    (want) => (window as unknown as PhoneWindow).flagwallPhone.debug.state === want,
    s,
    { timeout: 30_000 },
  );

describe('RATE_LIMITED in Chromium', () => {
  it(
    'a flooding phone is told in German when it rejoins, waits, then comes back with its place',
    async () => {
      const phone = await openPhone(browser, hub, 'live', 'de-DE');
      onTestFinished(() => phone.context().close());
      const before = await phone.evaluate(() => ({
        id: (window as unknown as PhoneWindow).flagwallPhone.debug.clientId,
        resume: sessionStorage.getItem('flagwall.resume'),
      }));
      expect(before.resume).toBeTruthy(); // it holds a resume token
      const counters = hub.hub.gate.counters;
      expect(counters.rateLimitClosed).toBe(0);

      // Well-formed PINGs, far over budget, on the page's own socket (bounded: 5000 frames).
      const ping = Array.from(encodePing(1));
      const sent = await phone.evaluate((bytes) => {
        const conn = (window as unknown as { flagwallPhone: { connection: unknown } }).flagwallPhone
          .connection as { send(d: Uint8Array): boolean };
        const frame = new Uint8Array(bytes);
        let n = 0;
        while (n < 5000 && conn.send(frame)) n++;
        return n;
      }, ping);
      expect(sent).toBeGreaterThan(0);

      await state(phone, 'reconnecting');
      expect(counters.rateLimitClosed).toBe(1);
      const notice = await phone.locator('#notice').textContent();
      expect(notice).toBe(de.rateLimited(Math.ceil(COOLDOWN_MS / 1000)));

      await state(phone, 'live');
      // It came back by itself, once, after the cooldown: no try was refused in between.
      expect(counters.cooldownRefused).toBe(0);
      expect(counters.churnRefused).toBe(0);
      const after = await phone.evaluate(
        () => (window as unknown as PhoneWindow).flagwallPhone.debug.clientId,
      );
      expect(after).toBe(before.id); // resumed: same token, same place
      expect(await phone.locator('#notice').textContent()).toBe('');
    },
    SLOW,
  );
});
