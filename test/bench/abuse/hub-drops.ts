/**
 * The hub's drop and refusal counters, read generically from /metrics: every counter whose name
 * says it drops, limits, refuses or closes something, keyed by its short name and label values
 * (`rate_limited`, `dropped{kind=ping}` → `dropped.ping`). Whatever counters the hub grows, the
 * bench reports them without a change here.
 */
import { parsePrometheusText } from '../../support/prometheus-text';

export type Drops = Record<string, number>;

const DROP_NAME =
  /drop|rate_limit|limited|refus|reject|slow_closed|bad_messages|banned|throttl|skipped_ticks_total/;

export async function readDrops(baseUrl: string): Promise<Drops> {
  const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const { samples } = parsePrometheusText(await res.text());
  const out: Drops = {};
  for (const s of samples) {
    if (!s.name.startsWith('flagwall_') || !DROP_NAME.test(s.name)) continue;
    const short = s.name.replace(/^flagwall_/, '').replace(/_total$/, '');
    const labels = Object.values(s.labels);
    out[labels.length ? `${short}.${labels.join('.')}` : short] = s.value;
  }
  return out;
}

/** after − before per key (a counter that appeared meanwhile counts from 0). */
export function dropsBetween(before: Drops, after: Drops): Drops {
  const out: Drops = {};
  for (const [k, v] of Object.entries(after)) out[k] = Math.round(v - (before[k] ?? 0));
  return out;
}
