/**
 * The three.js side of a screen: one canvas filling the window, an orthographic camera framing
 * this screen's slice of the wall, the backdrop and the flag layer. `draw(view, settings)` is a
 * pure function of the scene view and hub time, so two screens at the same t draw the same wall.
 */
import { OrthographicCamera, Scene, WebGLRenderer } from 'three';
import type { Slice } from '../../shared/geometry/slice';
import { backgroundPhase, wavePhase } from '../../shared/scene/evaluate';
import type { Settings } from '../../shared/scene/settings';
import type { SceneView } from '../../shared/scene/store';
import { BackdropLayer, worldRipples } from './backdrop-layer';
import { FlagAtlas } from './flag-atlas';
import { FlagLayer } from './flag-layer';
import { NameLayer } from './name-layer';
import { PixelReader, type PixelBox } from './pixel-reader';
import { frameForSlice, wallToViewport, type WallFrame } from './wall-frame';

export class WallRenderer {
  readonly atlas = new FlagAtlas();
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(0, 1, 1, 0, -1, 1);
  private readonly backdrop = new BackdropLayer();
  private readonly flags: FlagLayer;
  /** Names under the flags (drawn over them). */
  readonly names = new NameLayer();
  private readonly pixels = new PixelReader();
  private frame: WallFrame;
  private width = 1;
  private height = 1;
  /** Main-thread ms per draw (layer updates + draw calls), smoothed; GPU time not included. */
  drawMs = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    public slice: Slice,
  ) {
    this.renderer = new WebGLRenderer({
      canvas,
      antialias: true,
      powerPreference: 'high-performance',
    });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.flags = new FlagLayer(this.atlas);
    this.scene.add(this.backdrop.mesh, this.flags.mesh, this.names.mesh);
    this.frame = frameForSlice(slice, 1, 1);
    this.resize();
    window.addEventListener('resize', () => this.resize());
    // After a GPU reset three.js rebuilds its state; the atlas canvas must be uploaded again.
    canvas.addEventListener('webglcontextrestored', () => {
      this.atlas.texture.needsUpdate = true;
      this.names.atlas.texture.needsUpdate = true;
    });
  }

  draw(view: SceneView, settings: Settings): void {
    const started = performance.now();
    const t = view.t;
    // Phases are reduced to [0, 1) here in float64; the GPU never sees epoch milliseconds.
    const ripples = worldRipples(this.frame, view.ripples, settings);
    this.backdrop.update(this.frame, backgroundPhase(t), ripples);
    this.flags.update(view.cursors, this.frame, settings.flagSize, wavePhase(t, settings), ripples);
    this.names.update(view.cursors, this.frame, settings.flagSize, ripples);
    this.renderer.render(this.scene, this.camera);
    this.pixels.flush(this.renderer.getContext(), this.renderer.getPixelRatio());
    this.drawMs += (performance.now() - started - this.drawMs) * 0.1;
  }

  /** The operator moved this screen on the wall: frame the new slice from the next frame on. */
  setSlice(slice: Slice): void {
    this.slice = slice;
    this.resize();
  }

  /** Pixels around a wall point from the next drawn frame (test support). */
  readPixels(wallX: number, wallY: number, half: number): Promise<PixelBox | null> {
    const [x, y] = wallToViewport(this.slice, this.width, this.height, wallX, wallY);
    if (x < 0 || y < 0 || x > this.width || y > this.height) return Promise.resolve(null);
    return this.pixels.request(x, y, half);
  }

  private resize(): void {
    this.width = window.innerWidth;
    this.height = window.innerHeight;
    this.renderer.setSize(this.width, this.height, false);
    this.frame = frameForSlice(this.slice, this.width, this.height);
    const c = this.camera;
    c.left = this.frame.left;
    c.right = this.frame.right;
    c.top = this.frame.top;
    c.bottom = this.frame.bottom;
    c.updateProjectionMatrix();
  }
}
