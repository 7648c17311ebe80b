/**
 * The one client frame that arrives tens of thousands of times a second, decoded without
 * allocating: MOVE = [tag u8][seq u16][x u16][y u16], little-endian (shared/protocol/binary.ts).
 * Anything else falls through to decodeClientFrame.
 */
import { BinTag, MOVE_BYTES, dequantize } from '../../shared/protocol/binary';

export interface MoveFields {
  seq: number;
  x: number;
  y: number;
}

/** True (and `out` filled) when `b` is a well-formed MOVE; false leaves `out` untouched. */
export function readMove(b: Uint8Array, out: MoveFields): boolean {
  if (b.length !== MOVE_BYTES || b[0] !== BinTag.MOVE) return false;
  out.seq = b[1]! | (b[2]! << 8);
  out.x = dequantize(b[3]! | (b[4]! << 8));
  out.y = dequantize(b[5]! | (b[6]! << 8));
  return true;
}
