/**
 * Brings a crashed or hung renderer back. Each window keeps a counter: reloads since it opened,
 * and consecutive failures (reset once a load has stayed up for `stableMs`). The delay before a
 * reload doubles with every consecutive failure, so a page that crashes on load shows up as a
 * slowing series of log lines with a climbing counter, never a tight loop burning the CPU.
 */
import type { RenderProcessGoneDetails, WebContents } from 'electron';
import { exponentialDelay, systemTimers, type Timers } from './timers';

export interface RecoveryOptions {
  /** First reload delay, ms. Default 1000. */
  baseMs?: number;
  /** Longest reload delay, ms. Default 30 000. */
  capMs?: number;
  /** A load that stays up this long clears the consecutive count, ms. Default 120 000. */
  stableMs?: number;
  timers?: Timers;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export interface RecoveryState {
  /** Reloads scheduled since the window opened. */
  reloads: number;
  /** Failures in a row without a stable load in between. */
  consecutive: number;
}

type RecoveryContents = Pick<WebContents, 'on' | 'isDestroyed' | 'forcefullyCrashRenderer'>;

export function watchRenderer(
  contents: RecoveryContents,
  label: string,
  reload: () => void,
  opts: RecoveryOptions,
): RecoveryState {
  const timers = opts.timers ?? systemTimers;
  const baseMs = opts.baseMs ?? 1000;
  const capMs = opts.capMs ?? 30_000;
  const stableMs = opts.stableMs ?? 120_000;
  const state: RecoveryState = { reloads: 0, consecutive: 0 };
  let pending: unknown = null;
  let loadedAt: number | null = null;
  let hung: unknown = null;

  const schedule = (why: string, detail: object): void => {
    if (pending !== null) return; // one reload at a time, however many events arrive
    if (loadedAt !== null && timers.now() - loadedAt >= stableMs) state.consecutive = 0;
    loadedAt = null;
    const delayMs = exponentialDelay(baseMs, capMs, state.consecutive);
    state.consecutive += 1;
    state.reloads += 1;
    opts.log.warn(
      {
        window: label,
        why,
        ...detail,
        reloads: state.reloads,
        consecutive: state.consecutive,
        delayMs,
      },
      `${label}: renderer ${why}; reload #${state.reloads} in ${delayMs} ms`,
    );
    pending = timers.setTimeout(() => {
      pending = null;
      if (!contents.isDestroyed()) reload();
    }, delayMs);
  };

  contents.on('did-finish-load', () => {
    loadedAt = timers.now();
  });
  contents.on('render-process-gone', (_event: unknown, details: RenderProcessGoneDetails) => {
    schedule('gone', { reason: details.reason, exitCode: details.exitCode });
  });
  // Hub unreachable at load time (it may be restarting): retry the same way, never leave
  // Chromium's error page up. -3 is ERR_ABORTED: our own reload replacing a load.
  contents.on(
    'did-fail-load',
    (
      _event: unknown,
      errorCode: number,
      errorDescription: string,
      _url: string,
      isMainFrame: boolean,
    ) => {
      if (isMainFrame && errorCode !== -3)
        schedule('failed to load', { errorCode, errorDescription });
    },
  );
  // A hang gets a grace period (it may be a long GC or a slow GPU); still hung → kill and reload.
  contents.on('unresponsive', () => {
    if (hung !== null) return;
    hung = timers.setTimeout(
      () => {
        hung = null;
        if (contents.isDestroyed()) return;
        schedule('unresponsive', {});
        contents.forcefullyCrashRenderer();
      },
      Math.min(baseMs * 5, capMs),
    );
  });
  contents.on('responsive', () => {
    if (hung !== null) timers.clearTimeout(hung);
    hung = null;
  });
  return state;
}
