/**
 * A real hub serving the built pages over real HTTP: gzipped to clients that take it (the same
 * bytes once unzipped), plain to those that do not, and a 304 for a client that already has the
 * file. Prints what a phone's first visit costs either way.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET/HEAD: no client-side decoding, so the test sees what went over the wire. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${hub.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };
/** What a phone loads on its first visit: the page, its styles and script, two flags. */
const PHONE_VISIT = [
  '/',
  '/phone/phone.css',
  '/phone/picker.css',
  '/phone/main.js',
  '/flags/eo.svg',
  '/flags/gb.svg',
];

describe('hub pages over HTTP', () => {
  it('sends gzip to clients that accept it, the same bytes once unzipped', async () => {
    let plainBytes = 0;
    let zippedBytes = 0;
    for (const path of PHONE_VISIT) {
      const plain = await get(path);
      const zipped = await get(path, GZIP);
      plainBytes += plain.body.length;
      zippedBytes += zipped.body.length;
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(zipped.headers['content-encoding'], path).toBe('gzip');
      expect(zipped.headers.vary, path).toBe('accept-encoding');
      expect(Number(zipped.headers['content-length']), path).toBe(zipped.body.length);
      expect(gunzipSync(zipped.body).equals(plain.body), path).toBe(true);
      expect(zipped.headers.etag, path).not.toBe(plain.headers.etag);
      // The page's security headers come with either encoding.
      expect(zipped.headers['content-security-policy'], path).toBeDefined();
    }
    console.log(JSON.stringify({ phoneFirstVisitBytes: { plain: plainBytes, gzip: zippedBytes } }));
    expect(zippedBytes).toBeLessThan(plainBytes / 2);
  });

  it('answers 304 to a client that has the file, per encoding', async () => {
    const zipped = await get('/phone/main.js', GZIP);
    const etag = zipped.headers.etag as string;
    const again = await get('/phone/main.js', { ...GZIP, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // The plain copy has its own ETag: the gzipped one's does not validate it.
    expect((await get('/phone/main.js', { 'if-none-match': etag })).status).toBe(200);
    // HEAD: headers only.
    const head = await get('/phone/main.js', GZIP, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(zipped.body.length);
  });
});
