/**
 * A short run of `npm run bench -- abuse --smoke` through its real entry point (2 s phases, fewer
 * clients, every attack still on), so the bench cannot rot. It asserts only what a loaded 2-core
 * CI machine reliably gives: well-formed lines, every attack ran, the hub did not crash, the
 * snapshot stayed within 256 kB and the hub's RSS grew by less than 100 MB. Latency, tick gaps and
 * join time are measurements: the full bench reports them (docs/abuse.md).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

const PHASE_KEYS = [
  'bench',
  'phase',
  'honest_p50_ms',
  'honest_p99_ms',
  'tick_gap_p99_ms',
  'tick_gap_max_ms',
  'rss_peak_mb',
  'rss_growth_mb',
  'snapshot_bytes',
  'live_ripples',
  'ripples_per_s',
  'join_live_ms',
  'drops',
  'crashes',
];
const TARGETS = [
  'attack_p99_within_1_5x_quiet',
  'no_tick_gap_over_100ms',
  'rss_growth_under_100mb',
  'snapshot_within_256kb',
  'join_live_under_2s',
  'zero_crashes',
];
const numOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

describe('abuse bench smoke run', () => {
  it('runs both phases against one hub, every attack on, and the hub holds', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'test/bench/run.ts', 'abuse', '--smoke'],
      { timeout: 150_000 },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    const [quiet, attack, context, summary] = lines as [
      Record<string, unknown>,
      Record<string, unknown>,
      { context: Record<string, unknown> },
      { targets: Record<string, unknown> },
    ];
    for (const [line, phase] of [
      [quiet, 'quiet'],
      [attack, 'attack'],
    ] as const) {
      expect(Object.keys(line), phase).toEqual(PHASE_KEYS);
      expect(line.bench).toBe('abuse');
      expect(line.phase).toBe(phase);
      for (const k of PHASE_KEYS.slice(2, -2))
        expect(numOrNull(line[k]), `${phase} ${k}`).toBe(true);
      for (const v of Object.values(line.drops as object)) expect(typeof v).toBe('number');
      expect(line.crashes, phase).toBe(0);
      expect(line.snapshot_bytes as number, phase).toBeGreaterThan(0);
      expect(line.snapshot_bytes as number, phase).toBeLessThanOrEqual(256 * 1024);
      expect(line.rss_growth_mb as number, phase).toBeLessThan(100);
      expect(line.rss_peak_mb as number, phase).toBeGreaterThan(10);
    }
    // The honest load was measured in the quiet phase; the hub ticked at the screens.
    expect(quiet.honest_p50_ms).not.toBeNull();
    expect(quiet.tick_gap_max_ms).not.toBeNull();
    // Every attack sent something or was answered by the hub.
    const attackers = context.context.attackers as Record<string, Record<string, number>>;
    const total = (kind: string) => Object.values(attackers[kind] ?? {}).reduce((a, n) => a + n, 0);
    for (const kind of ['pingFlood', 'waiting', 'tapStorm', 'ghosts', 'profileSpam', 'locateSpam'])
      expect(total(kind), kind).toBeGreaterThan(0);
    expect(attackers.wrongKeys!.attempts, 'wrong keys').toBeGreaterThan(0);
    expect(attackers.wrongKeys!.accepted ?? 0, 'a wrong key let in').toBe(0);
    expect(Object.keys(summary.targets)).toEqual(TARGETS);
    for (const t of TARGETS) expect(typeof summary.targets[t], t).toBe('boolean');
    expect(summary.targets.zero_crashes).toBe(true);
  }, 180_000);
});
