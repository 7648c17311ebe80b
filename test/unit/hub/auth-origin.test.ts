import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hubNames, originRefusal } from '../../../main/hub/auth-origin';

const names = hubNames('hub-1234abcd', ['wall.venue.lan']);
const own = hostname().toLowerCase();

describe('originRefusal (screen and operator upgrades)', () => {
  const allowed: [string, { origin?: string; host?: string }][] = [
    ['no Origin (a script or the headless screen), any Host', { host: 'whatever.example' }],
    ['the hub by IP', { origin: 'http://192.168.1.20:8080', host: '192.168.1.20:8080' }],
    ['loopback', { origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080' }],
    ['localhost', { origin: 'http://localhost:8080', host: 'localhost:8080' }],
    ['IPv6', { origin: 'http://[fe80::1]:8080', host: '[fe80::1]:8080' }],
    ['this machine by name', { origin: `http://${own}:8080`, host: `${own}:8080` }],
    ['this machine on mDNS', { origin: `http://${own}.local:8080`, host: `${own}.local:8080` }],
    [
      'the hub mDNS name',
      { origin: 'http://flagwall-hub1234abcd.local:8080', host: 'flagwall-hub1234abcd.local:8080' },
    ],
    [
      'an --allow-host name',
      { origin: 'http://WALL.venue.lan:8080', host: 'wall.venue.lan.:8080' },
    ],
    ['default port', { origin: 'http://10.0.0.2', host: '10.0.0.2' }],
  ];
  for (const [what, req] of allowed) {
    it(`allows ${what}`, () => expect(originRefusal(req, names, false)).toBeUndefined());
  }

  const refused: [string, { origin?: string; host?: string }, RegExp][] = [
    [
      'a foreign page on the hub address',
      { origin: 'http://evil.example', host: '192.168.1.20:8080' },
      /another origin/,
    ],
    [
      'DNS rebinding (the attacker name resolves to the hub)',
      { origin: 'http://evil.example:8080', host: 'evil.example:8080' },
      /"evil.example" is not a name of this hub.*--allow-host evil.example/,
    ],
    [
      'a lookalike of the hub name',
      { origin: `http://${own}.evil.example:8080`, host: `${own}.evil.example:8080` },
      /not a name of this hub/,
    ],
    [
      'the right host on another port',
      { origin: 'http://192.168.1.20:9999', host: '192.168.1.20:8080' },
      /another origin/,
    ],
    ['an opaque origin', { origin: 'null', host: '192.168.1.20:8080' }, /another origin/],
    ['a file page', { origin: 'file://', host: '127.0.0.1:8080' }, /another origin/],
    ['a browser page without Host', { origin: 'http://10.0.0.2:8080' }, /Host/],
    ['a garbled Host', { origin: 'http://10.0.0.2:8080', host: 'a b@c' }, /Host/],
  ];
  for (const [what, req, sentence] of refused) {
    it(`refuses ${what}`, () => expect(originRefusal(req, names, false)).toMatch(sentence));
  }

  it('counts a Host without a port as 443 when the hub serves TLS', () => {
    const req = { origin: 'https://10.0.0.2', host: '10.0.0.2' };
    expect(originRefusal(req, names, true)).toBeUndefined();
    expect(originRefusal({ origin: 'https://10.0.0.2', host: '10.0.0.2:443' }, names, true)).toBe(
      undefined,
    );
    expect(originRefusal({ origin: 'https://10.0.0.2', host: '10.0.0.2' }, names, false)).toMatch(
      /another origin/,
    );
  });
});

describe('what a refused connection keeps', () => {
  it('is a short sentence, however long the headers', () => {
    const long = `${'a'.repeat(8000)}.example`;
    const why = originRefusal({ origin: `http://${long}`, host: long }, names, false);
    expect(why!.length).toBeLessThan(400);
    const foreign = originRefusal({ origin: `http://${long}`, host: '10.0.0.2' }, names, false);
    expect(foreign!.length).toBeLessThan(400);
  });
});
