/**
 * `npm run bench -- abuse [--smoke] [--seconds S]`
 * Issue 16's benchmark: one real hub (started as users start it, loopback, mDNS off), two phases
 * back to back. quiet: honest phones moving at 30 Hz and 2 screens (the fanout bench's load
 * generator, which times each move to a screen). attack: the same, plus every attack in
 * abuse/attacks.ts at once, from three attacker processes. Prints one JSON line per phase, a
 * context line (what the attackers sent and were told), and the targets. Method: docs/abuse.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startThrottleProxy } from '../support/throttle-proxy';
import {
  FULL,
  SMOKE,
  persistentAttackPhones,
  type AbuseConfig,
  type AttackKind,
} from './abuse/config';
import type { AttackerConfig, FromAttacker, ToAttacker } from './abuse/attacker';
import { dropsBetween, readDrops, type Drops } from './abuse/hub-drops';
import { lookAtSnapshot, timeJoinLive, type JoinLive, type SnapshotLook } from './abuse/probes';
import {
  round2,
  sharedNow,
  type FromGenerator,
  type GeneratorResult,
  type LoadConfig,
} from './load/protocol';
import { BENCH_KEY, procRssMb, startServer, type ServerProc } from './load/server-proc';

export interface AbuseLine {
  bench: 'abuse';
  phase: 'quiet' | 'attack';
  honest_p50_ms: number | null;
  honest_p99_ms: number | null;
  tick_gap_p99_ms: number | null;
  tick_gap_max_ms: number | null;
  rss_peak_mb: number;
  rss_growth_mb: number;
  snapshot_bytes: number | null;
  live_ripples: number | null;
  ripples_per_s: number;
  join_live_ms: number | null;
  drops: Drops;
  crashes: number;
}
export interface AbuseRun {
  lines: AbuseLine[];
  context: Record<string, unknown>;
  targets: Record<string, boolean>;
}

/**
 * Three attacker processes: message floods, the tap storm, and the socket churn (waiting phones,
 * ghosts, wrong keys), so a busy flood loop does not slow the joins of another attack.
 */
const ATTACKERS: AttackKind[][] = [
  ['pingFlood', 'profileSpam', 'locateSpam'],
  ['tapStorm'],
  ['waiting', 'ghosts', 'wrongKeys'],
];
const SETUP_DEADLINE_MS = 120_000;
const RSS_SAMPLE_MS = 100;
/** Hub log lines that mean a client's message made the hub throw, or the hub died. */
const CRASH_LINE = /handler threw|Uncaught|Unhandled|"level":60/;

export async function main(args: string[]): Promise<AbuseRun> {
  const { values } = parseArgs({
    args,
    options: { smoke: { type: 'boolean', default: false }, seconds: { type: 'string' } },
    strict: true,
  });
  const cfg: AbuseConfig = { ...(values.smoke ? SMOKE : FULL) };
  if (values.seconds !== undefined) {
    const s = Number(values.seconds);
    if (!(s >= 1 && s <= 120))
      throw new TypeError(`--seconds must be 1..120, got "${values.seconds}"`);
    cfg.phaseSeconds = s;
  }
  if (!existsSync(fileURLToPath(new URL('../../dist/main/cli.js', import.meta.url))))
    throw new Error('dist/main/cli.js is missing: build first (npm run bench does)');

  // The wall holds the honest phones, the attackers' phones and one place per ghost loop; the
  // waiting phones find it full.
  const maxPhones = cfg.honestPhones + persistentAttackPhones(cfg.attack) + cfg.attack.ghostLoops;
  const server = await startServer('flagwall', { maxPhones });
  const children: ChildProcess[] = [];
  const proxy = await startThrottleProxy({
    targetPort: Number(new URL(server.baseUrl).port),
    bytesPerSecond: cfg.throttleBytesPerSecond,
  });
  try {
    const wsUrl = `${server.baseUrl.replace(/^http/, 'ws')}/ws`;
    const attackers = ATTACKERS.map((kinds) =>
      spawnChild<FromAttacker>(
        './abuse/attacker.ts',
        { url: wsUrl, sizes: cfg.attack, kinds } satisfies AttackerConfig,
        children,
      ),
    );
    await Promise.all(attackers.map((a) => a.next('joined', SETUP_DEADLINE_MS)));
    const load: LoadConfig = {
      system: 'flagwall',
      baseUrl: server.baseUrl,
      key: BENCH_KEY,
      phones: cfg.honestPhones,
      screens: cfg.screens,
      hz: cfg.hz,
      seconds: cfg.phaseSeconds * 2,
      stall: false,
      workers: 2,
      phaseSeconds: [cfg.phaseSeconds, cfg.phaseSeconds],
    };
    const gen = spawnChild<FromGenerator>('./load/generator.ts', load, children);
    await gen.next('ready', SETUP_DEADLINE_MS);

    const rss = rssSampler(server.pid);
    const drops0 = await readDrops(server.baseUrl);
    gen.child.send({ type: 'go' });
    const started = await gen.next('started', 10_000);
    if (started.type !== 'started') throw new Error('generator did not start');
    const phaseMs = cfg.phaseSeconds * 1000;
    const watch = (i: number) =>
      watchPhase(server, proxy.port, cfg, started.startAt + i * phaseMs, phaseMs, rss);
    const quiet = await watch(0);
    for (const a of attackers)
      a.child.send({ type: 'go', endAt: Date.now() + phaseMs } satisfies ToAttacker);
    const attack = await watch(1);
    const done = await gen.next('done', 60_000);
    if (done.type !== 'done') throw new Error('generator failed');
    const counts = await Promise.all(attackers.map((a) => a.next('done', 60_000)));
    rss.stop();

    const lines = [
      toLine('quiet', quiet, drops0, done.result, 0, cfg),
      toLine('attack', attack, quiet.drops, done.result, 1, cfg),
    ];
    const context = {
      bench: 'abuse',
      context: {
        smoke: values.smoke,
        phase_seconds: cfg.phaseSeconds,
        honest_phones: cfg.honestPhones,
        screens: cfg.screens,
        max_phones: maxPhones,
        attack_sizes: cfg.attack,
        honest_samples: done.result.phases.map((p) => p.samples),
        honest_errors: done.result.errors,
        rss_baseline_mb: round2(rss.baseline),
        join_live: [quiet.join, attack.join],
        snapshot_phones: [quiet.snapshot?.phones ?? null, attack.snapshot?.phones ?? null],
        attackers: Object.assign(
          {},
          ...counts.map((m) => (m.type === 'done' ? m.counts : {})),
        ) as unknown,
        hub_error_lines: server.errorLines().samples.slice(0, 5),
        machine_load_1m: round2(loadavg()[0] ?? 0),
      },
    };
    const targets = checkTargets(lines);
    for (const line of [...lines, context, { bench: 'abuse', targets }])
      process.stdout.write(JSON.stringify(line) + '\n');
    return { lines, context: context.context, targets };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await proxy.close();
    await server.stop();
  }
}

interface PhaseWatch {
  rssPeak: number;
  /** Peak in this phase − RSS when the honest load had joined, before the quiet phase. */
  rssGrowth: number;
  snapshot: SnapshotLook | null;
  join: JoinLive;
  drops: Drops;
  crashes: number;
}

/**
 * One phase, from `start` (sharedNow) for `ms`: a screen joins over the throttled link a quarter
 * in, a screen reads the snapshot just before the end, the drop counters are read at the end.
 */
async function watchPhase(
  server: ServerProc,
  proxyPort: number,
  cfg: AbuseConfig,
  start: number,
  ms: number,
  rss: ReturnType<typeof rssSampler>,
): Promise<PhaseWatch> {
  const until = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - sharedNow())));
  const crashLines = () => server.errorLines().samples.filter((l) => CRASH_LINE.test(l)).length;
  await until(start);
  rss.phasePeak = 0;
  const crash0 = crashLines();
  const end = start + ms;
  const joinAt = start + ms / 4;
  const join = until(joinAt).then(() =>
    timeJoinLive(
      `ws://127.0.0.1:${proxyPort}/ws`,
      BENCH_KEY,
      Math.min(cfg.joinLiveLimitMs, end - joinAt),
    ),
  );
  const snapshot = until(end - Math.min(500, ms / 5)).then(() =>
    lookAtSnapshot(`${server.baseUrl.replace(/^http/, 'ws')}/ws`, BENCH_KEY),
  );
  const [joined, look] = await Promise.all([join, snapshot, until(end)]);
  const drops = await readDrops(server.baseUrl).catch((): Drops => ({}));
  const exited = server.exitCode() !== null ? 1 : 0;
  const rssPeak = rss.phasePeak;
  return {
    rssPeak,
    rssGrowth: rssPeak - rss.baseline,
    snapshot: look,
    join: joined,
    drops,
    crashes: exited + crashLines() - crash0,
  };
}

function toLine(
  phase: AbuseLine['phase'],
  w: PhaseWatch,
  dropsBefore: Drops,
  result: GeneratorResult,
  i: number,
  cfg: AbuseConfig,
): AbuseLine {
  const p = result.phases[i]!;
  return {
    bench: 'abuse',
    phase,
    honest_p50_ms: p.p50,
    honest_p99_ms: p.p99,
    tick_gap_p99_ms: p.tickGapP99,
    tick_gap_max_ms: p.tickGapMax,
    rss_peak_mb: round2(w.rssPeak),
    rss_growth_mb: round2(w.rssGrowth),
    snapshot_bytes: w.snapshot?.bytes ?? null,
    live_ripples: w.snapshot?.ripples ?? null,
    ripples_per_s: round2(p.tapsPerScreen / cfg.phaseSeconds),
    join_live_ms: w.join.ms,
    drops: dropsBetween(dropsBefore, w.drops),
    crashes: w.crashes,
  };
}

/** The targets, each true or false (a measurement: nothing fails on a miss). */
export function checkTargets(lines: AbuseLine[]): Record<string, boolean> {
  const [quiet, attack] = lines as [AbuseLine, AbuseLine];
  const SNAPSHOT_MAX = 256 * 1024;
  return {
    attack_p99_within_1_5x_quiet:
      attack.honest_p99_ms !== null &&
      quiet.honest_p99_ms !== null &&
      attack.honest_p99_ms <= 1.5 * quiet.honest_p99_ms,
    no_tick_gap_over_100ms: lines.every(
      (l) => l.tick_gap_max_ms !== null && l.tick_gap_max_ms <= 100,
    ),
    rss_growth_under_100mb: lines.every((l) => l.rss_growth_mb < 100),
    snapshot_within_256kb: lines.every(
      (l) => l.snapshot_bytes !== null && l.snapshot_bytes <= SNAPSHOT_MAX,
    ),
    join_live_under_2s: lines.every((l) => l.join_live_ms !== null && l.join_live_ms < 2000),
    zero_crashes: lines.every((l) => l.crashes === 0),
  };
}

/** The hub's RSS every 100 ms: the peak since the phase began, and the baseline at the start. */
function rssSampler(pid: number) {
  const read = () => {
    try {
      return procRssMb(pid).rss;
    } catch {
      return 0; // the process is gone (counted as a crash by the phase)
    }
  };
  const s = { baseline: read(), phasePeak: 0, stop: () => clearInterval(timer) };
  const timer = setInterval(() => (s.phasePeak = Math.max(s.phasePeak, read())), RSS_SAMPLE_MS);
  return s;
}

/** A forked helper (through tsx) and its IPC inbox: `next(type)` waits for a message of that type. */
function spawnChild<M extends { type: string }>(
  file: string,
  config: unknown,
  children: ChildProcess[],
) {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  const inbox: M[] = [];
  let wake: (() => void) | null = null;
  let exited: number | null = null;
  child.on('message', (m: M) => (inbox.push(m), wake?.()));
  child.once('exit', (code) => ((exited = code ?? 1), wake?.()));
  return {
    child,
    async next(type: M['type'], ms: number): Promise<M> {
      const deadline = Date.now() + ms;
      for (;;) {
        const i = inbox.findIndex((m) => m.type === type || m.type === 'failed');
        if (i >= 0) {
          const m = inbox.splice(i, 1)[0]!;
          if (m.type === 'failed')
            throw new Error(`${file} failed: ${(m as { error?: string }).error}`);
          return m;
        }
        if (exited !== null) throw new Error(`${file} exited (${exited}) before "${type}"`);
        if (Date.now() > deadline) throw new Error(`${file}: no "${type}" within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 250);
          wake = () => (clearTimeout(t), resolve());
        });
      }
    },
  };
}
