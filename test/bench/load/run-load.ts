/**
 * Runs one system under the load generator: server process, generator process (forked, with its
 * worker threads), server CPU and RSS from /proc sampled around the timed phase.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { procCpuSplitMs, procRssMb, startServer, BENCH_KEY } from './server-proc';
import { parsePrometheusText } from '../../support/prometheus-text';
import { round2 } from './protocol';
import type {
  FromGenerator,
  GeneratorResult,
  LoadConfig,
  SystemName,
  ToGenerator,
} from './protocol';

export interface LoadRun {
  system: SystemName;
  result: GeneratorResult;
  serverCpuMs: number;
  /** The kernel's share of serverCpuMs (syscalls, socket work). */
  serverSysMs: number;
  /** RSS when every client had joined, the highest sampled during the run, and the kernel's peak. */
  rssReadyMb: number;
  rssMaxRunMb: number;
  rssPeakMb: number;
  /** flagwall only: what the hub's own /metrics said at the end of the run. */
  hub?: HubFigures;
}

export interface HubFigures {
  /** TICK frames the hub encoded during the timed phase (60 Hz × seconds when it keeps up). */
  hub_ticks_in_run: number | null;
  /** WebSocket messages the hub sent in the timed phase (ticks, ACKs, presence, pongs…). */
  hub_messages_out_in_run: number | null;
  hub_tick_ms_mean: number | null;
  hub_event_loop_lag_p99_ms: number | null;
  hub_skipped_ticks: number | null;
  hub_catch_ups: number | null;
  hub_slow_closed: number | null;
  hub_rate_limited: number | null;
  /** JS heap used / reserved, and external (Buffer, native) memory at the end of the run, MB. */
  hub_heap_used_mb: number | null;
  hub_heap_total_mb: number | null;
  hub_external_mb: number | null;
}

const RSS_SAMPLE_MS = 100;

export async function runLoad(
  system: SystemName,
  load: Omit<LoadConfig, 'system' | 'baseUrl' | 'key'>,
): Promise<LoadRun> {
  const server = await startServer(system, load.phones > 2000 ? { maxPhones: load.phones } : {});
  const cfg: LoadConfig = { ...load, system, baseUrl: server.baseUrl, key: BENCH_KEY };
  const gen = fork(
    fileURLToPath(new URL('./generator.ts', import.meta.url)),
    [JSON.stringify(cfg)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const limitMs = 180_000 + load.seconds * 1000;
  // The hub's tick and sent-message counts when the timed phase starts (its /metrics also resets
  // the loop-lag window).
  const base = { ticks: null as number | null, out: null as number | null };
  try {
    const run = await new Promise<LoadRun>((resolve, reject) => {
      let cpu0 = { user: 0, sys: 0 };
      let rssReady = 0;
      let rssMax = 0;
      let sampler: NodeJS.Timeout | null = null;
      const timer = setTimeout(
        () => reject(new Error(`${system}: load run exceeded ${limitMs} ms`)),
        limitMs,
      );
      const stop = () => {
        clearTimeout(timer);
        if (sampler) clearInterval(sampler);
      };
      // Every client has joined: take the baselines, then start the timed phase.
      const readyToGo = async () => {
        if (system === 'flagwall') {
          const before = await hubFigures(server.baseUrl);
          base.ticks = before.hub_ticks_in_run;
          base.out = before.hub_messages_out_in_run;
        }
        rssReady = procRssMb(server.pid).rss;
        rssMax = rssReady;
        sampler = setInterval(
          () => (rssMax = Math.max(rssMax, procRssMb(server.pid).rss)),
          RSS_SAMPLE_MS,
        );
        cpu0 = procCpuSplitMs(server.pid);
        gen.send({ type: 'go' } satisfies ToGenerator);
      };
      gen.on('message', (m: FromGenerator) => {
        if (m.type === 'ready') {
          void readyToGo();
        } else if (m.type === 'done') {
          const cpu1 = procCpuSplitMs(server.pid);
          const serverSysMs = cpu1.sys - cpu0.sys;
          const serverCpuMs = cpu1.user - cpu0.user + serverSysMs;
          const { rss, peak } = procRssMb(server.pid);
          stop();
          resolve({
            system,
            result: m.result,
            serverCpuMs,
            serverSysMs,
            rssReadyMb: rssReady,
            rssMaxRunMb: Math.max(rssMax, rss),
            rssPeakMb: peak,
          });
        } else if (m.type === 'failed') {
          stop();
          reject(new Error(`${system}: load generator failed: ${m.error}`));
        }
      });
      gen.once('exit', (code) => {
        stop();
        reject(new Error(`${system}: load generator exited (${code})`));
      });
    });
    if (system === 'flagwall') {
      run.hub = await hubFigures(server.baseUrl);
      if (run.hub.hub_ticks_in_run !== null && base.ticks !== null) {
        run.hub.hub_ticks_in_run -= base.ticks;
      }
      if (run.hub.hub_messages_out_in_run !== null && base.out !== null) {
        run.hub.hub_messages_out_in_run -= base.out;
      }
    }
    return run;
  } finally {
    if (gen.exitCode === null) gen.kill('SIGKILL');
    await server.stop();
  }
}

const mb = (bytes: number | null): number | null =>
  bytes === null ? null : round2(bytes / (1024 * 1024));

/** Reads the hub's /metrics: tick cost, event-loop lag and the slow-consumer counters. */
export async function hubFigures(baseUrl: string): Promise<HubFigures> {
  const { samples } = parsePrometheusText(await (await fetch(`${baseUrl}/metrics`)).text());
  const get = (name: string, labels: Record<string, string> = {}) =>
    samples.find(
      (x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v),
    )?.value ?? null;
  const sum = get('flagwall_tick_duration_seconds_sum');
  const count = get('flagwall_tick_duration_seconds_count');
  const lag = get('flagwall_event_loop_lag_seconds', { quantile: '0.99' });
  return {
    hub_ticks_in_run: get('flagwall_ticks_total'),
    hub_messages_out_in_run: get('flagwall_messages_out_total'),
    hub_tick_ms_mean: sum !== null && count ? round2((sum / count) * 1000) : null,
    hub_event_loop_lag_p99_ms: lag === null ? null : round2(lag * 1000),
    hub_skipped_ticks: get('flagwall_skipped_ticks_total'),
    hub_catch_ups: get('flagwall_catch_ups_total'),
    hub_slow_closed: get('flagwall_slow_closed_total'),
    hub_rate_limited: get('flagwall_rate_limited_total'),
    hub_heap_used_mb: mb(get('flagwall_process_memory_bytes', { kind: 'heap_used' })),
    hub_heap_total_mb: mb(get('flagwall_process_memory_bytes', { kind: 'heap_total' })),
    hub_external_mb: mb(get('flagwall_process_memory_bytes', { kind: 'external' })),
  };
}
