// `npm run audit:electron`: @doyensec/electronegativity over the Electron sources (main/electron,
// TypeScript) and the built bundle (dist/main/electron; copied as .js, the tool skips .cjs).
// `node build/audit-electron.mjs <dir>…` audits those folders instead.
// Fails on any HIGH or MEDIUM finding; LOW/INFORMATIONAL ones are printed (docs/electron.md
// lists the accepted ones).
//
// Offline on purpose: the tool fetches translations and Electron's release list over the
// network (and would rewrite its own release file in node_modules). A stub `got` that refuses
// every request is put in the require cache first; the tool then falls back to its bundled data.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(
  join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js'),
);
const ELECTRON_VERSION = require(join(root, 'node_modules', 'electron', 'package.json')).version;

function refuseNetwork() {
  const offline = () => Promise.reject(new Error('flagwall audit runs offline'));
  offline.head = offline;
  offline.get = offline;
  const gotPath = require.resolve('got');
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: { default: offline, __esModule: true },
  };
}

/** Runs the audit; returns { blocking, other, errors } (findings as plain objects). */
export async function auditElectron({ quiet = false, inputs = [] } = {}) {
  refuseNetwork();
  const log = console.log;
  if (quiet) console.log = () => {};
  try {
    const runner = require('@doyensec/electronegativity');
    const run = runner.default ?? runner;
    const targets = inputs.length
      ? inputs.map((input) => ({ label: input, input }))
      : [{ label: 'main/electron', input: join(root, 'main', 'electron') }];
    const built = join(root, 'dist', 'main', 'electron');
    let tmp = null;
    if (!inputs.length && existsSync(built)) {
      tmp = mkdtempSync(join(tmpdir(), 'flagwall-audit-'));
      for (const f of readdirSync(built))
        if (f.endsWith('.cjs')) copyFileSync(join(built, f), join(tmp, f.replace(/\.cjs$/, '.js')));
      targets.push({ label: 'dist/main/electron', input: tmp });
    }
    const findings = [];
    const errors = [];
    const scanned = targets.map(
      ({ label, input }) =>
        `${label} (${readdirSync(input).filter((f) => /\.(ts|js)$/.test(f)).length} files)`,
    );
    try {
      for (const { label, input } of targets) {
        const result = await run(
          {
            input,
            isRelative: true,
            electronVersionOverride: ELECTRON_VERSION,
            excludeFromScan: [],
          },
          false,
        );
        for (const e of result.errors) errors.push(`${label}/${e.file}: ${e.message}`);
        for (const i of result.issues)
          findings.push({
            target: label,
            id: i.id,
            severity: i.severity.name,
            confidence: i.confidence.name,
            file: i.file,
            line: i.location.line,
            sample: i.sample,
            description: i.description,
          });
      }
    } finally {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }
    const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    return {
      blocking,
      other: findings.filter((f) => !blocking.includes(f)),
      errors,
      scanned,
      suppressed: suppressions(),
    };
  } finally {
    console.log = log;
  }
}

/** Every reviewed `eng-disable` in the sources, so a suppression is never silent. */
function suppressions() {
  const dir = join(root, 'main', 'electron');
  const found = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.ts')) continue;
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = /eng-disable ([A-Z_ ]+?)\s*\*\//.exec(line);
        if (m) found.push(`main/electron/${f}:${i + 1} ${m[1]}`);
      });
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { blocking, other, errors, scanned, suppressed } = await auditElectron({
    quiet: true,
    inputs: process.argv.slice(2),
  });
  const show = (f) =>
    `  ${f.severity} ${f.id} ${f.target}/${f.file}:${f.line}${f.sample ? ` (${f.sample})` : ''}`;
  console.log(`scanned ${scanned.join(', ')}`);
  for (const e of errors) console.log(`parse error: ${e}`);
  console.log(
    `electronegativity ${ELECTRON_VERSION}: ${blocking.length} high/medium, ${other.length} low/informational`,
  );
  for (const f of [...blocking, ...other]) console.log(show(f));
  for (const s of suppressed) console.log(`  reviewed, suppressed inline: ${s}`);
  process.exitCode = blocking.length || errors.length ? 1 : 0;
}
