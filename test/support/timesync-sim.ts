/**
 * Drives the npm `timesync` client over a SimWorld, on the same virtual clock as ClockSync.
 *
 * timesync reads time through its `now` option (we pass the simulated local clock) and waits
 * with the global setTimeout/setInterval; while it runs, those globals are swapped for virtual
 * timers on the simulated local clock, and the world awaits one macrotask after every event
 * so timesync's promise chains settle before time moves on. Its transport is its documented
 * extension point: we override `send` (request → simulated uplink → the hub answers with its
 * clock → simulated downlink → `receive`), and its returned promise rejects after
 * `options.timeout` of virtual time like timesync's own HTTP transport does.
 */
import { createRequire } from 'node:module';
import type { SimWorld } from './link-sim';
import type { ClockTracePoint } from './clock-sim';

export interface TimesyncOptions {
  interval: number | null;
  timeout: number;
  delay: number;
  repeat: number;
}

interface TimesyncInstance {
  send(to: string, data: { id: number }, timeout: number): Promise<void>;
  receive(from: string, data: unknown): void;
  now(): number;
  on(event: string, fn: (arg: unknown) => void): void;
  destroy(): void;
}

let create: ((opts: Record<string, unknown>) => TimesyncInstance) | null = null;

function loadTimesync(): (opts: Record<string, unknown>) => TimesyncInstance {
  if (create) return create;
  // timesync's Node build require()s the 'promise' package unless a window.Promise exists; it is
  // not installed, so give it the native Promise (what it uses in every browser) while loading.
  const g = globalThis as { window?: unknown };
  const had = 'window' in g;
  g.window = { Promise };
  try {
    const mod = createRequire(import.meta.url)('timesync') as { create: typeof create };
    create = mod.create;
  } finally {
    if (!had) delete g.window;
  }
  return create!;
}

interface VirtualHandle {
  cancelled: boolean;
}

/** Swaps the global timers for virtual ones on the world's local clock; returns the restorer. */
function installVirtualTimers(world: SimWorld): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map(
    (k) => [k, g[k]] as const,
  );
  const later = (fn: () => void, ms: number, repeat: boolean): VirtualHandle => {
    const h: VirtualHandle = { cancelled: false };
    const fire = (): void => {
      if (h.cancelled) return;
      if (repeat) world.afterLocal(Math.max(ms, 1), fire);
      fn();
    };
    world.afterLocal(Math.max(0, ms || 0), fire);
    return h;
  };
  const cancel = (h: unknown): void => {
    if (h && typeof h === 'object') (h as VirtualHandle).cancelled = true;
  };
  g.setTimeout = (fn: () => void, ms?: number) => later(fn, ms ?? 0, false);
  g.setInterval = (fn: () => void, ms?: number) => later(fn, ms ?? 0, true);
  g.clearTimeout = cancel;
  g.clearInterval = cancel;
  return () => {
    for (const [k, v] of saved) g[k] = v;
  };
}

export interface TimesyncRun {
  trace: ClockTracePoint[];
  /** True time at which its first sync finished (its own "synced"), or null. */
  convergeMs: number | null;
  requests: number;
}

export async function runTimesync(
  world: SimWorld,
  durationMs: number,
  options: TimesyncOptions,
  sampleEveryMs = 10,
): Promise<TimesyncRun> {
  const createTimesync = loadTimesync();
  const restore = installVirtualTimers(world);
  const trace: ClockTracePoint[] = [];
  let convergeMs: number | null = null;
  let requests = 0;
  let ts: TimesyncInstance | null = null;
  try {
    ts = createTimesync({ ...options, server: 'hub', now: () => world.localAt() });
    const client = ts;
    client.on('error', () => {}); // lost/timed-out requests are expected; timesync skips them
    client.on('sync', (state) => {
      if (state === 'end' && convergeMs === null) convergeMs = world.trueNow;
    });
    client.send = (to, data, timeout) =>
      new Promise<void>((resolve, reject) => {
        requests++;
        let done = false;
        world.afterLocal(timeout, () => {
          if (!done) reject(new Error('timeout'));
          done = true;
        });
        world.transmit('up', () => {
          const reply = { jsonrpc: '2.0', id: data.id, result: world.hubAt() };
          world.transmit('down', () => {
            if (done) return;
            done = true;
            client.receive(to, reply);
            resolve();
          });
        });
      });
    const sample = (): void => {
      const estimate = client.now();
      trace.push({
        T: world.trueNow,
        error: estimate - world.hubAt(),
        bound: NaN,
        converged: convergeMs !== null,
        estimate,
        epoch: 0,
      });
      if (world.trueNow + sampleEveryMs <= durationMs)
        world.at(world.trueNow + sampleEveryMs, sample);
    };
    world.at(sampleEveryMs, sample);
    await world.runUntilAsync(durationMs, () => new Promise((r) => setImmediate(r)));
  } finally {
    ts?.destroy();
    restore();
  }
  return { trace, convergeMs, requests };
}
