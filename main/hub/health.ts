/**
 * /healthz. The public part (anyone on the LAN: monitors, the README's check) says only whether
 * the hub is up and how many clients it has: no names, addresses or slices. The full report adds
 * the wall, the hub id and each screen's details, for the wall key given as
 * `Authorization: Bearer <key>` (preferred: headers stay out of access logs) or `?key=<key>`.
 * Key attempts here go through the same gate and wrong-key throttle as hellos (auth.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Hub } from './hub';
import { countPhones } from './hub-queries';
import { originRefusal } from './auth-origin';

export function publicHealth(hub: Hub, version: string) {
  const { active: phones, dozing } = countPhones(hub.phones.values());
  return {
    ok: true,
    version,
    proto: PROTOCOL_VERSION,
    screens: hub.screens.size,
    phones,
    dozing,
    playoutDelayMs: hub.playoutDelayMs(),
  };
}

export function fullHealth(hub: Hub, version: string) {
  const screens = [];
  for (const s of hub.sessions) {
    if (s.role !== 'screen' || !s.screen) continue;
    screens.push({
      name: s.screen.name,
      address: s.info.address,
      slice: s.screen.slice,
      clock: s.screen.stats?.clock ?? null,
      fps: s.screen.stats?.fps ?? null,
      jitterMs: s.screen.stats?.jitterMs ?? null,
      skippedTicks: s.screen.skippedTicks,
      lastSeen: s.screen.lastSeen,
    });
  }
  return {
    ...publicHealth(hub, version),
    wall: hub.wall,
    hubId: hub.hubId,
    screens: screens.length,
    screenDetails: screens,
  };
}

export interface HealthRouteOptions {
  hub: Hub;
  version: string;
  /** The hub's own names (auth-origin.ts hubNames) and whether it serves TLS. */
  names: ReadonlySet<string>;
  secure: boolean;
}

/** The /healthz handler: public without a key, full with the right one. */
export function healthRoute(opts: HealthRouteOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const key = presentedKey(req);
    if (key === undefined) return reply(res, 200, publicHealth(opts.hub, opts.version));
    // A page elsewhere could make the browser send wrong keys and throttle its machine's address.
    const site = req.headers['sec-fetch-site'];
    const foreign =
      originRefusal(req.headers, opts.names, opts.secure) ??
      (site === 'cross-site' || site === 'same-site' ? 'refused: a cross-site request' : undefined);
    if (foreign) return reply(res, 403, { ok: false, error: foreign });
    const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
    const refusal = opts.hub.keyGate.check(address, key);
    if (!refusal) return reply(res, 200, fullHealth(opts.hub, opts.version));
    const headers: Record<string, string> = {};
    if (refusal.retryAfterMs !== undefined)
      headers['retry-after'] = String(Math.ceil(refusal.retryAfterMs / 1000));
    reply(
      res,
      refusal.retryAfterMs !== undefined ? 429 : 401,
      {
        ok: false,
        error: refusal.message,
      },
      headers,
    );
  };
}

/** The key from `Authorization: Bearer …` or `?key=…`; undefined when neither is given. */
function presentedKey(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth !== undefined) return /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() ?? '';
  const query = (req.url ?? '').split('?')[1];
  if (query === undefined) return undefined;
  return new URLSearchParams(query).get('key') ?? undefined;
}

function reply(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}
