/**
 * A client's copy of the wall: phones (with a short history of positions stamped in hub time) and
 * ripples. Fed by the hub's snapshot, roster and tick messages; queried with `view(t)` for what to
 * draw at hub time t. Used by the screen page and by the headless screen client.
 */
import { dequantize, type TickMsg } from '../protocol/binary';
import type { PhoneInfo, RippleInfo, RosterMsg, SnapshotMsg } from '../protocol/hub-messages';
import { RIPPLE_LIFE_MS } from './evaluate';
import { MAX_LIVE_RIPPLES } from './ripple-cap';
import { JOIN_POSITION } from '../geometry/slice';

/** Position samples kept per phone: enough to cover the largest playout delay at 60 Hz. */
const HISTORY = 64;
/** Past the newest data, keep moving along the last velocity this long, then hold. */
export const EXTRAPOLATE_MS = 100;

interface Sample {
  t: number;
  x: number;
  y: number;
}

interface Track {
  id: number;
  flag: string;
  name: string;
  dozing: boolean;
  samples: Sample[];
}

export interface CursorView {
  id: number;
  flag: string;
  name: string;
  dozing: boolean;
  x: number;
  y: number;
}

export interface RippleView {
  id: number;
  x: number;
  y: number;
  t0: number;
  /** Age at the queried time, ms. */
  age: number;
}

export interface SceneView {
  /** Hub time queried, ms. */
  t: number;
  cursors: CursorView[];
  ripples: RippleView[];
}

export class SceneStore {
  private readonly tracks = new Map<number, Track>();
  private ripples: RippleInfo[] = [];
  /** Hub time of the newest tick: every phone not in it was still at its last position then. */
  private lastTickTime = -Infinity;
  private nextRippleId = 1;
  playoutDelayMs = 0;

  get phoneCount(): number {
    return this.tracks.size;
  }

  applySnapshot(msg: SnapshotMsg, hubTime: number): void {
    this.tracks.clear();
    for (const p of msg.phones) this.tracks.set(p.id, toTrack(p, hubTime));
    this.ripples = msg.ripples.slice(-MAX_LIVE_RIPPLES);
    this.playoutDelayMs = msg.playoutDelayMs;
    this.lastTickTime = hubTime;
  }

  applyRoster(msg: RosterMsg): void {
    for (const p of msg.upsert) {
      const track = this.tracks.get(p.id);
      if (track) {
        track.flag = p.flag;
        track.name = p.name;
        track.dozing = p.dozing;
      } else {
        // New to this screen: it stands where the hub starts every phone until a TICK moves it.
        const at = Number.isFinite(this.lastTickTime) ? this.lastTickTime : 0;
        this.tracks.set(p.id, {
          ...p,
          samples: [{ t: at, x: JOIN_POSITION.x, y: JOIN_POSITION.y }],
        });
      }
    }
    for (const id of msg.remove) this.tracks.delete(id);
  }

  applyTick(tick: TickMsg): void {
    const t = tick.hubTime;
    for (const m of tick.moves) {
      const track = this.tracks.get(m.id);
      if (!track) continue; // roster always precedes; unknown ids are stale
      const samples = track.samples;
      const last = samples[samples.length - 1];
      // A phone that sat still since its last sample was there until just now: pin that, so
      // interpolation does not smear the jump over the whole idle period.
      if (last && last.t < this.lastTickTime)
        samples.push({ t: this.lastTickTime, x: last.x, y: last.y });
      samples.push({ t, x: dequantize(m.qx), y: dequantize(m.qy) });
      if (samples.length > HISTORY) samples.splice(0, samples.length - HISTORY);
    }
    for (const id of tick.gone) this.tracks.delete(id);
    for (const tap of tick.taps) {
      // The hub never has more alive; a screen never holds more either (ripple-cap.ts).
      if (this.ripples.length >= MAX_LIVE_RIPPLES)
        this.ripples = this.ripples.filter((rp) => t - rp.t0 < RIPPLE_LIFE_MS);
      if (this.ripples.length >= MAX_LIVE_RIPPLES) break;
      this.ripples.push({
        id: this.nextRippleId++,
        x: dequantize(tap.qx),
        y: dequantize(tap.qy),
        t0: tap.t0,
      });
    }
    if (t > this.lastTickTime) this.lastTickTime = t;
  }

  clearRipples(): void {
    this.ripples = [];
  }

  /** What to draw at hub time t: cursors at t − playout delay, ripples alive at t. */
  view(t: number): SceneView {
    const r = t - this.playoutDelayMs;
    const cursors: CursorView[] = [];
    for (const track of this.tracks.values()) {
      const pos = this.positionAt(track, r);
      if (!pos) continue;
      cursors.push({
        id: track.id,
        flag: track.flag,
        name: track.name,
        dozing: track.dozing,
        x: pos.x,
        y: pos.y,
      });
    }
    this.ripples = this.ripples.filter((rp) => t - rp.t0 < RIPPLE_LIFE_MS);
    const ripples = this.ripples
      .filter((rp) => t >= rp.t0)
      .map((rp) => ({ id: rp.id, x: rp.x, y: rp.y, t0: rp.t0, age: t - rp.t0 }));
    return { t, cursors, ripples };
  }

  private positionAt(track: Track, r: number): { x: number; y: number } | null {
    const s = track.samples;
    const n = s.length;
    if (n === 0) return null;
    const first = s[0]!;
    const last = s[n - 1]!;
    if (r <= first.t) return first;
    if (r >= last.t) {
      // Still as of the newest tick, or the newest data is late: extrapolate briefly, then hold.
      if (last.t < this.lastTickTime || n < 2) return last;
      const prev = s[n - 2]!;
      const dt = last.t - prev.t;
      if (dt <= 0) return last;
      const ahead = Math.min(r - last.t, EXTRAPOLATE_MS);
      return clampPoint(
        last.x + ((last.x - prev.x) * ahead) / dt,
        last.y + ((last.y - prev.y) * ahead) / dt,
      );
    }
    let hi = n - 1;
    while (hi > 0 && s[hi - 1]!.t > r) hi--;
    const a = s[hi - 1]!;
    const b = s[hi]!;
    const k = b.t === a.t ? 1 : (r - a.t) / (b.t - a.t);
    return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
  }
}

function toTrack(p: PhoneInfo, t: number): Track {
  return {
    id: p.id,
    flag: p.flag,
    name: p.name,
    dozing: p.dozing,
    samples: [{ t, x: p.x, y: p.y }],
  };
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
const clampPoint = (x: number, y: number): { x: number; y: number } => ({
  x: clamp01(x),
  y: clamp01(y),
});
