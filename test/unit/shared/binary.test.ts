import { describe, expect, it } from 'vitest';
import {
  BinTag,
  decodeClientFrame,
  decodeHubFrame,
  dequantize,
  encodeAck,
  encodeMove,
  encodePing,
  encodePong,
  encodeTap,
  encodeTick,
  quantize,
  MOVE_BYTES,
} from '../../../shared/protocol/binary';

describe('binary codecs', () => {
  it('round-trips MOVE within quantization error', () => {
    const msg = decodeClientFrame(encodeMove(65537, 0.25, 0.8));
    expect(msg).toMatchObject({ tag: BinTag.MOVE, seq: 1 });
    if (msg?.tag !== BinTag.MOVE) throw new Error('not a move');
    expect(Math.abs(msg.x - 0.25)).toBeLessThan(1 / 65535);
    expect(Math.abs(msg.y - 0.8)).toBeLessThan(1 / 65535);
  });

  it('clamps positions outside the wall', () => {
    expect(quantize(-3)).toBe(0);
    expect(quantize(7)).toBe(65535);
    expect(dequantize(quantize(1))).toBe(1);
  });

  it('round-trips TAP and PING', () => {
    expect(decodeClientFrame(encodeTap(0, 1))).toEqual({ tag: BinTag.TAP, x: 0, y: 1 });
    expect(decodeClientFrame(encodePing(1234567.125))).toEqual({
      tag: BinTag.PING,
      t0: 1234567.125,
    });
  });

  it('round-trips PONG and ACK', () => {
    expect(decodeHubFrame(encodePong(1.5, 2.25, 3.125))).toEqual({
      tag: BinTag.PONG,
      t0: 1.5,
      t1: 2.25,
      t2: 3.125,
    });
    expect(decodeHubFrame(encodeAck(9, 0, 1, 1234))).toEqual({
      tag: BinTag.ACK,
      seq: 9,
      x: 0,
      y: 1,
      phones: 1234,
    });
  });

  it('round-trips a TICK with moves, departures and taps', () => {
    const moves = [
      { id: 1, qx: 10, qy: 20 },
      { id: 0xfffffffe, qx: 65535, qy: 0 },
    ];
    const taps = [{ id: 7, qx: 100, qy: 200, t0: 1_700_000_000_123.5 }];
    const frame = encodeTick(42, 1_700_000_000_200.25, moves, [3, 4, 5], taps);
    expect(decodeHubFrame(frame)).toEqual({
      tag: BinTag.TICK,
      tick: 42,
      hubTime: 1_700_000_000_200.25,
      moves,
      gone: [3, 4, 5],
      taps,
    });
  });

  it('rejects wrong lengths, unknown tags and non-finite times', () => {
    expect(decodeClientFrame(new Uint8Array(0))).toBeNull();
    expect(decodeClientFrame(new Uint8Array([0x7f, 0, 0]))).toBeNull();
    expect(decodeClientFrame(encodeMove(1, 0, 0).subarray(0, MOVE_BYTES - 1))).toBeNull();
    const nan = encodePing(0);
    new DataView(nan.buffer).setFloat64(1, Number.NaN, true);
    expect(decodeClientFrame(nan)).toBeNull();
    const tick = encodeTick(1, 1, [{ id: 1, qx: 1, qy: 1 }], [], []);
    expect(decodeHubFrame(tick.subarray(0, tick.length - 1))).toBeNull();
  });
});
