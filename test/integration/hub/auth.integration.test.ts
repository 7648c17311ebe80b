/**
 * Auth hardening on a real hub (port 0): Origin/Host refusal for screen and operator sockets, the
 * wrong-key throttle and its bounded log, and /healthz public vs full.
 */
import { request } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { startTestHub, TEST_KEY, type TestHub } from '../../support/hub';
import { TestClient } from '../../support/ws-client';
import type { StartHubOptions } from '../../../main/hub/start-hub';

const hubs: TestHub[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const h of hubs.splice(0)) await h.stop();
});

async function hub(opts: StartHubOptions = {}): Promise<TestHub> {
  const h = await startTestHub(opts);
  hubs.push(h);
  return h;
}

/** A hub whose warn lines are kept, parsed. */
async function loggedHub(opts: StartHubOptions = {}) {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'warn' },
    { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  );
  return { h: await hub({ ...opts, log }), lines };
}

/** Opens a socket with these headers, says hello, and resolves with the welcome or the close code. */
async function hello(
  h: TestHub,
  msg: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ welcomed: boolean; code: number | null; reason: string }> {
  const c = await TestClient.connect(h.wsUrl, headers);
  clients.push(c);
  c.sendJson({ type: 'hello', proto: PROTOCOL_VERSION, ...msg });
  await c.waitFor(
    () => c.json('welcome').length > 0 || c.closeCode !== null,
    5000,
    'welcome or close',
  );
  return { welcomed: c.json('welcome').length > 0, code: c.closeCode, reason: c.closeReason };
}

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const operator = { role: 'operator', key: TEST_KEY };
const screen = { role: 'screen', key: TEST_KEY, screen: { name: 'left' } };

describe('Origin and Host of screen and operator sockets', () => {
  it('refuses a foreign page, a rebinding Host and a lookalike port; accepts its own page and no Origin', async () => {
    const h = await hub();
    const own = `127.0.0.1:${h.port}`;
    const foreign = { origin: 'http://evil.example' };
    for (const role of [operator, screen]) {
      const r = await hello(h, role, foreign);
      expect(r).toMatchObject({ welcomed: false, code: CloseCode.UNAUTHORIZED });
      expect(r.reason).toMatch(/another origin/);
    }
    const rebinding = await hello(h, operator, {
      origin: `http://evil.example:${h.port}`,
      host: `evil.example:${h.port}`,
    });
    expect(rebinding).toMatchObject({ welcomed: false, code: CloseCode.UNAUTHORIZED });
    expect(rebinding.reason).toMatch(/not a name of this hub/);
    const otherPort = await hello(h, operator, { origin: `http://127.0.0.1:${h.port + 1}` });
    expect(otherPort.code).toBe(CloseCode.UNAUTHORIZED);

    expect((await hello(h, operator, { origin: `http://${own}` })).welcomed).toBe(true);
    expect(
      (
        await hello(h, screen, {
          origin: `http://localhost:${h.port}`,
          host: `localhost:${h.port}`,
        })
      ).welcomed,
    ).toBe(true);
    expect((await hello(h, operator)).welcomed).toBe(true); // no Origin: not a browser
  });

  it('lets phones in from any page (no key to steal), and a name given with allowedHosts', async () => {
    const h = await hub({ allowedHosts: ['wall.venue.lan'] });
    expect((await hello(h, { role: 'phone' }, { origin: 'http://evil.example' })).welcomed).toBe(
      true,
    );
    const named = { origin: `http://wall.venue.lan:${h.port}`, host: `wall.venue.lan:${h.port}` };
    expect((await hello(h, operator, named)).welcomed).toBe(true);
  });

  it('foreign-page attempts never lock the address out, and are logged once per period', async () => {
    const { h, lines } = await loggedHub();
    for (let i = 0; i < 12; i++) {
      expect((await hello(h, operator, { origin: 'http://evil.example' })).code).toBe(
        CloseCode.UNAUTHORIZED,
      );
    }
    expect((await hello(h, operator)).welcomed).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ address: '127.0.0.1', foreignOrigin: 1 });
  });
});

describe('the wrong-key throttle', () => {
  const cooldownMs = 1500;
  const throttle = { freeFailures: 3, cooldownMs, maxCooldownMs: cooldownMs };

  it('refuses the right key during the cooldown, accepts it after, and logs a bounded number of lines', async () => {
    const { h, lines } = await loggedHub({ keyThrottle: throttle });
    const codes: (number | null)[] = [];
    for (let i = 0; i < 30; i++)
      codes.push((await hello(h, { role: 'screen', key: `guess-${i}` })).code);
    expect(codes.slice(0, 3)).toEqual([
      CloseCode.UNAUTHORIZED,
      CloseCode.UNAUTHORIZED,
      CloseCode.UNAUTHORIZED,
    ]);
    expect(
      codes.slice(3).every((c) => c === CloseCode.RATE_LIMITED || c === CloseCode.UNAUTHORIZED),
    ).toBe(true);
    expect(codes.filter((c) => c === CloseCode.RATE_LIMITED).length).toBeGreaterThan(0);

    const during = await hello(h, operator);
    expect(during).toMatchObject({ welcomed: false, code: CloseCode.RATE_LIMITED });
    expect(during.reason).toMatch(/too many wrong wall keys from this address; try again in \d+ s/);
    expect((await hello(h, { role: 'phone' })).welcomed).toBe(true); // phones are not throttled

    // Attempts during a cooldown do not extend it: the last one started at most cooldownMs ago.
    await new Promise((r) => setTimeout(r, cooldownMs + 100));
    expect((await hello(h, operator)).welcomed).toBe(true);

    // 30 wrong keys and a refused right one: one line (one address, one 60 s period), no
    // per-attempt "closing client" lines.
    const throttleLines = lines.filter((l) => l.address === '127.0.0.1');
    expect(throttleLines).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'closing client')).toHaveLength(0);
  });
});

describe('/healthz', () => {
  it('public: status, version and counts only; full (with the key): names, addresses, slices', async () => {
    const h = await hub();
    await hello(h, {
      ...screen,
      screen: { name: 'left-wing', slice: { x: 0, y: 0, w: 0.5, h: 1 } },
    });
    const pub = await get(h.urls.health);
    expect(pub.status).toBe(200);
    const body = JSON.parse(pub.body) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, proto: PROTOCOL_VERSION, screens: 1, phones: 0 });
    expect(Object.keys(body).sort()).toEqual(
      ['dozing', 'ok', 'phones', 'playoutDelayMs', 'proto', 'screens', 'version'].sort(),
    );
    expect(pub.body).not.toContain('left-wing');
    expect(pub.body).not.toContain('127.0.0.1');

    const bearer: Record<string, string> = { authorization: `Bearer ${TEST_KEY}` };
    for (const headers of [bearer, {}]) {
      const url = 'authorization' in headers ? h.urls.health : `${h.urls.health}?key=${TEST_KEY}`;
      const full = JSON.parse((await get(url, headers)).body) as {
        wall: string;
        screenDetails: { name: string; address: string; slice: unknown }[];
      };
      expect(full.wall).toBe(h.state.wall);
      expect(full.screenDetails).toEqual([
        expect.objectContaining({
          name: 'left-wing',
          address: '127.0.0.1',
          slice: { x: 0, y: 0, w: 0.5, h: 1 },
        }),
      ]);
    }
  });

  it('wrong keys answer 401 and feed the same throttle as hellos; cross-site tries are not counted', async () => {
    const h = await hub({ keyThrottle: { freeFailures: 3, cooldownMs: 60_000 } });
    const crossSite = await get(h.urls.health, {
      authorization: 'Bearer guess',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const foreign = await get(h.urls.health, {
      authorization: 'Bearer guess',
      origin: 'http://evil.example',
    });
    expect(foreign.status).toBe(403);
    for (let i = 0; i < 3; i++) {
      const r = await get(h.urls.health, { authorization: `Bearer guess-${i}` });
      expect(r.status).toBe(401);
      expect(r.body).not.toContain('screenDetails');
    }
    const cooling = await get(h.urls.health, { authorization: `Bearer ${TEST_KEY}` });
    expect(cooling.status).toBe(429);
    expect(Number(cooling.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hello(h, operator)).code).toBe(CloseCode.RATE_LIMITED);
    expect((await get(h.urls.health)).status).toBe(200); // the public part stays up
  });
});
