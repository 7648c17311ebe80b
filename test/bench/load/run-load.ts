/**
 * Runs one system under the load generator: server process, generator process (forked, with its
 * worker threads), server CPU and RSS from /proc sampled around the timed phase.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { procCpuMs, procRssMb, startServer, BENCH_KEY } from './server-proc';
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
  /** RSS when every client had joined, the highest sampled during the run, and the kernel's peak. */
  rssReadyMb: number;
  rssMaxRunMb: number;
  rssPeakMb: number;
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
  try {
    return await new Promise<LoadRun>((resolve, reject) => {
      let cpu0 = 0;
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
      gen.on('message', (m: FromGenerator) => {
        if (m.type === 'ready') {
          rssReady = procRssMb(server.pid).rss;
          rssMax = rssReady;
          sampler = setInterval(
            () => (rssMax = Math.max(rssMax, procRssMb(server.pid).rss)),
            RSS_SAMPLE_MS,
          );
          cpu0 = procCpuMs(server.pid);
          gen.send({ type: 'go' } satisfies ToGenerator);
        } else if (m.type === 'done') {
          const serverCpuMs = procCpuMs(server.pid) - cpu0;
          const { rss, peak } = procRssMb(server.pid);
          stop();
          resolve({
            system,
            result: m.result,
            serverCpuMs,
            rssReadyMb: rssReady,
            rssMaxRunMb: Math.max(rssMax, rss),
            rssPeakMb: peak,
          });
        } else {
          stop();
          reject(new Error(`${system}: load generator failed: ${m.error}`));
        }
      });
      gen.once('exit', (code) => {
        stop();
        reject(new Error(`${system}: load generator exited (${code})`));
      });
    });
  } finally {
    if (gen.exitCode === null) gen.kill('SIGKILL');
    await server.stop();
  }
}
