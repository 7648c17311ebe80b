// Draws the app icon — a striped flag waving from a pole on a night-blue tile — as build/icon.svg
// and a 512×512 build/icon.png. No image library: the shapes are evaluated per pixel (4×4
// supersampled) and written with a tiny PNG encoder (zlib from Node, CRC-32 by hand).
// Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BG = [11, 29, 58];
const POLE = [230, 232, 238];
const STRIPES = [
  [230, 57, 70],
  [241, 250, 238],
  [69, 123, 157],
];
const CORNER = 96; // tile corner radius
const FLAG = { left: 150, right: 410, top: 130, height: 180, amp: 18 };

/** Flag's top edge at x: one sine period across its width. */
const waveY = (x) =>
  FLAG.top + FLAG.amp * Math.sin(((x - FLAG.left) / (FLAG.right - FLAG.left)) * 2 * Math.PI);

function colourAt(x, y) {
  const inTile = (() => {
    const cx = Math.min(Math.max(x, CORNER), SIZE - CORNER);
    const cy = Math.min(Math.max(y, CORNER), SIZE - CORNER);
    return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
  })();
  if (!inTile) return null;
  if (x >= 126 && x <= 146 && y >= 110 && y <= 420) return POLE;
  if (x >= FLAG.left && x <= FLAG.right) {
    const top = waveY(x);
    const t = (y - top) / FLAG.height;
    if (t >= 0 && t < 1) return STRIPES[Math.floor(t * STRIPES.length)];
  }
  return BG;
}

function rasterize() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  const n = 4;
  for (let py = 0; py < SIZE; py++)
    for (let px = 0; px < SIZE; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(px + (sx + 0.5) / n, py + (sy + 0.5) / n);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      const o = (py * SIZE + px) * 4;
      if (a) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((255 * a) / (n * n));
    }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** PNG, 8-bit RGBA, filter 0 on every row. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const edge = (offset) => {
    const pts = [];
    for (let x = FLAG.left; x <= FLAG.right; x += 5)
      pts.push(`${x},${(waveY(x) + offset).toFixed(1)}`);
    return pts;
  };
  const band = STRIPES.map((c, i) => {
    const top = edge((FLAG.height * i) / STRIPES.length);
    const bottom = edge((FLAG.height * (i + 1)) / STRIPES.length).reverse();
    return `  <polygon fill="${hex(c)}" points="${[...top, ...bottom].join(' ')}"/>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `  <rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="${hex(BG)}"/>`,
    `  <rect x="126" y="110" width="20" height="310" fill="${hex(POLE)}"/>`,
    ...band,
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(dir, 'icon.svg'), svg());
  writeFileSync(join(dir, 'icon.png'), encodePng(SIZE, SIZE, rasterize()));
  console.log('wrote build/icon.svg and build/icon.png (512×512)');
}
