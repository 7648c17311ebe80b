/**
 * HTTP (or HTTPS, given a certificate) + WebSocket wiring for the hub: pages from the built
 * bundle, /healthz, and /ws.
 * Every socket gets an error handler; a fault in one client never reaches the others.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_PATH } from '../../shared/protocol/version';
import type { Hub } from './hub';
import type { Logger } from './logger';
import { healthRoute } from './health';
import { hubNames, originRefusal } from './auth-origin';
import type { HubTls } from './auth-tls';
import { loadStaticFiles, sendStaticFile, type StaticFile } from './static-files';
import { adaptWs } from './ws-adapter';

export interface HubServerOptions {
  hub: Hub;
  log: Logger;
  /** Directory of the built renderer bundle (dist/renderer). */
  staticRoot: string;
  version: string;
  /** Extra routes (e.g. /metrics, /join.svg) answered before static files. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
  /** Serve https/wss instead of http/ws, on the same port (auth-tls.ts). */
  tls?: HubTls;
  /** Extra host names browsers may reach the hub by (auth-origin.ts), e.g. a venue DNS name. */
  allowedHosts?: readonly string[];
}

/** Security headers on every page: no framing, no sniffing, scripts only from us. */
const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'",
};

export function createHubServer(opts: HubServerOptions): { server: Server; wss: WebSocketServer } {
  const { hub, log } = opts;
  const files = loadStaticFiles(opts.staticRoot);
  const secure = opts.tls !== undefined;
  const names = hubNames(hub.hubId, opts.allowedHosts);
  const health = healthRoute({ hub, version: opts.version, names, secure });
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = opts.routes?.[path];
    if (route) return route(req, res);
    if (path === '/healthz') return health(req, res);
    const file: StaticFile | undefined = files.get(path);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('not found\n');
    }
    sendStaticFile(req, res, file, PAGE_HEADERS);
  };
  const server: Server = opts.tls
    ? // A client that opens TCP and never finishes the handshake is dropped after 10 s (not 120).
      createHttpsServer(
        { cert: opts.tls.cert, key: opts.tls.key, handshakeTimeout: 10_000 },
        handler,
      )
    : createServer(handler);
  server.on('clientError', (err, socket) => {
    log.debug({ err: err.message }, 'http client error');
    socket.destroy();
  });

  const wss = new WebSocketServer({
    server,
    path: WS_PATH,
    maxPayload: hub.limits.maxPayload,
    perMessageDeflate: false,
    clientTracking: true,
  });
  // Before listening, the only error is the listen failure, which listen() rejects with: the
  // caller reports it once, in a sentence.
  wss.on('error', (err) => {
    if (server.listening) log.error({ err: err.message }, 'websocket server error');
  });
  wss.on('connection', (ws, req) => {
    const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
    const acceptLanguage = req.headers['accept-language'];
    const userAgent = req.headers['user-agent']?.slice(0, 300);
    // Judged here, enforced at hello for screens and operators (hub.ts): the role is not known yet.
    const foreign = originRefusal(req.headers, names, secure);
    const conn = hub.accept(adaptWs(ws), {
      address,
      ...(foreign ? { originRefusal: foreign } : {}),
      ...(acceptLanguage ? { acceptLanguage } : {}),
      ...(userAgent ? { userAgent } : {}),
    });
    ws.on('message', (data, isBinary) => {
      try {
        conn.receive(toBytes(data, isBinary), isBinary);
      } catch (err) {
        // A bug triggered by one client's message must not take the hub down.
        log.error({ err: (err as Error).message, address }, 'handler threw; closing that client');
        ws.close(1011, 'internal error');
      }
    });
    ws.on('error', (err) => log.warn({ err: err.message, address }, 'client socket error'));
    ws.on('close', () => conn.closed());
  });
  return { server, wss };
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function toBytes(data: unknown, isBinary: boolean): Uint8Array | string {
  if (!isBinary) return Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return new Uint8Array(data as ArrayBuffer);
}
