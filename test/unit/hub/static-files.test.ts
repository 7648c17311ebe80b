/** Which encoding a browser gets, when it gets a 304, and which files the table holds. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, loadStaticFiles, notModified } from '../../../main/hub/static-files';

describe('static files', () => {
  it('sends gzip only where Accept-Encoding allows it', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0, *')).toBe(false); // named wins over the wildcard
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('answers 304 when If-None-Match names the ETag, weak or strong, or is *', () => {
    expect(notModified('"abc"', '"abc"')).toBe(true);
    expect(notModified('W/"abc"', '"abc"')).toBe(true);
    expect(notModified('"x", "abc"', '"abc"')).toBe(true);
    expect(notModified('*', '"abc"')).toBe(true);
    expect(notModified('"abc-gz"', '"abc"')).toBe(false);
    expect(notModified('', '"abc"')).toBe(false);
    expect(notModified(undefined, '"abc"')).toBe(false);
  });

  it('pairs each file with its build-time .gz twin and never serves a .gz by its own path', () => {
    const root = mkdtempSync(join(tmpdir(), 'flagwall-static-'));
    mkdirSync(join(root, 'phone'));
    const page = Buffer.from('<!doctype html><p>' + 'flag '.repeat(200));
    writeFileSync(join(root, 'phone', 'index.html'), page);
    writeFileSync(join(root, 'phone', 'index.html.gz'), gzipSync(page));
    writeFileSync(join(root, 'lone.css.gz'), gzipSync('p{}'));
    writeFileSync(join(root, 'plain.png'), Buffer.from([0x89, 0x50]));
    const files = loadStaticFiles(root);
    const html = files.get('/phone/index.html')!;
    expect(files.get('/')).toBe(html);
    expect(html.type).toBe('text/html; charset=utf-8');
    expect(html.gzip?.body.equals(gzipSync(page))).toBe(true);
    expect(html.etag).toMatch(/^"[\w-]{22}"$/);
    expect(html.gzip?.etag).toBe(html.etag.replace(/"$/, '-gz"'));
    expect(files.get('/plain.png')?.gzip).toBeUndefined();
    expect([...files.keys()].filter((k) => k.endsWith('.gz'))).toEqual([]);
    expect(files.has('/lone.css')).toBe(false);
  });
});
