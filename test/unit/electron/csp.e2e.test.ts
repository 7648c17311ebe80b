/**
 * The CSP the shell adds (hardenSession's real onHeadersReceived handler) in real Chromium: it
 * must let a hub page reach its own ws:// socket ('self' covers it in CSP 3) while still blocking
 * inline script. A page on a loopback server stands in for a hub page, with the hub's own CSP too.
 * (e2e tier: real Chromium; lives here because main/electron is what it checks.)
 */
import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { hardenSession, TrustedOrigin } from '../../../main/electron/security';

vi.mock('electron', () => import('./fake-electron'));

const HUB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'";

let server: Server;
let wss: WebSocketServer;
let browser: Browser;
let base = '';

/** The headers our session handler sends for a hub response. */
function shellHeaders(url: string): Record<string, string[]> {
  type Handler = (
    d: object,
    cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;
  let handler: Handler | null = null;
  const session = {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    webRequest: {
      onBeforeRequest: () => undefined,
      onHeadersReceived: (h: Handler) => (handler = h),
    },
  };
  hardenSession(session as never, new TrustedOrigin(base));
  let out: Record<string, string[]> = {};
  handler!(
    { url, responseHeaders: { 'content-security-policy': [HUB_CSP] } },
    (r) => (out = r.responseHeaders ?? {}),
  );
  return out;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(
        "const ws = new WebSocket(`ws://${location.host}/ws`); ws.onopen = () => { document.title = 'socket open'; }; ws.onerror = () => { document.title = 'socket error'; };",
      );
      return;
    }
    const headers: Record<string, string | string[]> = { 'content-type': 'text/html' };
    for (const [k, v] of Object.entries(shellHeaders(`${base}${req.url}`))) headers[k] = v;
    res.writeHead(200, headers);
    res.end('<script>window.inlineRan = true</script><script src="/page.js"></script>');
  });
  wss = new WebSocketServer({ server, path: '/ws' });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  wss?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

describe('shell CSP in Chromium', () => {
  it('adds its policy beside the hub’s, keeps the hub socket working, blocks inline script', async () => {
    expect(Object.keys(shellHeaders(`${base}/screen`)).sort()).toEqual([
      'Content-Security-Policy',
      'content-security-policy',
    ]);
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    const connected = new Promise<void>((resolve) => wss.once('connection', () => resolve()));
    await page.goto(`${base}/screen`);
    await connected;
    await page.waitForFunction(() => document.title !== '', null, { timeout: 10_000 });
    expect(await page.title()).toBe('socket open');
    expect(
      await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan),
    ).toBeUndefined();
    expect(violations.some((v) => /inline script/i.test(v))).toBe(true);
    expect(violations.filter((v) => /connect/i.test(v))).toEqual([]);
    await page.close();
  });
});
