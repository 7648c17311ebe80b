/**
 * The shape of a ripple ring at a point, shared by the backdrop shader (per pixel, in GLSL) and
 * the flags (per flag, on the CPU), so a flag rides exactly the ring the background draws.
 * Distances are world units (wall heights); keep in step with RIPPLE_GLSL below.
 */

/** A ripple ready to draw: world centre, ring radius, amplitude (both from evaluate.ts). */
export interface WorldRipple {
  x: number;
  y: number;
  radius: number;
  amplitude: number;
}

/** Ring width grows as it spreads. */
export const ringWidth = (radius: number): number => 0.02 + 0.05 * radius;

/**
 * At distance `dist` from a ripple's centre: `env` is the ring's envelope (1 on the ring, → 0 away
 * from it) and `wave` the signed crest pattern inside it, both scaled by amplitude.
 */
export function ringAt(dist: number, r: WorldRipple): { env: number; wave: number } {
  const w = ringWidth(r.radius);
  const x = dist - r.radius;
  if (Math.abs(x) > 4 * w || r.amplitude === 0) return { env: 0, wave: 0 };
  const env = Math.exp(-(x * x) / (w * w));
  return { env: env * r.amplitude, wave: Math.sin((6 * x) / w) * env * r.amplitude };
}

/** GLSL twin of ringWidth/ringAt (without the amplitude), for the backdrop. */
export const RIPPLE_GLSL = /* glsl */ `
float ringWidth(float radius) { return 0.02 + 0.05 * radius; }
vec2 ringAt(float dist, float radius) {
  float w = ringWidth(radius);
  float x = dist - radius;
  float env = exp(-(x * x) / (w * w));
  return vec2(env, sin(6.0 * x / w) * env);
}
`;
