/**
 * Which browser pages may open a screen or operator socket: only the hub's own. A WebSocket is not
 * bound by the same-origin policy, so without this any page a console machine visits could reach
 * the hub, and through DNS rebinding (a name of the attacker's that resolves to the hub) even read
 * its pages. Rules, on the upgrade request:
 * - no Origin header: not a browser (headless screen, scripts, tests): trusted. A rebinding attack
 *   needs a browser, and browsers always send Origin on a WebSocket.
 * - Origin present: the Host header must name the hub (an IP literal — rebinding needs a name —,
 *   localhost, this machine's host name, its mDNS name, or a name given with --allow-host), and the
 *   Origin's host and port must be the Host's (http or https).
 * Phones are not checked (hub.ts): they carry no key, and their page's token lives in our origin.
 */
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { hubHostName } from '../discovery/wall-record';

export interface OriginRequest {
  origin?: string | undefined;
  host?: string | undefined;
}

/** The names (lower case, no trailing dot) a browser may use to reach this hub. */
export function hubNames(hubId: string, extra: readonly string[] = []): Set<string> {
  const own = hostname().toLowerCase();
  return new Set(
    ['localhost', own, `${own}.local`, hubHostName(hubId), ...extra].map(normalizeName),
  );
}

/**
 * Undefined when the request may open a screen or operator socket; else one sentence saying why
 * not. `secure`: the hub serves TLS (a Host without a port then means 443).
 */
export function originRefusal(
  req: OriginRequest,
  names: ReadonlySet<string>,
  secure: boolean,
): string | undefined {
  if (req.origin === undefined) return undefined;
  const host = parseHost(req.host, secure ? '443' : '80');
  if (!host) return 'refused: a browser page without a valid Host header';
  if (!isIP(host.name) && !names.has(host.name)) {
    const name = host.name.slice(0, 100); // headers may be 16 KiB; what a session keeps is not
    return `refused: "${name}" is not a name of this hub (open the page from the hub's address, or start the hub with --allow-host ${name})`;
  }
  const origin = parseOrigin(req.origin);
  if (!origin || origin.name !== host.name || origin.port !== host.port) {
    return `refused: a page from another origin (${req.origin.slice(0, 100)}) may not open a screen or operator connection`;
  }
  return undefined;
}

interface HostPort {
  name: string;
  port: string;
}

function parseHost(header: string | undefined, defaultPort: string): HostPort | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]/@?#\s]+)(?::(\d{1,5}))?$/i.exec(header ?? '');
  if (!m) return null;
  return {
    name: normalizeName(m[1]!),
    port: m[2] === undefined ? defaultPort : String(Number(m[2])),
  };
}

function parseOrigin(header: string): HostPort | null {
  try {
    const u = new URL(header);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null; // "null", file:, …
    return {
      name: normalizeName(u.hostname),
      port: u.port || (u.protocol === 'https:' ? '443' : '80'),
    };
  } catch {
    return null;
  }
}

/** Lower case, no trailing dot, IPv6 without brackets (so isIP recognises it). */
function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
}
