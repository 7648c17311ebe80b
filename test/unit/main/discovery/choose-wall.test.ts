import { describe, expect, it } from 'vitest';
import { chooseWall } from '../../../../main/discovery/choose-wall';
import type { WallAnnouncement } from '../../../../main/discovery/wall-record';
import { PROTOCOL_VERSION } from '../../../../shared/protocol/version';

const hub = (wall: string, hubId: string, proto = PROTOCOL_VERSION): WallAnnouncement => ({
  wall,
  hubId,
  proto,
  url: `http://10.0.0.${hubId.length}:8080`,
  wsPath: '/ws',
  instance: `${wall} (${hubId})`,
  fqdn: `${wall} (${hubId})._flagwall._tcp.local`,
});

describe('chooseWall', () => {
  it('joins the only wall when none is configured', () => {
    expect(chooseWall([hub('lobby', 'a')], undefined)).toEqual({
      kind: 'join',
      hub: hub('lobby', 'a'),
    });
  });

  it('waits and names the walls when there are several and none is configured', () => {
    const choice = chooseWall([hub('south', 'a'), hub('north', 'bb')], undefined);
    expect(choice).toEqual({
      kind: 'wait',
      reason: 'several walls on this network ("north", "south"); choose one with --wall NAME',
    });
  });

  it('joins the configured wall and never another', () => {
    const hubs = [hub('south', 'a'), hub('north', 'bb')];
    expect(chooseWall(hubs, 'north')).toMatchObject({ kind: 'join', hub: { hubId: 'bb' } });
    expect(chooseWall([hub('south', 'a')], 'north')).toEqual({
      kind: 'wait',
      reason: 'waiting for wall "north"; seen: "south"',
    });
    expect(chooseWall([], 'north')).toEqual({ kind: 'wait', reason: 'waiting for wall "north"' });
  });

  it('never joins a hub speaking another protocol version, and says why', () => {
    expect(chooseWall([hub('lobby', 'a', PROTOCOL_VERSION + 1)], 'lobby')).toMatchObject({
      kind: 'wait',
      reason: expect.stringContaining('another protocol version'),
    });
    expect(chooseWall([hub('lobby', 'a', PROTOCOL_VERSION + 1)], undefined).kind).toBe('wait');
  });

  it('two hubs with one wall name: stays with the hub it had, and notes the clash', () => {
    const hubs = [hub('lobby', 'a'), hub('lobby', 'bb')];
    expect(chooseWall(hubs, 'lobby', 'bb')).toMatchObject({
      kind: 'join',
      hub: { hubId: 'bb' },
      note: expect.stringContaining('2 hubs announce wall "lobby"'),
    });
    expect(chooseWall(hubs, undefined, 'bb')).toMatchObject({ kind: 'join', hub: { hubId: 'bb' } });
  });
});
