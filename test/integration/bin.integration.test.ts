/**
 * The `flagwall` bin as npm and npx run it: through its shebang. The kernel runs
 * `/usr/bin/env -S node <flags>`, so the hub must come up with the V8 flags the bundle put there
 * (a 32 MB young generation, docs/hot-path.md). Linux: reads /proc/<pid>/cmdline.
 * Needs the bundle (`node build/bundle.mjs`; `npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_PATH } from '../support/hub-process';
import { LineProcess } from '../support/line-process';

const dirs: string[] = [];
const procs: LineProcess[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the flagwall bin', () => {
  it.runIf(process.platform === 'linux')(
    'starts the hub through its shebang, with the young-generation flag',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'flagwall-bin-'));
      dirs.push(data);
      const child = spawn(
        CLI_PATH,
        ['hub', '--no-mdns', '--host', '127.0.0.1', '--port', '0', '--data', data],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FLAGWALL_LOG: 'warn' } },
      );
      const proc = new LineProcess(child);
      procs.push(proc);
      await proc.waitForText((t) => t.startsWith('health:'), 10_000);
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      expect(argv.slice(0, 3)).toEqual(['node', '--max-semi-space-size=32', CLI_PATH]);
      expect(argv.slice(3, 5)).toEqual(['hub', '--no-mdns']);
    },
  );

  it('every other way of starting the hub passes the same V8 flags as the shebang', () => {
    const shebangFlags = readFileSync(CLI_PATH, 'utf8').split('\n', 1)[0]!.split(' ').slice(3);
    expect(shebangFlags.length).toBeGreaterThan(0);
    const flags = shebangFlags.join(' ');
    const root = join(CLI_PATH, '..', '..', '..');
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.start).toContain(`node ${flags} dist/main/start.js`);
    expect(scripts.hub).toContain(`node ${flags} dist/main/cli.js hub`);
    // Electron takes main-process V8 flags only as --js-flags on its command line.
    expect(readFileSync(join(root, 'main/start.ts'), 'utf8')).toContain(`'--js-flags=${flags}'`);
  });
});
