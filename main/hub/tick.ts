/**
 * The hot path from phones to screens, kept apart from hub.ts so it can stay lean:
 * phones mark themselves dirty once per tick (latest position wins), taps queue in order and are
 * never dropped, and each tick encodes ONE binary TICK frame straight from the phone records —
 * no intermediate objects, no JSON — whose bytes are then sent unchanged to every screen.
 * Layout: encodeTick in shared/protocol/binary.ts (test/unit/hub/tick.test.ts keeps them in step).
 */
import {
  BinTag,
  MAX_TICK_ENTRIES,
  TICK_GONE_BYTES,
  TICK_HEADER_BYTES,
  TICK_MOVE_BYTES,
  TICK_TAP_BYTES,
  quantize,
  type TickTap,
} from '../../shared/protocol/binary';
import type { Phone } from './phones';

/** A phone as the fan-out needs it: position plus the once-per-tick dirty flag. */
export type DirtyPhone = Pick<Phone, 'id' | 'x' | 'y' | 'moved'>;

export class TickFanout<P extends DirtyPhone = Phone> {
  /** Phones moved since their last tick, each at most once (guarded by `phone.moved`). */
  private readonly dirty: P[] = [];
  /** Reused every tick (emptied after encoding), so the steady state allocates no arrays. */
  private readonly scratch: P[] = [];
  private readonly taps: TickTap[] = [];
  private readonly gone: number[] = [];
  private tickCount = 0;

  /**
   * @param isCurrent false for a phone removed since it was marked, so a stale record is skipped.
   */
  constructor(private readonly isCurrent: (phone: P) => boolean) {}

  /** Records a phone's new position; only the latest one per tick goes out. */
  moved(phone: P): void {
    if (phone.moved) return;
    phone.moved = true;
    this.dirty.push(phone);
  }

  tap(tap: TickTap): void {
    this.taps.push(tap);
  }

  left(id: number): void {
    this.gone.push(id);
  }

  /** Entries waiting for the next frame (moves, taps, gone) — bounded by phones and the rate limit. */
  get pending(): { moves: number; taps: number; gone: number } {
    return { moves: this.dirty.length, taps: this.taps.length, gone: this.gone.length };
  }

  /**
   * Encodes the next TICK frame. At most MAX_TICK_ENTRIES of each kind go in one frame; the rest
   * stay queued, in order, for the next tick (so taps are never dropped, only delayed).
   */
  frame(hubTime: number): Uint8Array {
    const moves = this.takeMoves();
    const nGone = Math.min(this.gone.length, MAX_TICK_ENTRIES);
    const nTaps = Math.min(this.taps.length, MAX_TICK_ENTRIES);
    const b = allocTick(moves.length, nGone, nTaps);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    writeHeader(v, this.tickCount++, hubTime, moves.length, nGone, nTaps);
    let o = TICK_HEADER_BYTES;
    for (const p of moves) o = writeMove(v, o, p.id, p.x, p.y);
    moves.length = 0;
    for (let i = 0; i < nGone; i++, o += TICK_GONE_BYTES) v.setUint32(o, this.gone[i]!, true);
    for (let i = 0; i < nTaps; i++) o = writeTap(v, o, this.taps[i]!);
    this.gone.splice(0, nGone);
    this.taps.splice(0, nTaps);
    return b;
  }

  /**
   * A catch-up frame for a screen that skipped ticks: every phone's position now plus the taps it
   * has not seen, so its picture converges without replaying what it missed.
   */
  catchUp(hubTime: number, phones: Iterable<P>, taps: readonly TickTap[]): Uint8Array {
    const all: P[] = [];
    for (const p of phones) all.push(p);
    const nMoves = Math.min(all.length, MAX_TICK_ENTRIES);
    const nTaps = Math.min(taps.length, MAX_TICK_ENTRIES);
    const b = allocTick(nMoves, 0, nTaps);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    writeHeader(v, (this.tickCount - 1) >>> 0, hubTime, nMoves, 0, nTaps);
    let o = TICK_HEADER_BYTES;
    for (let i = 0; i < nMoves; i++) o = writeMove(v, o, all[i]!.id, all[i]!.x, all[i]!.y);
    for (let i = taps.length - nTaps; i < taps.length; i++) o = writeTap(v, o, taps[i]!);
    return b;
  }

  /** Up to MAX_TICK_ENTRIES current, dirty phones; clears their flag. Leftovers stay dirty. */
  private takeMoves(): P[] {
    const out = this.scratch;
    const dirty = this.dirty;
    let i = 0;
    for (; i < dirty.length && out.length < MAX_TICK_ENTRIES; i++) {
      const p = dirty[i]!;
      p.moved = false;
      if (this.isCurrent(p)) out.push(p);
    }
    if (i === dirty.length) dirty.length = 0;
    else dirty.splice(0, i);
    return out;
  }
}

function allocTick(nMoves: number, nGone: number, nTaps: number): Uint8Array {
  // A fresh buffer per frame: ws may still hold the previous one in a slow socket's queue.
  return new Uint8Array(
    TICK_HEADER_BYTES + nMoves * TICK_MOVE_BYTES + nGone * TICK_GONE_BYTES + nTaps * TICK_TAP_BYTES,
  );
}

function writeHeader(
  v: DataView,
  tick: number,
  hubTime: number,
  nMoves: number,
  nGone: number,
  nTaps: number,
): void {
  v.setUint8(0, BinTag.TICK);
  v.setUint32(1, tick >>> 0, true);
  v.setFloat64(5, hubTime, true);
  v.setUint16(13, nMoves, true);
  v.setUint16(15, nGone, true);
  v.setUint16(17, nTaps, true);
}

function writeMove(v: DataView, o: number, id: number, x: number, y: number): number {
  v.setUint32(o, id, true);
  v.setUint16(o + 4, quantize(x), true);
  v.setUint16(o + 6, quantize(y), true);
  return o + TICK_MOVE_BYTES;
}

function writeTap(v: DataView, o: number, t: TickTap): number {
  v.setUint32(o, t.id, true);
  v.setUint16(o + 4, t.qx, true);
  v.setUint16(o + 6, t.qy, true);
  v.setFloat64(o + 8, t.t0, true);
  return o + TICK_TAP_BYTES;
}
