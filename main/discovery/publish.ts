/**
 * The hub's side of discovery: announce `_flagwall._tcp` on every LAN interface, and say
 * goodbye (TTL 0) on shutdown so screens notice at once. Every mDNS fault is logged, never
 * thrown: bonjour-service's default error callback throws, so ours replaces it.
 */
import { Bonjour } from 'bonjour-service';
import type { Logger } from '../hub/logger';
import { SERVICE_TYPE, hubHostName, instanceName, wallTxt } from './wall-record';

export interface PublishOptions {
  wall: string;
  hubId: string;
  /** The hub's HTTP port (the service port). */
  port: number;
  log: Logger;
  /** Local interface address to use for multicast (multicast-dns `interface`). Default: all. */
  interface?: string;
}

export interface PublishedWall {
  readonly instance: string;
  /** Sends goodbye packets and closes the mDNS socket. Never rejects; bounded in time. */
  stop(): Promise<void>;
}

/** How long shutdown waits for the goodbye packet to be sent before closing anyway, ms. */
const GOODBYE_TIMEOUT_MS = 1000;

export function publishWall(opts: PublishOptions): PublishedWall {
  const { log } = opts;
  const onError = (err: unknown): void =>
    log.warn({ err: (err as Error)?.message ?? String(err) }, 'mDNS error (discovery degraded)');
  const bonjour = new Bonjour({}, onError);
  watchSocket(bonjour, log, onError);
  const instance = instanceName(opts.wall, opts.hubId);
  try {
    const service = bonjour.publish({
      name: instance,
      type: SERVICE_TYPE,
      port: opts.port,
      host: hubHostName(opts.hubId),
      txt: wallTxt(opts.wall, opts.hubId),
      disableIPv6: true,
      // The instance name carries the hub id, so only this very hub could clash with it; probing
      // would delay the first announcement by up to a second after every restart.
      probe: false,
    });
    service.on('up', () => log.info({ instance, port: opts.port }, 'announced on mDNS'));
    service.on('error', onError);
  } catch (err) {
    onError(err);
  }
  let stopping: Promise<void> | null = null;
  return {
    instance,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        let done = false;
        const finish = (): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          try {
            bonjour.destroy(() => resolve());
          } catch (err) {
            onError(err);
            resolve();
          }
        };
        const timer = setTimeout(finish, GOODBYE_TIMEOUT_MS);
        try {
          bonjour.unpublishAll(() => finish());
        } catch (err) {
          onError(err);
          finish();
        }
      })),
  };
}

/** multicast-dns emits 'error' (port in use, no permission) and 'warning' on its own emitter. */
export function watchSocket(bonjour: Bonjour, log: Logger, onError: (err: unknown) => void): void {
  const mdns = (bonjour as unknown as { server?: { mdns?: NodeJS.EventEmitter } }).server?.mdns;
  mdns?.on('error', onError);
  mdns?.on('warning', (err: Error) => log.debug({ err: err.message }, 'mDNS warning'));
}
