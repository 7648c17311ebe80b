/**
 * Serves the built renderer bundle only. The file table is read once at start-up, so a request
 * path can never name anything outside it (no path traversal by construction). A file with a
 * gzipped twin from the build (x.js.gz, build/bundle.mjs) is sent gzipped to browsers that take
 * it; every file carries an ETag, so a reload or a reconnecting page revalidates for a 304
 * instead of fetching again (`cache-control: no-cache` asks browsers to revalidate).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** One encoding of a file: its bytes and their strong validator. */
export interface Representation {
  body: Buffer;
  etag: string;
}

export interface StaticFile extends Representation {
  type: string;
  /** The same content gzipped at build time, when that saved something. */
  gzip?: Representation;
}

/** Pages by route; everything else by its path under the bundle root. */
export const PAGE_ROUTES: Record<string, string> = {
  '/': '/phone/index.html',
  '/screen': '/screen/index.html',
  '/operator': '/operator/index.html',
};

const etagOf = (body: Buffer, suffix = ''): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}${suffix}"`;

export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const gzipped = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const path = '/' + relative(root, full).split(sep).join('/');
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.gz')) gzipped.set(path.slice(0, -3), readFileSync(full));
      else {
        const body = readFileSync(full);
        files.set(path, {
          body,
          etag: etagOf(body),
          type: TYPES[extname(name)] ?? 'application/octet-stream',
        });
      }
    }
  };
  walk(root);
  for (const [path, body] of gzipped) {
    const file = files.get(path);
    // A twin is trusted only with its original beside it (a lone .gz is never served).
    if (file) file.gzip = { body, etag: file.etag.replace(/"$/, '-gz"') };
  }
  for (const [route, file] of Object.entries(PAGE_ROUTES)) {
    const page = files.get(file);
    if (page) files.set(route, page);
  }
  return files;
}

/** True when an Accept-Encoding header allows gzip (by name or `*`, with q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  let star = false;
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}

/** True when If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET) or is `*`. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string): string => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

/** Answers a GET or HEAD for `file`: gzipped where accepted, 304 where the client has it. */
export function sendStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: StaticFile,
  headers: Record<string, string>,
): void {
  const sent = file.gzip && acceptsGzip(req.headers['accept-encoding']) ? file.gzip : file;
  const validators = {
    'cache-control': 'no-cache',
    etag: sent.etag,
    ...(file.gzip ? { vary: 'accept-encoding' } : {}),
  };
  if (notModified(req.headers['if-none-match'], sent.etag)) {
    res.writeHead(304, validators);
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': sent.body.length,
    ...(sent === file.gzip ? { 'content-encoding': 'gzip' } : {}),
    ...validators,
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : sent.body);
}
