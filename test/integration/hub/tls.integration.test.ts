/**
 * Optional TLS: a hub given a certificate serves https pages and wss sockets on its one port; the
 * CLI refuses a bad or missing certificate with one sentence and exit 2. The certificate is made
 * here by openssl, into a throwaway dir (no keys committed). The CLI cases need the bundle
 * (`node build/bundle.mjs`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { loadTlsFiles } from '../../../main/hub/auth-tls';
import { CLI_PATH } from '../../support/hub-process';
import { startTestHub, TEST_KEY, type TestHub } from '../../support/hub';
import { LineProcess } from '../../support/line-process';

let dir = '';
let certPath = '';
let keyPath = '';
let ca: Buffer;
const hubs: TestHub[] = [];
const procs: LineProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flagwall-tls-'));
  certPath = join(dir, 'cert.pem');
  keyPath = join(dir, 'key.pem');
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(certPath);
});
afterEach(async () => {
  for (const p of procs.splice(0)) p.child.kill('SIGKILL');
  for (const h of hubs.splice(0)) await h.stop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fetchTls(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** Connects over wss, says hello, resolves with the first JSON message (welcome or error). */
function wssHello(url: string, hello: object, headers: Record<string, string> = {}) {
  return new Promise<{ type: string }>((resolve, reject) => {
    const ws = new WebSocket(url, { ca, headers });
    const timer = setTimeout(() => reject(new Error('no answer over wss in 5 s')), 5000);
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'hello', proto: PROTOCOL_VERSION, ...hello })),
    );
    ws.once('message', (data) => {
      clearTimeout(timer);
      ws.close();
      resolve(JSON.parse(String(data)) as { type: string });
    });
    ws.once('error', (err) => (clearTimeout(timer), reject(err)));
  });
}

describe('a hub with a certificate', () => {
  it('serves https pages and wss sockets on the same port, and prints https URLs', async () => {
    const h = await startTestHub({ tls: loadTlsFiles(certPath, keyPath) });
    hubs.push(h);
    expect(h.url).toBe(`https://127.0.0.1:${h.port}`);
    expect(h.urls.operator).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/operator\?key=/);
    const page = await fetchTls(`${h.url}/screen`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<html/i);
    expect(JSON.parse((await fetchTls(h.urls.health)).body)).toMatchObject({ ok: true });
    const wss = `wss://127.0.0.1:${h.port}/ws`;
    expect(await wssHello(wss, { role: 'screen', key: TEST_KEY })).toMatchObject({
      type: 'welcome',
    });
    // The console page served over https: its Origin is https on the hub's own host and port.
    const own = { origin: `https://127.0.0.1:${h.port}` };
    expect(await wssHello(wss, { role: 'operator', key: TEST_KEY }, own)).toMatchObject({
      type: 'welcome',
    });
    expect(await wssHello(wss, { role: 'phone' })).toMatchObject({ type: 'welcome' });
  });
});

describe('the headless screen and a TLS hub', () => {
  it('connects over wss given --hub https://… when Node trusts the certificate (NODE_EXTRA_CA_CERTS)', async () => {
    const h = await startTestHub({ tls: loadTlsFiles(certPath, keyPath) });
    hubs.push(h);
    const child = spawn(
      process.execPath,
      [
        CLI_PATH,
        'screen',
        '--hub',
        h.url,
        '--key',
        TEST_KEY,
        '--name',
        'tls-screen',
        '--data',
        dir,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, FLAGWALL_LOG: 'warn', NODE_EXTRA_CA_CERTS: certPath },
      },
    );
    const p = new LineProcess(child);
    procs.push(p);
    const live = await p.waitForJson({ state: 'live' }, 30_000);
    expect(live.json.url).toBe(`wss://127.0.0.1:${h.port}/ws`);
    expect([...h.hub.screens].map((s) => s.screen?.name)).toEqual(['tls-screen']);
  }, 45_000);
});

describe('flagwall hub --tls-cert/--tls-key', () => {
  const run = (args: string[]) => {
    const data = join(dir, `data-${procs.length}-${Date.now()}`);
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'hub', '--no-mdns', '--host', '127.0.0.1', '--port', '0', '--data', data, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FLAGWALL_LOG: 'warn' } },
    );
    const p = new LineProcess(child);
    procs.push(p);
    return p;
  };

  it('a missing certificate file: one sentence naming it and the flag, exit 2', async () => {
    const missing = join(dir, 'nope.pem');
    const p = run(['--tls-cert', missing, '--tls-key', keyPath]);
    expect(await p.exited).toBe(2);
    expect(p.stderr).toBe(
      `flagwall hub: cannot read the TLS certificate "${missing}" (ENOENT); check the path given to --tls-cert.\n`,
    );
  }, 45_000);

  it('a key that is not PEM, a pair that does not match, or a flag alone: one sentence, exit 2', async () => {
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a key\n');
    const other = join(dir, 'other-key.pem');
    execFileSync(
      '/usr/bin/openssl',
      ['genpkey', '-algorithm', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', other],
      { stdio: 'ignore' },
    );
    const cases: [string[], RegExp][] = [
      [
        ['--tls-cert', certPath, '--tls-key', garbage],
        /^flagwall hub: the TLS private key ".*garbage.pem" is not a PEM file \(no "-----BEGIN" line\); give --tls-key a PEM file\.\n$/,
      ],
      [
        ['--tls-cert', certPath, '--tls-key', other],
        /^flagwall hub: the TLS certificate ".*cert.pem" and key ".*other-key.pem" are not a usable PEM pair \(.+\); give a PEM certificate and the private key it was made with\.\n$/,
      ],
      [
        ['--tls-cert', certPath],
        /^flagwall hub: --tls-cert and --tls-key go together: give both PEM files \(certificate and its private key\), or neither for plain http\.\n$/,
      ],
    ];
    for (const [args, sentence] of cases) {
      const p = run(args);
      expect(await p.exited).toBe(2);
      expect(p.stderr).toMatch(sentence);
    }
  }, 60_000);

  it('a good pair: the hub comes up and prints https URLs', async () => {
    const p = run(['--tls-cert', certPath, '--tls-key', keyPath, '--key', TEST_KEY]);
    // A cold node start on a loaded 2-core machine can take several seconds.
    const health = await p.waitForText((t) => t.startsWith('health:'), 30_000);
    expect(health.text).toMatch(/^health: +https:\/\/127\.0\.0\.1:\d+\/healthz$/);
    expect(p.lines.map((l) => l.text)).toContainEqual(
      expect.stringMatching(/^operator: +https:\/\//),
    );
    const port = Number(/:(\d+)\/healthz/.exec(health.text)?.[1]);
    expect(JSON.parse((await fetchTls(`https://127.0.0.1:${port}/healthz`)).body)).toMatchObject({
      ok: true,
    });
  }, 45_000);
});
