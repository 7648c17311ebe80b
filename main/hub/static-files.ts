/**
 * Serves the built renderer bundle only. The file table is read once at start-up, so a request
 * path can never name anything outside it (no path traversal by construction).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** Pages by route; everything else by its path under the bundle root. */
export const PAGE_ROUTES: Record<string, string> = {
  '/': '/phone/index.html',
  '/screen': '/screen/index.html',
  '/operator': '/operator/index.html',
};

export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        files.set('/' + relative(root, full).split(sep).join('/'), {
          body: readFileSync(full),
          type: TYPES[extname(name)] ?? 'application/octet-stream',
        });
    }
  };
  walk(root);
  for (const [route, file] of Object.entries(PAGE_ROUTES)) {
    const page = files.get(file);
    if (page) files.set(route, page);
  }
  return files;
}
