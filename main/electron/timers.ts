/** Time, passed in rather than read from globals, so backoff logic runs under a fake clock in tests. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Deterministic exponential backoff: base · 2^attempt, capped (one window, nothing to spread). */
export function exponentialDelay(baseMs: number, capMs: number, attempt: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
}
