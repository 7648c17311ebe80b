/**
 * Runs the hub inside the Electron main process and brings it back when it fails: a start that
 * rejects (port busy, disk full) or a later fault reported with fail() closes it and starts again
 * after an exponential backoff. The counter and each delay are logged, so a hub that keeps dying
 * is visible in the logs rather than spinning.
 */
import type { RunningHub } from '../hub/start-hub';
import { exponentialDelay, systemTimers, type Timers } from './timers';

export interface HubSupervisorOptions {
  start(): Promise<RunningHub>;
  /** Called each time a hub is up (first start and every restart). */
  onUp(hub: RunningHub): void;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  timers?: Timers;
  /** First retry delay, ms. Default 1000. */
  baseMs?: number;
  /** Longest retry delay, ms. Default 30 000. */
  capMs?: number;
  /** A hub that stayed up this long resets the backoff, ms. Default 60 000. */
  stableMs?: number;
}

export class HubSupervisor {
  /** Restarts since launch (a crash loop shows as a climbing number). */
  restarts = 0;
  private consecutive = 0;
  private current: RunningHub | null = null;
  private upSince = 0;
  private retry: unknown = null;
  private stopped = false;
  private starting = false;
  private readonly timers: Timers;

  constructor(private readonly opts: HubSupervisorOptions) {
    this.timers = opts.timers ?? systemTimers;
  }

  get hub(): RunningHub | null {
    return this.current;
  }

  /** Starts the hub; resolves once it is up (retrying until then), or null once stopped. */
  async run(): Promise<RunningHub | null> {
    this.stopped = false;
    return new Promise((resolve) => {
      this.settle = resolve;
      const attempt = async (): Promise<void> => {
        if (this.stopped) return this.finish(null);
        this.starting = true;
        try {
          const hub = await this.opts.start();
          this.starting = false;
          if (this.stopped) {
            await hub.close();
            return this.finish(null);
          }
          this.current = hub;
          this.upSince = this.timers.now();
          this.opts.log.info({ url: hub.url, restarts: this.restarts }, 'hub is up');
          this.opts.onUp(hub);
          this.finish(hub);
        } catch (err) {
          this.starting = false;
          if (this.stopped) return this.finish(null);
          this.scheduleRetry(err as Error, () => void attempt());
        }
      };
      void attempt();
    });
  }

  /** Reports a fault in the running hub (e.g. an uncaught exception): close it, start again. */
  fail(err: Error): void {
    if (this.stopped || this.starting || this.failing || this.retry !== null) return;
    this.failing = true;
    const hub = this.current;
    this.current = null;
    if (hub && this.timers.now() - this.upSince >= (this.opts.stableMs ?? 60_000))
      this.consecutive = 0;
    void (hub ? hub.close().catch(() => undefined) : Promise.resolve()).then(() => {
      this.failing = false;
      this.scheduleRetry(err, () => void this.run());
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry !== null) this.timers.clearTimeout(this.retry);
    this.retry = null;
    this.finish(null);
    const hub = this.current;
    this.current = null;
    if (hub) await hub.close();
  }

  private settle: ((hub: RunningHub | null) => void) | null = null;
  private failing = false;

  private finish(hub: RunningHub | null): void {
    const settle = this.settle;
    this.settle = null;
    settle?.(hub);
  }

  private scheduleRetry(err: Error, again: () => void): void {
    if (this.stopped) return;
    const delayMs = exponentialDelay(
      this.opts.baseMs ?? 1000,
      this.opts.capMs ?? 30_000,
      this.consecutive,
    );
    this.consecutive += 1;
    this.restarts += 1;
    this.opts.log.error(
      { err: err.message, restarts: this.restarts, delayMs },
      `hub failed; restart #${this.restarts} in ${delayMs} ms`,
    );
    this.retry = this.timers.setTimeout(() => {
      this.retry = null;
      again();
    }, delayMs);
  }
}
