/**
 * The hub's side of discovery: announce `_flagwall._tcp` on every LAN interface, and say
 * goodbye (TTL 0) on shutdown so screens notice at once. Every mDNS fault is logged, never
 * thrown (mdns-faults.ts).
 */
import { Bonjour } from 'bonjour-service';
import type { Logger } from '../hub/logger';
import { mdnsFaults, watchMdnsSocket } from './mdns-faults';
import { SERVICE_TYPE, hubHostName, instanceName, wallTxt } from './wall-record';

export interface PublishOptions {
  wall: string;
  hubId: string;
  /** The hub's HTTP port (the service port). */
  port: number;
  log: Logger;
  /** The hub serves https/wss: announced as `tls=1` so screens connect with wss. */
  tls?: boolean;
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
  const faults = mdnsFaults(log);
  const onError = faults.onError;
  const bonjour = new Bonjour({}, onError);
  watchMdnsSocket(bonjour, log, faults);
  const instance = instanceName(opts.wall, opts.hubId);
  try {
    const service = bonjour.publish({
      name: instance,
      type: SERVICE_TYPE,
      port: opts.port,
      host: hubHostName(opts.hubId),
      txt: wallTxt(opts.wall, opts.hubId, opts.tls),
      disableIPv6: true,
      // The instance name carries the hub id, so only this very hub could clash with it; probing
      // would delay the first announcement by up to a second after every restart.
      probe: false,
    });
    // bonjour-service reports 'up' once the send was attempted, even if it failed.
    service.on('up', () =>
      log.info(
        { instance, port: opts.port, ...(faults.count ? { faults: faults.count } : {}) },
        'announced on mDNS',
      ),
    );
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
