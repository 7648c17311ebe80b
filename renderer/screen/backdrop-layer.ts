/**
 * The wall's background: a calm gradient with slow glows that drift with backgroundPhase(t), a
 * faint dot grid, and the ripples, which both light a ring and displace what is under it (the
 * dots visibly bend as a ring passes). Everything is computed in world units of the whole wall,
 * so a ring that leaves one screen continues on its neighbour.
 */
import { Mesh, PlaneGeometry, ShaderMaterial, Vector4 } from 'three';
import type { RippleView } from '../../shared/scene/store';
import { rippleAmplitude, rippleRadius } from '../../shared/scene/evaluate';
import type { Settings } from '../../shared/scene/settings';
import { RIPPLE_GLSL, type WorldRipple } from './ripple-field';
import { wallToWorld, type WallFrame } from './wall-frame';

/** Ripples drawn at once; with more alive, the youngest win. */
export const MAX_RIPPLES = 32;

const VERTEX = /* glsl */ `
varying vec2 vWorld;
void main() {
  vec4 world = modelMatrix * vec4(position, 1.0);
  vWorld = world.xy;
  gl_Position = projectionMatrix * viewMatrix * world;
}
`;

const FRAGMENT = /* glsl */ `
#define MAX_RIPPLES ${MAX_RIPPLES}
uniform float uPhase;
uniform float uAspect;
uniform vec4 uRipples[MAX_RIPPLES]; // world x, world y, radius, amplitude
uniform int uRippleCount;
varying vec2 vWorld;
const float TAU = 6.28318530718;
${RIPPLE_GLSL}
void main() {
  vec2 p = vWorld;
  vec2 disp = vec2(0.0);
  float glow = 0.0;
  for (int i = 0; i < MAX_RIPPLES; i++) {
    if (i >= uRippleCount) break;
    vec4 r = uRipples[i];
    vec2 d = p - r.xy;
    float dist = length(d) + 1e-5;
    vec2 ring = ringAt(dist, r.z);
    disp += (d / dist) * ring.y * r.w * 0.012;
    glow += ring.x * r.w * smoothstep(0.0, 0.03, r.z);
  }
  vec2 q = p + disp;
  float a = TAU * uPhase;
  vec2 c1 = vec2(uAspect * (0.28 + 0.10 * cos(a)), 0.62 + 0.10 * sin(a));
  vec2 c2 = vec2(uAspect * (0.74 + 0.08 * cos(2.0 * a + 2.0)), 0.32 + 0.10 * sin(a + 1.0));
  float b1 = exp(-dot(q - c1, q - c1) / 0.20);
  float b2 = exp(-dot(q - c2, q - c2) / 0.16);
  vec3 col = mix(vec3(0.020, 0.035, 0.085), vec3(0.045, 0.085, 0.170), q.y);
  col += vec3(0.16, 0.07, 0.30) * b1 + vec3(0.00, 0.17, 0.22) * b2;
  vec2 g = fract(q / 0.05) - 0.5;
  float dotMask = 1.0 - smoothstep(0.07, 0.12, length(g));
  col += vec3(0.07, 0.10, 0.17) * dotMask;
  col *= 1.0 + 18.0 * (disp.x + disp.y);
  col += vec3(0.30, 0.62, 1.00) * 0.45 * glow;
  gl_FragColor = vec4(col, 1.0);
}
`;

export class BackdropLayer {
  readonly mesh: Mesh<PlaneGeometry, ShaderMaterial>;
  private readonly ripples: Vector4[];

  constructor() {
    this.ripples = Array.from({ length: MAX_RIPPLES }, () => new Vector4());
    const material = new ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: {
        uPhase: { value: 0 },
        uAspect: { value: 1 },
        uRipples: { value: this.ripples },
        uRippleCount: { value: 0 },
      },
      depthTest: false,
      depthWrite: false,
    });
    this.mesh = new Mesh(new PlaneGeometry(1, 1), material);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 0;
  }

  /** `ripples`: this frame's ripples in world units, youngest last (see worldRipples). */
  update(frame: WallFrame, phase: number, ripples: readonly WorldRipple[]): void {
    // Cover exactly what the camera sees.
    this.mesh.scale.set(frame.right - frame.left, frame.top - frame.bottom, 1);
    this.mesh.position.set((frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2, 0);
    const n = Math.min(ripples.length, MAX_RIPPLES);
    const first = ripples.length - n; // keep the youngest
    for (let i = 0; i < n; i++) {
      const r = ripples[first + i]!;
      this.ripples[i]!.set(r.x, r.y, r.radius, r.amplitude);
    }
    const u = this.mesh.material.uniforms;
    u.uPhase!.value = phase;
    u.uAspect!.value = frame.aspect;
    u.uRippleCount!.value = n;
  }
}

/** This frame's ripples in world units, oldest first, as both layers draw them. */
export function worldRipples(
  frame: WallFrame,
  ripples: readonly RippleView[],
  settings: Pick<Settings, 'rippleSpeed' | 'rippleStrength'>,
): WorldRipple[] {
  const out: WorldRipple[] = [];
  for (const r of ripples) {
    const amplitude = rippleAmplitude(r.age, settings);
    if (amplitude <= 0) continue;
    const [x, y] = wallToWorld(frame, r.x, r.y);
    out.push({ x, y, radius: rippleRadius(r.age, settings), amplitude });
  }
  return out.length > MAX_RIPPLES ? out.slice(out.length - MAX_RIPPLES) : out;
}
