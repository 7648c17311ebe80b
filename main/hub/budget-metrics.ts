/** /metrics for the budget gate (budget-gate.ts): drops by kind, closes, refused connections. */
import { Counter, Gauge, type Registry } from 'prom-client';
import { KIND_NAMES } from './budgets';
import type { Hub } from './hub';

/** A counter that follows a plain number the hub bumps (read at scrape time). */
function follow(
  name: string,
  help: string,
  registers: Registry[],
  labelNames: string[],
  read: () => [Record<string, string>, number][],
): void {
  const reported = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames,
    registers,
    collect() {
      for (const [labels, value] of read()) {
        const key = JSON.stringify(labels);
        const before = reported.get(key) ?? 0;
        if (value > before) this.inc(labels, value - before);
        reported.set(key, value);
      }
    },
  });
}

export function registerBudgetMetrics(hub: Hub, registers: Registry[]): void {
  const c = hub.gate.counters;
  follow(
    'flagwall_budget_drops_total',
    'Messages dropped over their budget, by kind (docs/protocol.md "Budgets").',
    registers,
    ['kind'],
    () => KIND_NAMES.map((kind, i) => [{ kind }, c.drops[i] ?? 0]),
  );
  follow(
    'flagwall_rate_limited_closed_total',
    'Sockets closed with RATE_LIMITED (4008) for sustained excess.',
    registers,
    [],
    () => [[{}, c.rateLimitClosed]],
  );
  follow(
    'flagwall_connections_refused_total',
    'New sockets or joins refused: churn (too many per address) or cooldown (after 4008).',
    registers,
    ['reason'],
    () => [
      [{ reason: 'churn' }, c.churnRefused],
      [{ reason: 'cooldown' }, c.cooldownRefused],
    ],
  );
  new Gauge({
    name: 'flagwall_live_ripples',
    help: 'Ripples alive on the wall now (capped: shared/scene/ripple-cap.ts).',
    registers,
    collect() {
      this.set(hub.liveRipples);
    },
  });
}
