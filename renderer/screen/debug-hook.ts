/**
 * `window.flagwall`: what the screen drew last frame, for tests and for poking at a live wall
 * from the devtools console. Getters derive from the last frame's view, so the hot loop allocates
 * nothing for it.
 */
import type { Slice } from '../../shared/geometry/slice';
import { rippleRadius } from '../../shared/scene/evaluate';
import type { Settings } from '../../shared/scene/settings';
import type { SceneView } from '../../shared/scene/store';
import type { ClockStats } from '../common/hub-clock';
import type { ConnectionState } from '../common/connection';
import type { PixelBox } from './pixel-reader';

export interface FlagwallDebug {
  /** Scene hub time of the last drawn frame, ms. */
  readonly t: number;
  /**
   * When the last frame read the clock for `t`: performance.timeOrigin + performance.now(), the
   * page's own clock, which the test-only skew parameters do not touch.
   */
  readonly frameAt: number;
  readonly frames: number;
  readonly state: ConnectionState;
  readonly cursors: {
    id: number;
    x: number;
    y: number;
    flag: string;
    name: string;
    dozing: boolean;
  }[];
  /** radius in wall heights. */
  readonly ripples: { id: number; x: number; y: number; age: number; radius: number }[];
  readonly slice: Slice;
  readonly playoutDelayMs: number;
  readonly fps: number;
  /** Main-thread ms per WallRenderer.draw (layer updates + draw calls, smoothed); no GPU time. */
  readonly drawMs: number;
  readonly clock: ClockStats;
  /** Flags whose art is in the atlas. */
  readonly flagsReady: string[];
  /** RGBA box of ±half CSS px around a wall point, read from the next drawn frame (null: off-screen). */
  readPixels(wallX: number, wallY: number, half: number): Promise<PixelBox | null>;
}

export interface DebugSource {
  view(): SceneView;
  frames(): number;
  frameAt(): number;
  state(): ConnectionState;
  slice: Slice;
  settings(): Settings;
  playoutDelayMs(): number;
  fps(): number;
  drawMs(): number;
  clock(): ClockStats;
  flagsReady(): string[];
  readPixels(wallX: number, wallY: number, half: number): Promise<PixelBox | null>;
}

export function installDebugHook(src: DebugSource): FlagwallDebug {
  const hook: FlagwallDebug = {
    get t() {
      return src.view().t;
    },
    get frameAt() {
      return src.frameAt();
    },
    get frames() {
      return src.frames();
    },
    get state() {
      return src.state();
    },
    get cursors() {
      return src
        .view()
        .cursors.map(({ id, x, y, flag, name, dozing }) => ({ id, x, y, flag, name, dozing }));
    },
    get ripples() {
      const s = src.settings();
      return src.view().ripples.map((r) => ({
        id: r.id,
        x: r.x,
        y: r.y,
        age: r.age,
        radius: rippleRadius(r.age, s),
      }));
    },
    get slice() {
      return src.slice;
    },
    get playoutDelayMs() {
      return src.playoutDelayMs();
    },
    get fps() {
      return src.fps();
    },
    get drawMs() {
      return src.drawMs();
    },
    get clock() {
      return src.clock();
    },
    get flagsReady() {
      return src.flagsReady();
    },
    readPixels: (x, y, half) => src.readPixels(x, y, half),
  };
  (window as unknown as { flagwall: FlagwallDebug }).flagwall = hook;
  return hook;
}
