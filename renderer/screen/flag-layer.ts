/**
 * All flags in ONE instanced draw: a shared subdivided geometry (pole, shadow, cloth) and
 * per-instance attributes (position and scale, atlas tile, dozing and phase seed). Capacity grows
 * by doubling; per frame only the arrays are rewritten, nothing is allocated.
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
import type { FlagAtlas } from './flag-atlas';
import { FLAG_FRAGMENT, FLAG_VERTEX } from './flag-shaders';
import { ringAt, type WorldRipple } from './ripple-field';
import type { WallFrame } from './wall-frame';

const SEG_U = 16;
/** The cloth's displacement depends on u only, so one row of quads along v is exact. */
const SEG_V = 1;

export class FlagLayer {
  readonly mesh: Mesh<InstancedBufferGeometry, ShaderMaterial>;
  private capacity = 0;
  private offsets!: InstancedBufferAttribute;
  private tiles!: InstancedBufferAttribute;
  private meta!: InstancedBufferAttribute;
  private bump!: InstancedBufferAttribute;

  constructor(private readonly atlas: FlagAtlas) {
    const geometry = new InstancedBufferGeometry();
    const { positions, indices } = flagGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    geometry.setIndex(new BufferAttribute(indices, 1));
    const material = new ShaderMaterial({
      vertexShader: FLAG_VERTEX,
      fragmentShader: FLAG_FRAGMENT,
      uniforms: {
        uPhase: { value: 0 },
        uWidth: { value: 0.08 },
        uAtlas: { value: atlas.texture },
      },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    });
    this.mesh = new Mesh(geometry, material);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 1;
    this.grow(256);
  }

  /**
   * Writes this frame's flags. `phase` is wavePhase(t) in [0, 1), computed in float64. Flags ride
   * the ripples: a passing ring lifts and lights them (the same ring the backdrop draws).
   */
  update(
    cursors: readonly CursorView[],
    frame: WallFrame,
    flagSize: number,
    phase: number,
    ripples: readonly WorldRipple[] = [],
  ): void {
    if (cursors.length > this.capacity) this.grow(cursors.length);
    const off = this.offsets.array as Float32Array;
    const tile = this.tiles.array as Float32Array;
    const meta = this.meta.array as Float32Array;
    const bump = this.bump.array as Float32Array;
    for (let i = 0; i < cursors.length; i++) {
      const c = cursors[i]!;
      const wx = c.x * frame.aspect; // wallToWorld, inlined: no allocation per flag
      const wy = 1 - c.y;
      off[i * 3] = wx;
      off[i * 3 + 1] = wy;
      off[i * 3 + 2] = 1;
      const r = this.atlas.tile(c.flag);
      tile[i * 4] = r.u;
      tile[i * 4 + 1] = r.v;
      tile[i * 4 + 2] = r.du;
      tile[i * 4 + 3] = r.dv;
      meta[i * 2] = c.dozing ? 1 : 0;
      meta[i * 2 + 1] = seedFor(c.id);
      let lift = 0;
      let glow = 0;
      for (const r of ripples) {
        const ring = ringAt(Math.hypot(wx - r.x, wy - r.y), r);
        lift += ring.wave;
        glow += ring.env;
      }
      bump[i * 2] = lift * flagSize * 0.25;
      bump[i * 2 + 1] = Math.min(1.5, glow);
    }
    this.bump.needsUpdate = true;
    this.offsets.needsUpdate = true;
    this.tiles.needsUpdate = true;
    this.meta.needsUpdate = true;
    const g = this.mesh.geometry;
    g.instanceCount = cursors.length;
    this.mesh.visible = cursors.length > 0;
    const u = this.mesh.material.uniforms;
    u.uPhase!.value = phase;
    u.uWidth!.value = flagSize;
  }

  private grow(needed: number): void {
    let cap = Math.max(this.capacity, 256);
    while (cap < needed) cap *= 2;
    if (cap === this.capacity) return;
    this.capacity = cap;
    const g = this.mesh.geometry;
    this.offsets = dynamic(new InstancedBufferAttribute(new Float32Array(cap * 3), 3));
    this.tiles = dynamic(new InstancedBufferAttribute(new Float32Array(cap * 4), 4));
    this.meta = dynamic(new InstancedBufferAttribute(new Float32Array(cap * 2), 2));
    this.bump = dynamic(new InstancedBufferAttribute(new Float32Array(cap * 2), 2));
    g.setAttribute('iOffset', this.offsets);
    g.setAttribute('iTile', this.tiles);
    g.setAttribute('iMeta', this.meta);
    g.setAttribute('iBump', this.bump);
  }
}

/** A stable per-flag phase offset so a crowd does not wave in lockstep (golden-ratio spread). */
export const seedFor = (id: number): number => (id * 0.6180339887) % 1;

function dynamic(attr: InstancedBufferAttribute): InstancedBufferAttribute {
  attr.setUsage(DynamicDrawUsage);
  return attr;
}

/** Shadow quad (part 2), pole quad (part 1), then the cloth grid (part 0), in drawing order. */
function flagGeometry(): { positions: Float32Array; indices: Uint16Array } {
  const pos: number[] = [];
  const idx: number[] = [];
  const quad = (part: number): void => {
    const b = pos.length / 3;
    pos.push(0, 0, part, 1, 0, part, 0, 1, part, 1, 1, part);
    idx.push(b, b + 1, b + 2, b + 2, b + 1, b + 3);
  };
  quad(2);
  quad(1);
  const base = pos.length / 3;
  for (let j = 0; j <= SEG_V; j++)
    for (let i = 0; i <= SEG_U; i++) pos.push(i / SEG_U, j / SEG_V, 0);
  const row = SEG_U + 1;
  for (let j = 0; j < SEG_V; j++)
    for (let i = 0; i < SEG_U; i++) {
      const a = base + j * row + i;
      idx.push(a, a + 1, a + row, a + row, a + 1, a + row + 1);
    }
  return { positions: new Float32Array(pos), indices: new Uint16Array(idx) };
}
