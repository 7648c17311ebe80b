/**
 * The snapshot a joining screen gets, and why it stays small whatever the crowd did. Every part
 * is capped: phones by maxPhones plus maxDozing (admission), names by NAME_MAX_JSON_BYTES
 * (flags.ts), ripples by MAX_LIVE_RIPPLES (shared/scene/ripple-cap.ts). Positions are rounded to
 * 5 decimals, which loses nothing: the wire's step is 1/65535, so quantize() gives the same u16.
 */
import type { PhoneInfo, RippleInfo, SnapshotMsg } from '../../shared/protocol/hub-messages';
import { MAX_LIVE_RIPPLES } from '../../shared/scene/ripple-cap';
import { NAME_MAX_JSON_BYTES } from './flags';
import type { Phone } from './phones';

/** The bound docs/protocol.md promises for the default limits (2000 phones, 100 dozing). */
export const SNAPSHOT_MAX_BYTES = 256 * 1024;

/**
 * Most bytes one phone takes in the snapshot: `{"id":4294967294,"flag":"gb","name":"…",
 * "x":0.12345,"y":0.12345,"dozing":false},`.
 */
export const SNAPSHOT_PHONE_MAX_BYTES = 79 + NAME_MAX_JSON_BYTES;
/** Most bytes one ripple takes: `{"id":4294967295,"x":0.12345,"y":0.12345,"t0":…},`. */
export const SNAPSHOT_RIPPLE_MAX_BYTES = 80;

/** The worst case for `phones` listed: what the test and the docs check against the bound. */
export const snapshotWorstBytes = (phones: number): number =>
  200 + phones * SNAPSHOT_PHONE_MAX_BYTES + MAX_LIVE_RIPPLES * SNAPSHOT_RIPPLE_MAX_BYTES;

const round5 = (v: number): number => Math.round(v * 1e5) / 1e5;

export function buildSnapshot(
  phones: Iterable<Phone>,
  ripples: RippleInfo[],
  playoutDelayMs: number,
): SnapshotMsg {
  const list: PhoneInfo[] = [];
  for (const p of phones) {
    list.push({
      id: p.id,
      flag: p.flag,
      name: p.name,
      x: round5(p.x),
      y: round5(p.y),
      dozing: p.dozing,
    });
  }
  return {
    type: 'snapshot',
    phones: list,
    ripples: ripples.map((r) => ({ ...r, x: round5(r.x), y: round5(r.y) })),
    playoutDelayMs,
  };
}
