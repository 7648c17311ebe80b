/**
 * Reconnect delays: exponential backoff with full jitter (AWS architecture blog, "Exponential
 * Backoff And Jitter"): delay = random(0, min(cap, base · 2^attempt)). Full jitter spreads a crowd
 * that lost the hub at the same instant, so a restart is not met by a stampede.
 */
export interface BackoffPolicy {
  /** First ceiling, ms. */
  baseMs: number;
  /** Largest ceiling, ms. */
  capMs: number;
}

/** Screens must come back fast; phones are many and can wait a little. */
export const SCREEN_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ baseMs: 250, capMs: 4000 });
export const PHONE_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ baseMs: 500, capMs: 15_000 });

/** Delay before reconnect attempt number `attempt` (0 = first retry). `random` is in [0, 1). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return random() * ceiling;
}
