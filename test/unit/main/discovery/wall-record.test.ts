import { describe, expect, it } from 'vitest';
import {
  hubHostName,
  instanceName,
  parseAnnouncement,
  wallTxt,
} from '../../../../main/discovery/wall-record';
import { PROTOCOL_VERSION } from '../../../../shared/protocol/version';

describe('wall record', () => {
  it('TXT carries protocol version, wall name, hub id and WebSocket path', () => {
    expect(wallTxt('lobby', 'id-1')).toEqual({
      proto: String(PROTOCOL_VERSION),
      wall: 'lobby',
      id: 'id-1',
      path: '/ws',
    });
  });

  it('instance names fit one DNS label and keep the hub id', () => {
    const long = 'ü'.repeat(64);
    const name = instanceName(long, '0123abcd-ffff-4444-8888-000000000000');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name.endsWith('(0123abcd)')).toBe(true);
    expect(instanceName('a.b', 'x')).toBe('a-b (x)');
    expect(hubHostName('0123ABCD-ffff')).toBe('flagwall-0123abcdffff.local');
  });

  it('parses a browsed service, preferring the address the answer came from', () => {
    const hub = parseAnnouncement({
      name: 'lobby (abc)',
      fqdn: 'lobby (abc)._flagwall._tcp.local',
      port: 8080,
      txt: { proto: '1', wall: 'lobby', id: 'abc', path: '/ws' },
      addresses: ['192.168.1.5', '10.0.0.7'],
      referer: { address: '10.0.0.7' },
    });
    expect(hub).toEqual({
      wall: 'lobby',
      hubId: 'abc',
      proto: 1,
      url: 'http://10.0.0.7:8080',
      wsPath: '/ws',
      instance: 'lobby (abc)',
      fqdn: 'lobby (abc)._flagwall._tcp.local',
    });
    expect(
      parseAnnouncement({
        port: 1,
        txt: { proto: '1', wall: 'w', id: 'i' },
        addresses: ['fe80::1', '10.1.1.1'],
      })?.url,
    ).toBe('http://10.1.1.1:1');
  });

  it('ignores services without our TXT (another program using the type)', () => {
    expect(parseAnnouncement({ port: 80, txt: {}, addresses: ['10.0.0.1'] })).toBeNull();
    expect(
      parseAnnouncement({
        port: 80,
        txt: { proto: 'x', wall: 'w', id: 'i' },
        addresses: ['10.0.0.1'],
      }),
    ).toBeNull();
    expect(
      parseAnnouncement({ txt: { proto: '1', wall: 'w', id: 'i' }, addresses: ['10.0.0.1'] }),
    ).toBeNull();
  });
});
