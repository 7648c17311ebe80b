/**
 * What a hub announces about its wall on the LAN: the `_flagwall._tcp` service, its TXT record
 * and how a browser turns an mDNS answer back into a hub URL. Pure data, no sockets.
 */
import { PROTOCOL_VERSION, WS_PATH } from '../../shared/protocol/version';

/** DNS-SD service type (without the leading underscore bonjour-service adds). */
export const SERVICE_TYPE = 'flagwall';

/** TXT keys are short (every byte goes in each announcement): see docs/discovery.md. */
export interface WallTxt {
  /** Protocol version the hub speaks (PROTOCOL_VERSION). */
  proto: string;
  /** Wall name: screens join the wall by this name. */
  wall: string;
  /** Hub id, stable across restarts (hub.json): tells two hubs with one wall name apart. */
  id: string;
  /** WebSocket path on the service port. */
  path: string;
  /** "1" when the hub serves https/wss (a certificate was given); absent for plain http. */
  tls?: '1';
}

/** A hub seen on the network. */
export interface WallAnnouncement {
  wall: string;
  hubId: string;
  proto: number;
  /** Base URL, http(s)://address:port (the service port is the hub's HTTP port). */
  url: string;
  wsPath: string;
  /** mDNS instance name, e.g. "lobby (1a2b3c4d)". */
  instance: string;
  /** Full service name, e.g. "lobby (1a2b3c4d)._flagwall._tcp.local". */
  fqdn: string;
}

export function wallTxt(wall: string, hubId: string, tls = false): WallTxt {
  return {
    proto: String(PROTOCOL_VERSION),
    wall,
    id: hubId,
    path: WS_PATH,
    ...(tls ? { tls: '1' } : {}),
  };
}

/** Instance names are one DNS label (63 bytes): the wall name, cut short, plus the hub id. */
export function instanceName(wall: string, hubId: string): string {
  const shortId = hubId.replace(/[^0-9a-z]/gi, '').slice(0, 8);
  const safeWall = Array.from(wall.replace(/\./g, '-')).slice(0, 40).join('');
  let name = `${safeWall} (${shortId})`;
  while (Buffer.byteLength(name) > 63)
    name = `${Array.from(name).slice(0, -12).join('')} (${shortId})`;
  return name;
}

/** The host name the SRV record points at: per hub, so two hubs on one machine never clash. */
export function hubHostName(hubId: string): string {
  return `flagwall-${hubId
    .replace(/[^0-9a-z]/gi, '')
    .slice(0, 12)
    .toLowerCase()}.local`;
}

export interface ServiceLike {
  name?: string;
  fqdn?: string;
  port?: number;
  txt?: Record<string, unknown>;
  addresses?: string[];
  referer?: { address: string };
}

/** Reads one browsed service; null when it is not a usable flagwall announcement. */
export function parseAnnouncement(service: ServiceLike): WallAnnouncement | null {
  const txt = service.txt ?? {};
  const wall = textField(txt.wall);
  const hubId = textField(txt.id);
  const proto = Number(textField(txt.proto));
  const port = service.port;
  if (!wall || !hubId || !Number.isInteger(proto) || !port) return null;
  const address = pickAddress(service.addresses ?? [], service.referer?.address);
  if (!address) return null;
  const path = textField(txt.path);
  return {
    wall,
    hubId,
    proto,
    url: hubUrl(address, port, textField(txt.tls) === '1'),
    wsPath: path && path.startsWith('/') ? path : WS_PATH,
    instance: service.name ?? '',
    fqdn: service.fqdn ?? '',
  };
}

/**
 * The address the answer came from is the one that certainly routes back to the hub; otherwise
 * the first IPv4 the hub listed (IPv6 link-local needs a zone id we do not have).
 */
export function pickAddress(addresses: string[], referer: string | undefined): string | undefined {
  if (referer && (addresses.length === 0 || addresses.includes(referer))) return referer;
  return addresses.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? referer ?? addresses[0];
}

export function hubUrl(address: string, port: number, tls = false): string {
  return `${tls ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

function textField(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return '';
}
