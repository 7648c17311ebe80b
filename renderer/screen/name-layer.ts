/**
 * Names under the flags, in ONE instanced draw of text quads over the flags. Each frame the
 * placement rule (name-placement.ts) picks which names to draw; each picked name is a quad at
 * its flag's position this frame (the same interpolated cursor the flag layer draws, so it
 * follows the flag exactly), textured from the name atlas. Per frame: the placement pass and
 * rewriting at most MAX_LABELS instances; nothing allocated but the atlas's rare new tiles.
 */
import {
  BufferAttribute,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Mesh,
  ShaderMaterial,
} from 'three';
import type { CursorView } from '../../shared/scene/store';
import { ringAt, type WorldRipple } from './ripple-field';
import { NameAtlas } from './name-atlas';
import { LABEL, MAX_LABELS, NamePlacement } from './name-placement';
import type { WallFrame } from './wall-frame';

const NAME_VERTEX = /* glsl */ `
attribute vec4 iRect;   // world centre x, y, width, height
attribute vec4 iTile;   // atlas u0, v0, du, dv
attribute float iAlpha; // dozing phones' names fade like their flags
varying vec2 vUv;
varying float vAlpha;
void main() {
  vUv = iTile.xy + position.xy * iTile.zw;
  vAlpha = iAlpha;
  vec2 p = iRect.xy + (position.xy - 0.5) * iRect.zw;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 0.0, 1.0);
}
`;

const NAME_FRAGMENT = /* glsl */ `
uniform sampler2D uAtlas;
varying vec2 vUv;
varying float vAlpha;
void main() {
  vec4 c = texture2D(uAtlas, vUv);
  if (c.a < 0.02) discard;
  gl_FragColor = vec4(c.rgb, c.a * vAlpha);
}
`;

/** A name drawn last frame (wall fractions of its flag), for the debug hook. */
export interface DrawnName {
  id: number;
  name: string;
  x: number;
  y: number;
}

export class NameLayer {
  readonly mesh: Mesh<InstancedBufferGeometry, ShaderMaterial>;
  readonly atlas = new NameAtlas();
  private readonly placement = new NamePlacement();
  private readonly rects: InstancedBufferAttribute;
  private readonly tiles: InstancedBufferAttribute;
  private readonly alphas: InstancedBufferAttribute;
  /** The last frame's cursors and which of them carry a drawn name (for `drawn`). */
  private lastCursors: readonly CursorView[] = [];
  private readonly drawnIdx = new Int32Array(MAX_LABELS);
  private drawnCount = 0;

  constructor() {
    const geometry = new InstancedBufferGeometry();
    geometry.setAttribute(
      'position',
      new BufferAttribute(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0]), 3),
    );
    geometry.setIndex(new BufferAttribute(new Uint16Array([0, 1, 2, 2, 1, 3]), 1));
    this.rects = dynamic(new InstancedBufferAttribute(new Float32Array(MAX_LABELS * 4), 4));
    this.tiles = dynamic(new InstancedBufferAttribute(new Float32Array(MAX_LABELS * 4), 4));
    this.alphas = dynamic(new InstancedBufferAttribute(new Float32Array(MAX_LABELS), 1));
    geometry.setAttribute('iRect', this.rects);
    geometry.setAttribute('iTile', this.tiles);
    geometry.setAttribute('iAlpha', this.alphas);
    const material = new ShaderMaterial({
      vertexShader: NAME_VERTEX,
      fragmentShader: NAME_FRAGMENT,
      uniforms: { uAtlas: { value: this.atlas.texture } },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    });
    this.mesh = new Mesh(geometry, material);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 2;
  }

  /** `ripples` lift a label with its flag (the flag layer's lift, same ring). */
  update(
    cursors: readonly CursorView[],
    frame: WallFrame,
    flagSize: number,
    ripples: readonly WorldRipple[] = [],
  ): void {
    const count = this.placement.place(cursors, flagSize, frame);
    const rect = this.rects.array as Float32Array;
    const tile = this.tiles.array as Float32Array;
    const alpha = this.alphas.array as Float32Array;
    const h = LABEL.height * flagSize;
    this.atlas.beginFrame();
    let n = 0;
    for (let k = 0; k < count; k++) {
      const i = this.placement.chosen[k]!;
      const c = cursors[i]!;
      const t = this.atlas.tile(c.name);
      if (!t) continue; // its tile is drawn next frame
      const wx = c.x * frame.aspect;
      const wy = 1 - c.y;
      let lift = 0;
      for (const r of ripples) lift += ringAt(Math.hypot(wx - r.x, wy - r.y), r).wave;
      rect[n * 4] = wx;
      rect[n * 4 + 1] = wy - LABEL.below * flagSize + lift * flagSize * 0.25;
      rect[n * 4 + 2] = t.widthFrac * LABEL.width * flagSize;
      rect[n * 4 + 3] = h;
      tile[n * 4] = t.u;
      tile[n * 4 + 1] = t.v;
      tile[n * 4 + 2] = t.du;
      tile[n * 4 + 3] = t.dv;
      alpha[n] = c.dozing ? 0.45 : 1;
      this.drawnIdx[n] = i;
      n++;
    }
    this.atlas.endFrame();
    this.lastCursors = cursors;
    this.drawnCount = n;
    this.rects.needsUpdate = true;
    this.tiles.needsUpdate = true;
    this.alphas.needsUpdate = true;
    this.mesh.geometry.instanceCount = n;
    this.mesh.visible = n > 0;
  }

  /** The names drawn last frame (built on request: the frame loop allocates nothing for it). */
  get drawn(): DrawnName[] {
    const out: DrawnName[] = [];
    for (let k = 0; k < this.drawnCount; k++) {
      const c = this.lastCursors[this.drawnIdx[k]!]!;
      out.push({ id: c.id, name: c.name, x: c.x, y: c.y });
    }
    return out;
  }
}

function dynamic(attr: InstancedBufferAttribute): InstancedBufferAttribute {
  attr.setUsage(DynamicDrawUsage);
  return attr;
}
