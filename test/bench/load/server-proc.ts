/**
 * Starts each system's server as its own process and reads its CPU time and memory from
 * /proc/<pid> — the kernel's accounting of that process, the same way for all three systems.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SystemName } from './protocol';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const BENCH_KEY = 'bench-wall-key';

export interface ServerProc {
  system: SystemName;
  pid: number;
  baseUrl: string;
  /** null while the process runs. */
  exitCode(): number | null;
  /** Lines the server logged at error level or above, or an uncaught error's output (first 200). */
  errorLines(): { count: number; samples: string[] };
  stop(): Promise<void>;
}

/**
 * flagwall: `node <shebang flags> dist/main/cli.js hub --port 0 --host 127.0.0.1 --no-mdns
 * --data <tmp>`, exactly as users start it (build first); the port is parsed from its banner.
 * The others: our relay scripts under servers/. `maxPhones` seeds hub.json when the load needs
 * more than the default.
 */
export async function startServer(
  system: SystemName,
  opts: { maxPhones?: number } = {},
): Promise<ServerProc> {
  let child: ChildProcess;
  // BENCH_PROFILE_DIR=<dir>: every server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR]
    : [];
  let dataDir: string | null = null;
  if (system === 'flagwall') {
    dataDir = mkdtempSync(join(tmpdir(), 'flagwall-bench-'));
    if (opts.maxPhones) seedSettings(dataDir, { maxPhones: opts.maxPhones });
    // BENCH_HUB_CLI=<path to another build's dist/main/cli.js>: measure that hub (e.g. main's).
    const cli = process.env.BENCH_HUB_CLI ?? join(root, 'dist/main/cli.js');
    // The bin's shebang (`#!/usr/bin/env -S node <flags>`) is how npx and npm start it: same flags.
    const shebangFlags = readFileSync(cli, 'utf8').split('\n', 1)[0]!.split(' ').slice(3);
    // For investigating: BENCH_HUB_FLAGS adds node flags (e.g. "--trace-gc"), BENCH_HUB_LOG=<file>
    // keeps the hub's stdout.
    const extra = process.env.BENCH_HUB_FLAGS?.split(' ') ?? [];
    child = spawn(
      process.execPath,
      [
        ...shebangFlags,
        ...extra,
        ...profile,
        cli,
        'hub',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--no-mdns',
        '--data',
        dataDir,
        '--key',
        BENCH_KEY,
      ],
      {
        cwd: root,
        env: { ...process.env, FLAGWALL_LOG: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } else {
    // Two variants: socket.io with volatile emits, and the naive server receiving without relaying.
    const volatile = system === 'socketio_volatile';
    const floor = system === 'ws_floor';
    const script = join(
      root,
      `test/bench/load/servers/${volatile ? 'socketio' : floor ? 'naive' : system}-server.ts`,
    );
    child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
      cwd: root,
      env: {
        ...process.env,
        BENCH_SIO_VOLATILE: volatile ? '1' : '0',
        BENCH_NAIVE_RELAY: floor ? '0' : '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  if (process.env.BENCH_HUB_LOG) child.stdout!.pipe(createWriteStream(process.env.BENCH_HUB_LOG));
  const errors = watchErrors(child);
  const port = await portFromOutput(child, system);
  return {
    system,
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    exitCode: () => child.exitCode ?? (child.signalCode ? 128 : null),
    errorLines: () => ({ count: errors.count, samples: errors.samples.slice() }),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          if (dataDir) rmSync(dataDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => (clearTimeout(kill), done()));
        child.kill('SIGTERM');
      }),
  };
}

function seedSettings(dataDir: string, settings: Record<string, unknown>): void {
  // hub.json as the operator console would leave it; the hub fills in id and key on start.
  writeFileSync(
    join(dataDir, 'hub.json'),
    JSON.stringify({ hubId: 'bench-hub', wall: 'bench', key: BENCH_KEY, settings }, null, 2),
  );
}

/** pino's error and fatal levels (50, 60), and what Node prints for an uncaught error. */
const ERROR_LINE = /"level":(50|60)|Uncaught|Unhandled/;

function watchErrors(child: ChildProcess): { count: number; samples: string[] } {
  const seen = { count: 0, samples: [] as string[] };
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop()!.slice(-10_000);
      for (const line of lines) {
        if (!ERROR_LINE.test(line)) continue;
        seen.count++;
        if (seen.samples.length < 200) seen.samples.push(line.slice(0, 300));
      }
    });
  }
  return seen;
}

/** Reads stdout until the port shows up (keeps draining it after, so the server never blocks). */
function portFromOutput(child: ChildProcess, system: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => fail(new Error(`${system} server did not start within 30 s`)),
      30_000,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.stderr!.on('data', (d: Buffer) => {
      if (text.length < 10_000) text += d.toString();
    });
    child.stdout!.on('data', (d: Buffer) => {
      if (text.length > 10_000) return;
      text += d.toString();
      const m =
        /listening (\d+)/.exec(text) ?? /health:\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (m) {
        clearTimeout(timer);
        text = 'x'.repeat(10_001); // stop accumulating
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) =>
      fail(new Error(`${system} server exited (${code}): ${text.slice(0, 500)}`)),
    );
  });
}

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

/** User and system (kernel) CPU time of `pid` so far, ms (from /proc/<pid>/stat). */
export function procCpuSplitMs(pid: number): { user: number; sys: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  const ms = (field: string | undefined) => (Number(field) * 1000) / CLOCK_TICKS_PER_S;
  return { user: ms(fields[11]), sys: ms(fields[12]) };
}

/** Current and peak resident set size of `pid`, MB (from /proc/<pid>/status). */
export function procRssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
