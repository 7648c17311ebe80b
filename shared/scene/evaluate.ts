/**
 * The scene as pure functions of shared hub time. Every screen evaluates these with the same t,
 * so they draw the same picture without any frame barrier (docs/architecture.md, "Clock").
 */
import type { Settings } from './settings';

/** How long a ripple lives, ms. */
export const RIPPLE_LIFE_MS = 4000;
/** Base flag waving frequency at waveSpeed 1, Hz. */
export const WAVE_HZ = 0.9;
/** Background drift frequency, Hz. */
export const BACKGROUND_HZ = 0.05;

/** Fractional part in [0, 1), computed in float64 so GPUs (float32) get a small, exact phase. */
export const frac = (v: number): number => v - Math.floor(v);

/**
 * Flag waving phase in [0, 1) at hub time t (ms). Shaders use only integer harmonics of it,
 * so the wrap from 1 to 0 is seamless.
 */
export const wavePhase = (tMs: number, s: Pick<Settings, 'waveSpeed'>): number =>
  frac((tMs / 1000) * WAVE_HZ * s.waveSpeed);

/** Background phase in [0, 1) at hub time t (ms). */
export const backgroundPhase = (tMs: number): number => frac((tMs / 1000) * BACKGROUND_HZ);

/** Ripple ring radius in wall heights at a given age (ms); 0 before it starts. */
export const rippleRadius = (ageMs: number, s: Pick<Settings, 'rippleSpeed'>): number =>
  ageMs <= 0 ? 0 : (ageMs / 1000) * s.rippleSpeed;

/** Ripple amplitude at a given age: full at birth, fading to 0 at RIPPLE_LIFE_MS. */
export function rippleAmplitude(ageMs: number, s: Pick<Settings, 'rippleStrength'>): number {
  if (ageMs < 0 || ageMs >= RIPPLE_LIFE_MS) return 0;
  const k = 1 - ageMs / RIPPLE_LIFE_MS;
  return s.rippleStrength * k * k;
}
