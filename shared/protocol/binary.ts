/**
 * Binary codecs for the hot messages. All numbers little-endian. Wall coordinates are
 * fractions of the whole wall (0..1 on each axis) quantized to u16 (0..65535).
 * Layouts are documented byte by byte in docs/protocol.md; keep the two in step.
 */

export const BinTag = {
  /** phone → hub: [tag u8][seq u16][x u16][y u16] */
  MOVE: 0x01,
  /** phone → hub: [tag u8][x u16][y u16] */
  TAP: 0x02,
  /** any → hub: [tag u8][t0 f64 client clock, ms] */
  PING: 0x03,
  /** hub → client: [tag u8][t0 f64][t1 f64 hub receive][t2 f64 hub send] */
  PONG: 0x81,
  /** hub → screen: see encodeTick */
  TICK: 0x82,
  /** hub → phone: [tag u8][seq u16][x u16][y u16] — latest accepted position */
  ACK: 0x83,
} as const;
export type BinTag = (typeof BinTag)[keyof typeof BinTag];

export const MOVE_BYTES = 7;
export const TAP_BYTES = 5;
export const PING_BYTES = 9;
export const PONG_BYTES = 25;
export const ACK_BYTES = 11;
export const TICK_HEADER_BYTES = 19;
export const TICK_MOVE_BYTES = 8;
export const TICK_GONE_BYTES = 4;
export const TICK_TAP_BYTES = 16;
/** Most entries of one kind in one tick (u16 counts). */
export const MAX_TICK_ENTRIES = 0xffff;

const Q = 0xffff;
/** Wall fraction (clamped to 0..1) → u16. */
export const quantize = (f: number): number => Math.round((f <= 0 ? 0 : f >= 1 ? 1 : f) * Q);
/** u16 → wall fraction. */
export const dequantize = (q: number): number => q / Q;

export interface MoveMsg {
  readonly tag: typeof BinTag.MOVE;
  readonly seq: number;
  readonly x: number;
  readonly y: number;
}
export interface TapMsg {
  readonly tag: typeof BinTag.TAP;
  readonly x: number;
  readonly y: number;
}
export interface PingMsg {
  readonly tag: typeof BinTag.PING;
  readonly t0: number;
}
export type ClientBinaryMsg = MoveMsg | TapMsg | PingMsg;

export interface PongMsg {
  readonly tag: typeof BinTag.PONG;
  readonly t0: number;
  readonly t1: number;
  readonly t2: number;
}
export interface AckMsg {
  readonly tag: typeof BinTag.ACK;
  readonly seq: number;
  readonly x: number;
  readonly y: number;
  /** Phones on the wall (presence rides on the ACK); 0 while the hub has not counted yet. */
  readonly phones: number;
}

/** One cursor in a tick: id and quantized position. */
export interface TickMove {
  id: number;
  qx: number;
  qy: number;
}
/** One tap in a tick: ripple centre (quantized) and start time in hub ms. */
export interface TickTap {
  id: number;
  qx: number;
  qy: number;
  t0: number;
}
export interface TickMsg {
  readonly tag: typeof BinTag.TICK;
  /** Tick counter (u32, wraps). */
  readonly tick: number;
  /** Hub clock when the tick was encoded, ms. */
  readonly hubTime: number;
  readonly moves: TickMove[];
  readonly gone: number[];
  readonly taps: TickTap[];
}

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

// ---- client → hub ----------------------------------------------------------------------------

/** [tag u8][seq u16][x u16][y u16]: the layout MOVE and ACK share. */
function writeMoveFields(v: DataView, tag: number, seq: number, x: number, y: number): void {
  v.setUint8(0, tag);
  v.setUint16(1, seq & 0xffff, true);
  v.setUint16(3, quantize(x), true);
  v.setUint16(5, quantize(y), true);
}

/** x, y are wall fractions; seq a u16 counter the ACK echoes. */
export function encodeMove(seq: number, x: number, y: number): Uint8Array {
  const b = new Uint8Array(MOVE_BYTES);
  writeMoveFields(view(b), BinTag.MOVE, seq, x, y);
  return b;
}

export function encodeTap(x: number, y: number): Uint8Array {
  const b = new Uint8Array(TAP_BYTES);
  const v = view(b);
  v.setUint8(0, BinTag.TAP);
  v.setUint16(1, quantize(x), true);
  v.setUint16(3, quantize(y), true);
  return b;
}

export function encodePing(t0: number): Uint8Array {
  const b = new Uint8Array(PING_BYTES);
  const v = view(b);
  v.setUint8(0, BinTag.PING);
  v.setFloat64(1, t0, true);
  return b;
}

/**
 * Decodes a client's binary frame. Returns null for an unknown tag or a wrong length, so the
 * caller can close that one client with BAD_MESSAGE. Positions come back as wall fractions.
 */
export function decodeClientFrame(b: Uint8Array): ClientBinaryMsg | null {
  if (b.byteLength < 1) return null;
  const v = view(b);
  switch (v.getUint8(0)) {
    case BinTag.MOVE:
      if (b.byteLength !== MOVE_BYTES) return null;
      return {
        tag: BinTag.MOVE,
        seq: v.getUint16(1, true),
        x: dequantize(v.getUint16(3, true)),
        y: dequantize(v.getUint16(5, true)),
      };
    case BinTag.TAP:
      if (b.byteLength !== TAP_BYTES) return null;
      return {
        tag: BinTag.TAP,
        x: dequantize(v.getUint16(1, true)),
        y: dequantize(v.getUint16(3, true)),
      };
    case BinTag.PING: {
      if (b.byteLength !== PING_BYTES) return null;
      const t0 = v.getFloat64(1, true);
      return Number.isFinite(t0) ? { tag: BinTag.PING, t0 } : null;
    }
    default:
      return null;
  }
}

// ---- hub → client ----------------------------------------------------------------------------

export function encodePong(t0: number, t1: number, t2: number): Uint8Array {
  const b = new Uint8Array(PONG_BYTES);
  const v = view(b);
  v.setUint8(0, BinTag.PONG);
  v.setFloat64(1, t0, true);
  v.setFloat64(9, t1, true);
  v.setFloat64(17, t2, true);
  return b;
}

/** ACK: [tag u8][seq u16][x u16][y u16][phones u32]: the MOVE echoed, plus the presence count. */
export function encodeAck(seq: number, x: number, y: number, phones: number): Uint8Array {
  const b = new Uint8Array(ACK_BYTES);
  const v = view(b);
  writeMoveFields(v, BinTag.ACK, seq, x, y);
  v.setUint32(MOVE_BYTES, phones >>> 0, true);
  return b;
}

/**
 * TICK: [tag u8][tick u32][hubTime f64][nMoves u16][nGone u16][nTaps u16]
 *       then nMoves × [id u32][x u16][y u16], nGone × [id u32], nTaps × [id u32][x u16][y u16][t0 f64].
 * Counts above MAX_TICK_ENTRIES throw: the caller splits work across ticks.
 */
export function encodeTick(
  tick: number,
  hubTime: number,
  moves: readonly TickMove[],
  gone: readonly number[],
  taps: readonly TickTap[],
): Uint8Array {
  if (
    moves.length > MAX_TICK_ENTRIES ||
    gone.length > MAX_TICK_ENTRIES ||
    taps.length > MAX_TICK_ENTRIES
  ) {
    throw new RangeError('encodeTick: more than 65535 entries of one kind');
  }
  const size =
    TICK_HEADER_BYTES +
    moves.length * TICK_MOVE_BYTES +
    gone.length * TICK_GONE_BYTES +
    taps.length * TICK_TAP_BYTES;
  const b = new Uint8Array(size);
  const v = view(b);
  v.setUint8(0, BinTag.TICK);
  v.setUint32(1, tick >>> 0, true);
  v.setFloat64(5, hubTime, true);
  v.setUint16(13, moves.length, true);
  v.setUint16(15, gone.length, true);
  v.setUint16(17, taps.length, true);
  let o = TICK_HEADER_BYTES;
  for (const m of moves) {
    v.setUint32(o, m.id, true);
    v.setUint16(o + 4, m.qx, true);
    v.setUint16(o + 6, m.qy, true);
    o += TICK_MOVE_BYTES;
  }
  for (const id of gone) {
    v.setUint32(o, id, true);
    o += TICK_GONE_BYTES;
  }
  for (const t of taps) {
    v.setUint32(o, t.id, true);
    v.setUint16(o + 4, t.qx, true);
    v.setUint16(o + 6, t.qy, true);
    v.setFloat64(o + 8, t.t0, true);
    o += TICK_TAP_BYTES;
  }
  return b;
}

/** Decodes any hub → client binary frame; null when malformed. */
export function decodeHubFrame(b: Uint8Array): PongMsg | AckMsg | TickMsg | null {
  if (b.byteLength < 1) return null;
  const v = view(b);
  switch (v.getUint8(0)) {
    case BinTag.PONG:
      if (b.byteLength !== PONG_BYTES) return null;
      return {
        tag: BinTag.PONG,
        t0: v.getFloat64(1, true),
        t1: v.getFloat64(9, true),
        t2: v.getFloat64(17, true),
      };
    case BinTag.ACK:
      if (b.byteLength !== ACK_BYTES) return null;
      return {
        tag: BinTag.ACK,
        seq: v.getUint16(1, true),
        x: dequantize(v.getUint16(3, true)),
        y: dequantize(v.getUint16(5, true)),
        phones: v.getUint32(7, true),
      };
    case BinTag.TICK:
      return decodeTick(b, v);
    default:
      return null;
  }
}

function decodeTick(b: Uint8Array, v: DataView): TickMsg | null {
  if (b.byteLength < TICK_HEADER_BYTES) return null;
  const nMoves = v.getUint16(13, true);
  const nGone = v.getUint16(15, true);
  const nTaps = v.getUint16(17, true);
  const expected =
    TICK_HEADER_BYTES + nMoves * TICK_MOVE_BYTES + nGone * TICK_GONE_BYTES + nTaps * TICK_TAP_BYTES;
  if (b.byteLength !== expected) return null;
  const moves: TickMove[] = new Array(nMoves);
  const gone: number[] = new Array(nGone);
  const taps: TickTap[] = new Array(nTaps);
  let o = TICK_HEADER_BYTES;
  for (let i = 0; i < nMoves; i++, o += TICK_MOVE_BYTES) {
    moves[i] = {
      id: v.getUint32(o, true),
      qx: v.getUint16(o + 4, true),
      qy: v.getUint16(o + 6, true),
    };
  }
  for (let i = 0; i < nGone; i++, o += TICK_GONE_BYTES) gone[i] = v.getUint32(o, true);
  for (let i = 0; i < nTaps; i++, o += TICK_TAP_BYTES) {
    taps[i] = {
      id: v.getUint32(o, true),
      qx: v.getUint16(o + 4, true),
      qy: v.getUint16(o + 6, true),
      t0: v.getFloat64(o + 8, true),
    };
  }
  return {
    tag: BinTag.TICK,
    tick: v.getUint32(1, true),
    hubTime: v.getFloat64(5, true),
    moves,
    gone,
    taps,
  };
}
