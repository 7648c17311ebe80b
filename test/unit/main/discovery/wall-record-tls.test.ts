import { describe, expect, it } from 'vitest';
import { parseAnnouncement, wallTxt } from '../../../../main/discovery/wall-record';

describe('a hub serving TLS on mDNS', () => {
  it('announces tls=1, and a screen that finds it gets an https URL (so it speaks wss)', () => {
    const txt = wallTxt('lobby', 'abc', true);
    expect(txt.tls).toBe('1');
    const found = parseAnnouncement({ port: 8443, txt: { ...txt }, addresses: ['10.0.0.7'] });
    expect(found?.url).toBe('https://10.0.0.7:8443');
    const plain = parseAnnouncement({
      port: 8080,
      txt: { ...wallTxt('lobby', 'abc') },
      addresses: ['10.0.0.7'],
    });
    expect(plain?.url).toBe('http://10.0.0.7:8080');
    expect(wallTxt('lobby', 'abc')).not.toHaveProperty('tls');
  });
});
