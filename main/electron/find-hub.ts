/**
 * How a screen instance finds its hub. A configured hubUrl (or --hub) wins; otherwise a FindHub
 * is asked. mDNS discovery (main/discovery) plugs in here; until it is wired, the stand-in
 * explains what to set instead.
 */
import { exponentialDelay, type Timers } from './timers';

/** `pinnedHubId`: a paired screen joins only the hub it paired with (main/discovery/pinned-wall.ts). */
export type FindHub = (wall?: string, pinnedHubId?: string) => Promise<string>;

/** Thrown when no hub can ever be found this way (so retrying is pointless): the app exits. */
export class HubUrlRequiredError extends Error {
  override name = 'HubUrlRequiredError';
}

export const discoveryNotWired =
  (configPath: string): FindHub =>
  async () => {
    throw new HubUrlRequiredError(
      `no hub URL: start with --hub http://<hub-address>:8080 or set "hubUrl" in ${configPath} (automatic discovery is not wired into the desktop app yet)`,
    );
  };

/**
 * Asks `find` until it answers: a screen that boots before its hub (after a power cut) keeps
 * looking, with a capped backoff and one log line per miss. Gives up only on
 * HubUrlRequiredError, or when `stopped()` turns true (resolves null then).
 */
export async function findHubPatiently(
  find: FindHub,
  wall: string | undefined,
  opts: {
    log: { warn(obj: object, msg: string): void };
    timers: Timers;
    stopped(): boolean;
    baseMs?: number;
    capMs?: number;
    pinnedHubId?: string;
  },
): Promise<string | null> {
  for (let attempt = 0; !opts.stopped(); attempt++) {
    try {
      return await (opts.pinnedHubId ? find(wall, opts.pinnedHubId) : find(wall));
    } catch (err) {
      if (err instanceof HubUrlRequiredError) throw err;
      const delayMs = exponentialDelay(opts.baseMs ?? 1000, opts.capMs ?? 30_000, attempt);
      opts.log.warn(
        { err: (err as Error).message, attempt: attempt + 1, delayMs },
        `no hub found yet; looking again in ${delayMs} ms`,
      );
      await new Promise<void>((resolve) => opts.timers.setTimeout(resolve, delayMs));
    }
  }
  return null;
}
