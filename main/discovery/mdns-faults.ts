/**
 * mDNS faults are logged, never thrown: bonjour-service's default error callback throws, and
 * multicast-dns emits 'error' on its own emitter (an unhandled 'error' event would crash the
 * process). A fault that repeats (a failed bind is retried on every query) is logged once per
 * `repeatMs` at warn level, and at debug level in between.
 */
import type { Bonjour } from 'bonjour-service';
import type { Logger } from '../hub/logger';

export interface MdnsFaults {
  onError(err: unknown): void;
  /** Faults seen so far. */
  readonly count: number;
}

export function mdnsFaults(log: Logger, repeatMs = 30_000): MdnsFaults {
  const lastLogged = new Map<string, number>();
  let count = 0;
  return {
    onError(err: unknown): void {
      count++;
      const message = (err as Error)?.message ?? String(err);
      const now = Date.now();
      const last = lastLogged.get(message);
      if (last !== undefined && now - last < repeatMs) {
        log.debug({ err: message }, 'mDNS error (repeated)');
        return;
      }
      lastLogged.set(message, now);
      log.warn({ err: message }, 'mDNS error (discovery degraded)');
    },
    get count() {
      return count;
    },
  };
}

/** Attaches handlers to the multicast-dns socket under a Bonjour instance. */
export function watchMdnsSocket(bonjour: Bonjour, log: Logger, faults: MdnsFaults): void {
  const mdns = (bonjour as unknown as { server?: { mdns?: NodeJS.EventEmitter } }).server?.mdns;
  mdns?.on('error', (err: Error) => faults.onError(err));
  mdns?.on('warning', (err: Error) => log.debug({ err: err.message }, 'mDNS warning'));
}
