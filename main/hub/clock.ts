/** Time and timers passed into hub logic, never read from globals deep inside (tests fake them). */
export interface HubClock {
  /** Hub time in ms: monotonic, epoch-based so it is meaningful across restarts. */
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock: performance.timeOrigin + performance.now() never jumps with wall-clock changes. */
export const systemClock: HubClock = {
  now: () => performance.timeOrigin + performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
