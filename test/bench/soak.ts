/**
 * `npm run bench -- soak [--minutes M] [--phones P] [--hz H] [--screens S]`
 * Phones join and leave continuously against a real hub (started as users start it). Prints the
 * hub's RSS at start (after a warm-up that fills the pool and lets the first dozing phones expire)
 * and at the end, and every error the clients saw. Target: growth < 10%.
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { procRssMb, startServer, BENCH_KEY } from './load/server-proc';
import { round2 } from './load/protocol';
import { hubFigures } from './load/run-load';
import type { SoakConfig, SoakTotals } from './load/soak-generator';

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string', default: '10' },
      phones: { type: 'string', default: '500' },
      hz: { type: 'string', default: '10' },
      screens: { type: 'string', default: '2' },
    },
    strict: true,
  });
  const minutes = Number(values.minutes);
  const phones = Number(values.phones);
  const hz = Number(values.hz);
  const screens = Number(values.screens);
  if (!(minutes > 0 && minutes <= 120)) throw new TypeError('--minutes must be in (0, 120]');
  if (!(phones >= 1 && phones <= 5000 && hz > 0 && hz <= 60 && screens >= 1 && screens <= 16)) {
    throw new TypeError('--phones 1..5000, --hz (0, 60], --screens 1..16');
  }
  // Warm-up: the pool fills (5 s), the longest first sessions end (20 s), their 30 s grace runs out.
  const warmupMs = Math.min(60_000, minutes * 60_000 * 0.25);

  const server = await startServer('flagwall');
  const cfg: SoakConfig = { baseUrl: server.baseUrl, key: BENCH_KEY, phones, screens, hz, minutes };
  const gen = fork(
    fileURLToPath(new URL('./load/soak-generator.ts', import.meta.url)),
    [JSON.stringify(cfg)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const started = Date.now();
  const rssBoot = procRssMb(server.pid).rss;
  let rssStart: number | null = null;
  let rssMax = 0;
  let totals: SoakTotals | null = null;
  try {
    totals = await new Promise<SoakTotals>((resolve, reject) => {
      const sampler = setInterval(() => {
        const { rss } = procRssMb(server.pid);
        if (rssStart === null && Date.now() - started >= warmupMs) rssStart = rss;
        if (rssStart !== null) rssMax = Math.max(rssMax, rss);
      }, 1000);
      const limit = setTimeout(
        () => reject(new Error('soak ran past its time limit')),
        minutes * 60_000 + 60_000,
      );
      gen.on('message', (m: { type: string; totals: SoakTotals }) => {
        if (m.type !== 'done') return;
        clearInterval(sampler);
        clearTimeout(limit);
        resolve(m.totals);
      });
      gen.once('exit', (code) => {
        clearInterval(sampler);
        clearTimeout(limit);
        reject(new Error(`soak generator exited (${code})`));
      });
    });
    const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as {
      phones: number;
      dozing: number;
    };
    const rssEnd = procRssMb(server.pid).rss;
    const { hub_skipped_ticks, hub_slow_closed, hub_rate_limited } = await hubFigures(
      server.baseUrl,
    );
    const start = rssStart ?? rssBoot;
    const line = {
      bench: 'soak',
      minutes,
      phones,
      hz,
      screens,
      rss_boot_mb: round2(rssBoot),
      rss_start_mb: round2(start),
      rss_end_mb: round2(rssEnd),
      rss_max_after_warmup_mb: round2(Math.max(rssMax, rssEnd)),
      rss_growth_pct: round2(((rssEnd - start) / start) * 100),
      warmup_s: warmupMs / 1000,
      joins: totals.joins,
      resumes: totals.resumes,
      leaves: totals.leaves,
      moves: totals.moves,
      taps: totals.taps,
      waits: totals.waits,
      ticks_received: totals.ticksReceived,
      hub_phones_end: health.phones,
      hub_dozing_end: health.dozing,
      hub_skipped_ticks,
      hub_slow_closed,
      hub_rate_limited,
      errors: totals.errors,
      error_samples: totals.errorSamples,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
    return line;
  } finally {
    if (gen.exitCode === null) gen.kill('SIGKILL');
    await server.stop();
  }
}
