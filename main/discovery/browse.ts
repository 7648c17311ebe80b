/**
 * The screen's side of discovery: browse `_flagwall._tcp`, keep the list of walls on the LAN,
 * and report hubs coming, changing address (a restart on a new port) and saying goodbye.
 * Queries again every few seconds while asked to (a screen waiting for its hub), because a
 * query answered is faster than waiting for the hub's next unsolicited announcement.
 */
import { Bonjour, type Service } from 'bonjour-service';
import type { Logger } from '../hub/logger';
import { mdnsFaults, watchMdnsSocket } from './mdns-faults';
import {
  SERVICE_TYPE,
  hubUrl,
  parseAnnouncement,
  pickAddress,
  type WallAnnouncement,
} from './wall-record';

export interface WallBrowserOptions {
  log: Logger;
  /** Called whenever the set of hubs, or one hub's address, changes. */
  onChange(walls: readonly WallAnnouncement[]): void;
  /**
   * Called on every mDNS answer that carries a flagwall SRV record, with the instance's full
   * name: a restarted hub announcing itself on the same port changes nothing in the list, but a
   * screen waiting to reconnect can take it as the cue to try now.
   */
  onHeard?(fqdn: string): void;
}

interface Record {
  type?: string;
  name?: string;
  ttl?: number;
  data?: unknown;
}
interface Packet {
  answers?: Record[];
  additionals?: Record[];
}
const SERVICE_SUFFIX = new RegExp(`\\._${SERVICE_TYPE}\\._tcp\\.local$`, 'i');

export class WallBrowser {
  private readonly bonjour: Bonjour;
  private readonly browser: ReturnType<Bonjour['find']> | null = null;
  private readonly walls = new Map<string, WallAnnouncement>();
  private requery: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(private readonly opts: WallBrowserOptions) {
    const { log } = opts;
    const faults = mdnsFaults(log);
    const onError = faults.onError;
    this.bonjour = new Bonjour({}, onError);
    watchMdnsSocket(this.bonjour, log, faults);
    const mdns = (this.bonjour as unknown as { server?: { mdns?: NodeJS.EventEmitter } }).server
      ?.mdns;
    mdns?.on('response', (packet: Packet, rinfo?: { address?: string }) => {
      if (this.stopped) return;
      const records = [...(packet.answers ?? []), ...(packet.additionals ?? [])];
      for (const rr of records) {
        if (rr.type !== 'SRV' || !((rr.ttl ?? 0) > 0) || !SERVICE_SUFFIX.test(rr.name ?? ''))
          continue;
        this.followAddress(rr, records, rinfo?.address);
        opts.onHeard?.(rr.name!);
      }
    });
    try {
      const browser = this.bonjour.find({ type: SERVICE_TYPE });
      browser.on('up', (s) => this.upsert(s));
      browser.on('srv-update', (s) => this.upsert(s));
      browser.on('txt-update', (s) => this.upsert(s));
      browser.on('down', (s) => this.remove(s));
      this.browser = browser;
    } catch (err) {
      onError(err);
    }
  }

  /** Hubs currently known, in the order they were first seen. */
  get list(): WallAnnouncement[] {
    return [...this.walls.values()];
  }

  /** Asks the network now ("who serves _flagwall._tcp?"). */
  query(): void {
    if (this.stopped) return;
    try {
      this.browser?.update();
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'mDNS query failed');
    }
  }

  /** Re-query every `ms` while `on`; off again when the hub is found. */
  keepQuerying(on: boolean, ms = 1000): void {
    if (on && !this.requery && !this.stopped) {
      // Not unref'd: a screen waiting for its hub has nothing else keeping it alive.
      this.requery = setInterval(() => this.query(), ms);
    } else if (!on && this.requery) {
      clearInterval(this.requery);
      this.requery = null;
    }
  }

  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    this.keepQuerying(false);
    return new Promise((resolve) => {
      // Bounded: a socket that never bound may never report being closed.
      const guard = setTimeout(resolve, 1000);
      const done = (): void => {
        clearTimeout(guard);
        resolve();
      };
      try {
        this.browser?.stop();
        this.bonjour.destroy(done);
      } catch {
        done();
      }
    });
  }

  private upsert(service: Service): void {
    const wall = parseAnnouncement(service);
    if (!wall) {
      this.opts.log.debug(
        { name: service.name },
        'ignoring a _flagwall._tcp service without our TXT',
      );
      return;
    }
    const before = this.walls.get(service.fqdn);
    if (
      before &&
      before.url === wall.url &&
      before.wall === wall.wall &&
      before.proto === wall.proto
    )
      return;
    this.walls.set(service.fqdn, wall);
    this.opts.onChange(this.list);
  }

  /**
   * bonjour-service only reports a known service again when its name, host, port or type
   * changed, not its address: a hub that rebooted and got a new DHCP lease, on the same port,
   * would go unnoticed. So every SRV answer for a known hub re-derives its URL here.
   */
  private followAddress(srv: Record, records: Record[], from: string | undefined): void {
    const fqdn = [...this.walls.keys()].find((k) => k.toLowerCase() === srv.name!.toLowerCase());
    const known = fqdn === undefined ? undefined : this.walls.get(fqdn);
    const data = srv.data as { target?: string; port?: number } | undefined;
    if (!known || !fqdn || !data?.target || !data.port) return;
    const target = data.target.toLowerCase();
    const addresses = records
      .filter((r) => r.type === 'A' && r.name?.toLowerCase() === target)
      .map((r) => String(r.data));
    const address = pickAddress(addresses, from);
    if (!address) return;
    const url = hubUrl(address, data.port);
    if (url === known.url) return;
    this.walls.set(fqdn, { ...known, url });
    this.opts.onChange(this.list);
  }

  private remove(service: Service): void {
    if (this.walls.delete(service.fqdn)) this.opts.onChange(this.list);
  }
}
