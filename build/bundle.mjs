// Builds everything that runs: main/ for Node (ESM), main/electron/ for Electron (CJS), and each
// renderer/<page>/ into a static page served by the hub. Flag art is copied from flag-icons.
import { build } from 'esbuild';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** V8 flags the hub runs with (read back by test/bench/load/server-proc.ts from the shebang). */
const HUB_NODE_FLAGS = '--max-semi-space-size=32';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const production = process.env.NODE_ENV === 'production';
rmSync(out, { recursive: true, force: true });

const nodeEntries = ['main/cli.ts', 'main/start.ts'].filter((f) => existsSync(join(root, f)));
await build({
  entryPoints: nodeEntries.map((f) => join(root, f)),
  outdir: join(out, 'main'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // A 32 MB young generation: under a crowd, ws's per-message buffers otherwise outlive the default
  // 16 MB semi-space and get promoted, so the hub's RSS grows ~85 MB in 10 s instead of ~20
  // (docs/hot-path.md). package.json's scripts and main/start.ts pass the same flag (checked by
  // test/integration/bin.integration.test.ts).
  banner: { js: `#!/usr/bin/env -S node ${HUB_NODE_FLAGS}` },
  logLevel: 'warning',
});
// Executable like an installed bin, so the shebang (and its flags) can be run and tested as is.
chmodSync(join(out, 'main', 'cli.js'), 0o755);

// The app entry runs in Electron's main process; the preload in a sandboxed renderer, where only
// `require('electron')` exists, so it gets no banner.
for (const [entry, needsMetaUrl] of [
  ['main/electron/app.ts', true],
  ['main/electron/preload.ts', false],
]) {
  if (!existsSync(join(root, entry))) continue;
  await build({
    entryPoints: [join(root, entry)],
    outdir: join(out, 'main', 'electron'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    packages: 'external',
    // Shared main/ code finds files from import.meta.url, which CJS lacks: derive it from __filename.
    ...(needsMetaUrl
      ? {
          define: { 'import.meta.url': '__flagwallImportMetaUrl' },
          banner: {
            js: "const __flagwallImportMetaUrl = require('url').pathToFileURL(__filename).href;",
          },
        }
      : {}),
    sourcemap: true,
    logLevel: 'warning',
  });
}

const pages = readdirSync(join(root, 'renderer')).filter((d) =>
  existsSync(join(root, 'renderer', d, 'main.ts')),
);
await build({
  entryPoints: Object.fromEntries(
    pages.map((p) => [`${p}/main`, join(root, 'renderer', p, 'main.ts')]),
  ),
  outdir: join(out, 'renderer'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: !production,
  logLevel: 'warning',
});
for (const page of pages) {
  for (const file of readdirSync(join(root, 'renderer', page))) {
    if (/\.(html|css|svg|png|webmanifest)$/.test(file))
      cpSync(join(root, 'renderer', page, file), join(out, 'renderer', page, file));
  }
}

// Flag art: flag-icons' 4:3 country flags (two-letter codes only) plus our Esperanto flag.
const flagsOut = join(out, 'renderer', 'flags');
mkdirSync(flagsOut, { recursive: true });
const flagSrc = join(root, 'node_modules', 'flag-icons', 'flags', '4x3');
for (const file of readdirSync(flagSrc))
  if (/^[a-z]{2}\.svg$/.test(file)) cpSync(join(flagSrc, file), join(flagsOut, file));
cpSync(join(root, 'renderer', 'common', 'eo.svg'), join(flagsOut, 'eo.svg'));

// Gzipped copies (x.svg → x.svg.gz) the hub sends to browsers that accept gzip: a phone's first
// load shrinks about 3× (main/hub/static-files.ts). Made here, once, not on every hub start.
const COMPRESSIBLE = /\.(html|js|css|svg|json|webmanifest)$/; // not .map: dev only
const compress = (dir) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) compress(full);
    else if (COMPRESSIBLE.test(name)) {
      const raw = readFileSync(full);
      const gz = gzipSync(raw, { level: 9 });
      if (gz.length < raw.length * 0.9) writeFileSync(`${full}.gz`, gz);
    }
  }
};
compress(join(out, 'renderer'));
