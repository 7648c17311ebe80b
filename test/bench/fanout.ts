/**
 * `npm run bench -- fanout [--phones N] [--hz H] [--screens S] [--seconds T] [--stall 1]
 *  [--workers W] [--systems flagwall,socketio,naive]`
 * The same load (every phone's cursor must reach every screen) against three servers, one after
 * the other, each in its own process: our hub as users start it, socket.io 4, and a naive ws
 * relay. Prints one JSON line per system and a ratio line. Method: docs/hot-path.md.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runLoad, type LoadRun } from './load/run-load';
import { ALL_SYSTEMS, SYSTEMS, round2, type SystemName } from './load/protocol';

export interface FanoutLine {
  bench: 'fanout';
  system: SystemName;
  phones: number;
  hz: number;
  screens: number;
  sent: number;
  delivered: number;
  p50_ms: number | null;
  p99_ms: number | null;
  server_cpu_ms_per_1k_updates: number;
  server_peak_rss_mb: number;
  [extra: string]: unknown;
}

export async function main(args: string[]): Promise<FanoutLine[]> {
  const { values } = parseArgs({
    args,
    options: {
      phones: { type: 'string', default: '1000' },
      hz: { type: 'string', default: '30' },
      screens: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '10' },
      stall: { type: 'string', default: '0' },
      workers: { type: 'string', default: '2' },
      systems: { type: 'string', default: SYSTEMS.join(',') },
    },
    strict: true,
  });
  const num = (name: keyof typeof values, min: number, max: number): number => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < min || v > max)
      throw new TypeError(`--${name} must be ${min}..${max}, got "${values[name]}"`);
    return v;
  };
  const load = {
    phones: Math.round(num('phones', 1, 20_000)),
    hz: num('hz', 1, 120),
    screens: Math.round(num('screens', 1, 64)),
    seconds: num('seconds', 1, 600),
    stall: num('stall', 0, 1) === 1,
    workers: Math.round(num('workers', 1, 16)),
  };
  if (load.stall && load.screens < 2) throw new TypeError('--stall 1 needs at least 2 screens');
  const systems = String(values.systems).split(',') as SystemName[];
  for (const s of systems)
    if (!ALL_SYSTEMS.includes(s)) throw new TypeError(`unknown system "${s}"`);
  if (!existsSync(fileURLToPath(new URL('../../dist/main/cli.js', import.meta.url)))) {
    throw new Error('dist/main/cli.js is missing: build first (npm run bench does)');
  }

  const lines: FanoutLine[] = [];
  for (const system of systems) {
    const line = toLine(await runLoad(system, load), load);
    lines.push(line);
    process.stdout.write(JSON.stringify(line) + '\n');
  }
  const ratio = ratioLine(lines);
  if (ratio) process.stdout.write(JSON.stringify(ratio) + '\n');
  return lines;
}

function toLine(
  run: LoadRun,
  load: { phones: number; hz: number; screens: number; seconds: number; stall: boolean },
): FanoutLine {
  const r = run.result;
  const perK = (count: number) => (count > 0 ? round2(run.serverCpuMs / (count / 1000)) : 0);
  return {
    bench: 'fanout',
    system: run.system,
    phones: load.phones,
    hz: load.hz,
    screens: load.screens,
    sent: r.sent,
    delivered: r.delivered,
    p50_ms: r.p50,
    p99_ms: r.p99,
    server_cpu_ms_per_1k_updates: perK(r.sent),
    server_peak_rss_mb: round2(run.rssPeakMb),
    // Context, so a reader can judge the figures above:
    seconds: load.seconds,
    stall: load.stall ? 1 : 0,
    ...(load.stall ? { delivered_to_stalled: r.deliveredStalled } : {}),
    expected_deliveries: r.sent * (load.screens - (load.stall ? 1 : 0)),
    max_ms: r.max,
    ...(run.system === 'flagwall'
      ? { wait_for_tick_p99_ms: r.waitP99, tick_to_screen_p99_ms: r.deliverP99 }
      : {}),
    server_cpu_ms: Math.round(run.serverCpuMs),
    server_cpu_sys_ms: Math.round(run.serverSysMs),
    server_cpu_ms_per_1k_delivered: perK(r.delivered),
    server_rss_ready_mb: round2(run.rssReadyMb),
    server_rss_growth_mb: round2(run.rssMaxRunMb - run.rssReadyMb),
    loadgen_cpu_ms: r.cpuMs,
    loadgen_cpu_pct_of_one_core: round2((r.cpuMs / r.wallMs) * 100),
    loadgen_late_sends: r.late,
    // 1-minute load average at the end: this machine is shared, so say how busy it was.
    machine_load_1m: round2(loadavg()[0] ?? 0),
    ...run.hub,
    errors: r.errors,
  };
}

function ratioLine(lines: FanoutLine[]) {
  const fw = lines.find((l) => l.system === 'flagwall');
  if (!fw) return null;
  const ratio = (a: number | null, b: number | null) =>
    a !== null && b !== null && b > 0 ? round2(a / b) : null;
  const out: Record<string, unknown> = { bench: 'fanout', ratio: 'x/flagwall' };
  for (const other of lines.filter((l) => l !== fw)) {
    out[`${other.system}_cpu_per_1k`] = ratio(
      other.server_cpu_ms_per_1k_updates,
      fw.server_cpu_ms_per_1k_updates,
    );
    out[`${other.system}_p99`] = ratio(other.p99_ms, fw.p99_ms);
  }
  // The best CPU ratio any ws server could reach against socket.io: one that only receives the
  // moves (ws_floor) and does no work of its own.
  const sio = lines.find((l) => l.system === 'socketio');
  const floor = lines.find((l) => l.system === 'ws_floor');
  if (sio && floor) {
    out.ceiling_socketio_over_ws_floor_cpu_per_1k = ratio(
      sio.server_cpu_ms_per_1k_updates,
      floor.server_cpu_ms_per_1k_updates,
    );
  }
  return out;
}
