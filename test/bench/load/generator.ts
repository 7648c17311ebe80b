/**
 * The load generator: a process of its own (forked by the bench), its clients spread over worker
 * threads. Joins screens, then phones, says `ready`, waits for `go`, runs the timed phase, and
 * reports one merged result. Bounded: every phase has a deadline.
 */
import { Worker } from 'node:worker_threads';
import {
  HIST_BINS,
  MAX_SEQ,
  histQuantile,
  sharedNow,
  type FromGenerator,
  type FromWorker,
  type GeneratorPhase,
  type LoadConfig,
  type ToGenerator,
  type ToWorker,
  type WorkerResult,
} from './protocol';
import type { WorkerInit } from './worker';

const JOIN_DEADLINE_MS = 120_000;
const cfg = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const send = (m: FromGenerator) => process.send?.(m);

async function main(): Promise<void> {
  const seqSlots = Math.min(MAX_SEQ, Math.ceil(cfg.hz * cfg.seconds) + 2) + 1;
  const sendTimes = new SharedArrayBuffer(cfg.phones * seqSlots * 8);
  const idToIndex = new SharedArrayBuffer((cfg.phones * 4 + 4096) * 4);
  const workers = Array.from({ length: cfg.workers }, (_, w) => {
    const init: WorkerInit = {
      cfg,
      phoneIndexes: range(cfg.phones).filter((i) => i % cfg.workers === w),
      screenIndexes: range(cfg.screens).filter((i) => i % cfg.workers === w),
      sendTimes,
      seqSlots,
      idToIndex,
    };
    return spawnWorker(init);
  });
  const all = <T extends FromWorker['type']>(type: T, msg: ToWorker | null, ms: number) =>
    Promise.all(workers.map((w) => w.next(type, msg, ms)));

  const screenJoins = await all('joined', { type: 'screens' }, JOIN_DEADLINE_MS);
  const phoneJoins = await all('joined', { type: 'phones' }, JOIN_DEADLINE_MS);
  const joinErrors = [...screenJoins, ...phoneJoins].flatMap((m) =>
    m.type === 'joined' ? m.errors : [],
  );

  send({ type: 'ready' });
  await new Promise<void>((resolve) =>
    process.once('message', (m: ToGenerator) => m.type === 'go' && resolve()),
  );
  const cpu0 = process.cpuUsage();
  const t0 = sharedNow();
  const startAt = t0 + 200;
  const endAt = startAt + cfg.seconds * 1000;
  send({ type: 'started', startAt, endAt });
  const results = (
    await all('result', { type: 'go', startAt, endAt }, cfg.seconds * 1000 + 30_000)
  ).map((m) => (m as Extract<FromWorker, { type: 'result' }>).result);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = sharedNow() - t0;
  for (const w of workers) w.post({ type: 'close' });
  send({
    type: 'done',
    result: merge(results, (cpu.user + cpu.system) / 1000, wallMs, joinErrors),
  });
  setTimeout(() => process.exit(0), 500).unref();
}

function merge(results: WorkerResult[], cpuMs: number, wallMs: number, joinErrors: string[]) {
  const merged = (pick: (r: WorkerResult) => Uint32Array) => {
    const hist = new Uint32Array(HIST_BINS);
    for (const r of results) for (let i = 0; i < HIST_BINS; i++) hist[i]! += pick(r)[i]!;
    return hist;
  };
  const hist = merged((r) => r.hist);
  const samples = hist.reduce((a, n) => a + n, 0);
  const sum = (f: (r: WorkerResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const errors = [...new Set([...joinErrors, ...results.flatMap((r) => r.errors)])].slice(0, 10);
  return {
    sent: sum((r) => r.sent),
    delivered: sum((r) => r.delivered),
    deliveredStalled: sum((r) => r.deliveredStalled),
    late: sum((r) => r.late),
    p50: histQuantile(hist, 0.5),
    p99: histQuantile(hist, 0.99),
    max: histQuantile(hist, 1),
    waitP99: histQuantile(
      merged((r) => r.waitHist),
      0.99,
    ),
    deliverP99: histQuantile(
      merged((r) => r.deliverHist),
      0.99,
    ),
    phases: mergePhases(results),
    samples,
    cpuMs: Math.round(cpuMs),
    wallMs: Math.round(wallMs),
    errors,
  };
}

/** Each phase's figures over all workers (LoadConfig.phaseSeconds). */
function mergePhases(results: WorkerResult[]): GeneratorPhase[] {
  const screens = results.reduce((a, r) => a + r.liveScreens, 0);
  return (cfg.phaseSeconds ?? []).map((_, i) => {
    const hist = new Uint32Array(HIST_BINS);
    const gaps = new Uint32Array(HIST_BINS);
    let gapMax: number | null = null;
    let taps = 0;
    for (const r of results) {
      const p = r.phases[i]!;
      for (let b = 0; b < HIST_BINS; b++) {
        hist[b]! += p.hist[b]!;
        gaps[b]! += p.tickGapHist[b]!;
      }
      if (p.tickGapMaxMs > 0) gapMax = Math.max(gapMax ?? 0, p.tickGapMaxMs);
      taps += p.taps;
    }
    return {
      p50: histQuantile(hist, 0.5),
      p99: histQuantile(hist, 0.99),
      samples: hist.reduce((a, n) => a + n, 0),
      tickGapP99: histQuantile(gaps, 0.99),
      tickGapMax: gapMax === null ? null : Math.round(gapMax * 100) / 100,
      tapsPerScreen: screens > 0 ? Math.round(taps / screens) : 0,
    };
  });
}

/** A worker thread running worker.ts (through tsx, which Node 20 does not pass to workers). */
function spawnWorker(init: WorkerInit) {
  const api = import.meta.resolve('tsx/esm/api');
  const file = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: init });
  const inbox: FromWorker[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on('message', (m: FromWorker) => (inbox.push(m), wake?.()));
  worker.on('error', (err) => ((failure = err), wake?.()));
  return {
    post: (m: ToWorker) => worker.postMessage(m),
    /** Posts `msg` (if any), then resolves with the next message of `type`, or rejects at the deadline. */
    async next(type: FromWorker['type'], msg: ToWorker | null, ms: number): Promise<FromWorker> {
      if (msg) worker.postMessage(msg);
      const deadline = Date.now() + ms;
      for (;;) {
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return inbox.splice(i, 1)[0]!;
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`load worker: no "${type}" within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 250);
          wake = () => (clearTimeout(t), resolve());
        });
      }
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

main().catch((err: unknown) => {
  send({ type: 'failed', error: (err as Error).message });
  setTimeout(() => process.exit(1), 200).unref();
});
