/**
 * One-shot discovery for callers that just need a URL (the Electron screen role, scripts):
 * browse until the wanted wall (or the only wall) is seen, then stop browsing.
 */
import { pino } from 'pino';
import type { Logger } from '../hub/logger';
import { WallBrowser } from './browse';
import { chooseWall, SETTLE_MS } from './choose-wall';
import { choosePinnedWall } from './pinned-wall';
import type { WallAnnouncement } from './wall-record';

export interface FindHubOptions {
  /** Wall name to join; default: the only wall on the network. */
  wall?: string;
  /** Give up after this long, ms. Default 10000. */
  timeoutMs?: number;
  /**
   * Without a wall name, wait this long after the first answer for other hubs to answer too,
   * so "the only wall" is not decided on the first reply alone, ms. Default SETTLE_MS (1200).
   */
  settleMs?: number;
  log?: Logger;
  /** A paired screen's hub id: only that hub is joined (pinned-wall.ts). */
  hubId?: string;
}

export class HubNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubNotFoundError';
  }
}

/** Resolves with the hub to join; rejects with HubNotFoundError (and the reason) on timeout. */
export function findHub(opts: FindHubOptions = {}): Promise<WallAnnouncement> {
  const log = opts.log ?? pino({ level: 'silent' });
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const settleMs = opts.settleMs ?? SETTLE_MS;
  return new Promise((resolve, reject) => {
    let reason = 'no wall found';
    let settle: ReturnType<typeof setTimeout> | null = null;
    let settled = false;
    let done = false;
    const finish = (result: WallAnnouncement | Error): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      if (settle) clearTimeout(settle);
      void browser.stop().then(() => (result instanceof Error ? reject(result) : resolve(result)));
    };
    const decide = (): void => {
      const choice = opts.hubId
        ? choosePinnedWall(browser.list, opts.wall, opts.hubId)
        : chooseWall(browser.list, opts.wall);
      if (choice.kind === 'join') finish(choice.hub);
      else reason = choice.reason;
    };
    const browser = new WallBrowser({
      log,
      onChange: () => {
        if (opts.wall !== undefined || settled) return decide();
        settle ??= setTimeout(() => {
          settled = true;
          decide();
        }, settleMs);
      },
    });
    browser.keepQuerying(true);
    const deadline = setTimeout(
      () => finish(new HubNotFoundError(`${reason} within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
}

/**
 * The shape the Electron screen role asks for (`FindHub` in main/electron/find-hub.ts): the
 * base URL (http://address:port) of the wall's hub.
 */
export async function findHubUrl(
  wall?: string,
  opts: Omit<FindHubOptions, 'wall'> = {},
): Promise<string> {
  const hub = await findHub({ ...opts, ...(wall ? { wall } : {}) });
  return hub.url;
}
