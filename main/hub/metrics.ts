/**
 * GET /metrics in Prometheus text format (prom-client). Each hub has its own Registry, so several
 * hubs in one process (tests) never clash. Nearly everything is read from the hub's plain counters
 * at scrape time: the hot path only bumps integers; the one per-tick call is the tick histogram.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Hub, HubCounters } from './hub';
import { countPhones } from './hub-queries';
import { registerBudgetMetrics } from './budget-metrics';

const LAG_RESOLUTION_MS = 10;

export interface HubMetrics {
  registry: Registry;
  /** The /metrics route for createHubServer's `routes`. */
  route(req: IncomingMessage, res: ServerResponse): void;
  /** Detaches from the hub and stops the event-loop monitor. */
  stop(): void;
}

/** Hub counters exported as Prometheus counters: [counter field, metric name, help]. */
const COUNTERS: [keyof HubCounters, string, string][] = [
  ['messagesIn', 'flagwall_messages_in_total', 'WebSocket messages received from clients.'],
  ['messagesOut', 'flagwall_messages_out_total', 'WebSocket messages sent to clients.'],
  ['phoneUpdates', 'flagwall_phone_updates_total', 'Moves and taps accepted from phones.'],
  ['rateLimited', 'flagwall_rate_limited_total', 'Phone messages dropped by the rate limit.'],
  ['badMessages', 'flagwall_bad_messages_total', 'Clients closed for a malformed message.'],
  ['ticks', 'flagwall_ticks_total', 'TICK frames encoded (one per tick for all screens).'],
  ['skippedTicks', 'flagwall_skipped_ticks_total', 'Ticks skipped for a backed-up client.'],
  ['catchUps', 'flagwall_catch_ups_total', 'Catch-up frames sent after skipped ticks.'],
  ['slowClosed', 'flagwall_slow_closed_total', 'Clients closed past the hard buffer cap.'],
  ['ripplesMerged', 'flagwall_ripples_merged_total', 'Taps that started no ripple (wall cap).'],
];

export function createHubMetrics(hub: Hub): HubMetrics {
  const registry = new Registry();
  const registers = [registry];

  for (const [field, name, help] of COUNTERS) {
    let reported = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const value = hub.counters[field];
        if (value > reported) this.inc(value - reported);
        reported = value;
      },
    });
  }

  registerBudgetMetrics(hub, registers);

  new Gauge({
    name: 'flagwall_clients',
    help: 'Connected clients by role (waiting: phones over capacity; pending: no hello yet).',
    labelNames: ['role'],
    registers,
    collect() {
      const counts = { screen: 0, phone: 0, operator: 0, waiting: 0, pending: 0 };
      for (const s of hub.sessions) {
        if (s.waiting) counts.waiting++;
        else if (s.role) counts[s.role]++;
        else counts.pending++;
      }
      for (const [role, n] of Object.entries(counts)) this.set({ role }, n);
    },
  });

  new Gauge({
    name: 'flagwall_phones',
    help: 'Phones on the wall: active, or dozing (disconnected within the grace period).',
    labelNames: ['state'],
    registers,
    collect() {
      const { active, dozing } = countPhones(hub.phones.values());
      this.set({ state: 'active' }, active);
      this.set({ state: 'dozing' }, dozing);
    },
  });

  new Counter({
    name: 'flagwall_screen_bytes_out_total',
    help: 'TICK bytes sent to each connected screen since it connected.',
    labelNames: ['screen'],
    registers,
    collect() {
      this.reset();
      for (const s of hub.screens) {
        if (s.screen) this.inc({ screen: s.screen.name }, s.screen.bytesOut);
      }
    },
  });

  new Gauge({
    name: 'flagwall_screen_skipped_ticks',
    help: 'Ticks each connected screen skipped because its socket was backed up.',
    labelNames: ['screen'],
    registers,
    collect() {
      this.reset();
      for (const s of hub.screens) {
        if (s.screen) this.set({ screen: s.screen.name }, s.screen.skippedTicks);
      }
    },
  });

  const tickSeconds = new Histogram({
    name: 'flagwall_tick_duration_seconds',
    help: 'Time to encode one tick and hand it to every screen.',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05],
    registers,
  });
  const frameBytes = new Histogram({
    name: 'flagwall_tick_frame_bytes',
    help: 'Size of each TICK frame.',
    buckets: [32, 256, 1024, 4096, 16384, 65536, 262144],
    registers,
  });
  hub.tickObserver = {
    tick(durationMs, bytes) {
      tickSeconds.observe(durationMs / 1000);
      frameBytes.observe(bytes);
    },
  };

  // The histogram records whole intervals of its own 10 ms timer (an idle loop reads ~10.1 ms),
  // so the resolution is taken off to report the delay itself.
  const loop = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  const lagSeconds = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS) / 1000;
  loop.enable();
  new Gauge({
    name: 'flagwall_event_loop_lag_seconds',
    help: 'Event-loop delay since the previous scrape, by quantile.',
    labelNames: ['quantile'],
    registers,
    collect() {
      for (const q of [50, 90, 99])
        this.set({ quantile: String(q / 100) }, lagSeconds(loop.percentile(q)));
      this.set({ quantile: '1' }, lagSeconds(loop.max));
      loop.reset();
    },
  });

  new Gauge({
    name: 'flagwall_process_resident_memory_bytes',
    help: 'Resident set size of the hub process.',
    registers,
    collect() {
      this.set(process.memoryUsage.rss());
    },
  });
  new Gauge({
    name: 'flagwall_process_memory_bytes',
    help: 'Hub memory by kind: JS heap used and total, and external (Buffers, native) memory.',
    labelNames: ['kind'],
    registers,
    collect() {
      const m = process.memoryUsage();
      this.set({ kind: 'heap_used' }, m.heapUsed);
      this.set({ kind: 'heap_total' }, m.heapTotal);
      this.set({ kind: 'external' }, m.external);
      this.set({ kind: 'array_buffers' }, m.arrayBuffers);
    },
  });
  new Counter({
    name: 'flagwall_process_cpu_seconds_total',
    help: 'User plus system CPU time of the hub process.',
    registers,
    collect() {
      const { user, system } = process.cpuUsage();
      this.reset();
      this.inc((user + system) / 1e6);
    },
  });

  return {
    registry,
    route(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        res.end();
        return;
      }
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : text);
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`metrics failed: ${(err as Error).message}\n`);
        },
      );
    },
    stop() {
      loop.disable();
      hub.tickObserver = null;
    },
  };
}
