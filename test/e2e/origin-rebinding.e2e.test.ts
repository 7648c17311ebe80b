/**
 * The Origin/Host rule in real Chromium: a console reached through someone else's DNS name that
 * resolves to the hub (DNS rebinding, simulated with --host-resolver-rules) is refused and says
 * why; a page on another origin cannot open an operator socket even with the right key; the
 * console on the hub's own address goes live.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser';
import { startTestHub, TEST_KEY, type TestHub } from '../support/hub';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';

let browser: Browser;
let hub: TestHub;
let foreign: Server;
let foreignUrl = '';

beforeAll(async () => {
  hub = await startTestHub();
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP evil.example 127.0.0.1'],
  });
  foreign = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://localhost:${(foreign.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => foreign?.close(r));
  await hub?.stop();
});

describe('browser pages and the hub origin', { timeout: 60_000 }, () => {
  it('a console reached through a rebinding name is refused and says which name', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://evil.example:${hub.port}/operator?key=${TEST_KEY}`);
    await page.locator('#refused').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('#refused-reason').textContent()).toMatch(
      /"evil\.example" is not a name of this hub/,
    );
    await context.close();
  });

  it('a page on another origin cannot open an operator socket, even with the key', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(foreignUrl);
    const closed = await page.evaluate(
      ({ url, key, proto }) =>
        new Promise<{ code: number; error: string }>((resolve) => {
          const ws = new WebSocket(url);
          let error = '';
          ws.onopen = () =>
            ws.send(JSON.stringify({ type: 'hello', proto, role: 'operator', key }));
          ws.onmessage = (ev) => (error = String(ev.data));
          ws.onclose = (ev) => resolve({ code: ev.code, error });
        }),
      { url: `ws://127.0.0.1:${hub.port}/ws`, key: TEST_KEY, proto: PROTOCOL_VERSION },
    );
    expect(closed.code).toBe(4003);
    expect(closed.error).toMatch(/another origin/);
    await context.close();
  });

  it('the console on the hub address goes live', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/operator?key=${TEST_KEY}`);
    await expect.poll(() => page.locator('#conn').textContent(), { timeout: 20_000 }).toBe('live');
    await context.close();
  });
});
