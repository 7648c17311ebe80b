/**
 * A one-seed run of `npm run bench -- clock --no-chromium`, through its real entry point, so the
 * bench cannot rot: every system runs on every profile, the cost line and the summary come out
 * filled in. No accuracy or speed assertions here: those live in the bench's own output.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('clock bench smoke run', () => {
  it('prints a line per system and profile, what a pong costs, and the ratios', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'test/bench/run.ts', 'clock', '--seeds', '1', '--no-chromium'],
      { timeout: 120_000 },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const systems = ['flagwall', 'timesync', 'timesync-tuned', 'timesync-best'];
    const profiles = ['lan', 'wifi', 'wifi-bursty', 'drift'];
    const accuracy = lines.filter((l) => typeof l.profile === 'string');
    expect(accuracy.map((l) => `${l.profile}/${l.system}`)).toEqual(
      profiles.flatMap((p) => systems.map((s) => `${p}/${s}`)),
    );
    for (const l of accuracy) {
      const what = `${l.profile}/${l.system}`;
      expect(l.runs, what).toBe(1);
      expect(l.samples as number, what).toBeGreaterThan(100); // timesync-best starts late
      expect(l.p99_ms as number, what).toBeGreaterThanOrEqual(l.median_ms as number);
      expect(l.requests_per_s as number, what).toBeGreaterThan(0);
      if (l.system === 'flagwall') expect(l.outside_own_bound, what).toBe(0);
    }
    const cpu = lines.find((l) => 'cpu' in l)!;
    expect(cpu.pongs).toBe(512);
    expect(cpu.samples_held as number).toBeGreaterThan(10_000);
    expect(cpu.median_ms as number).toBeGreaterThan(0);
    expect(cpu.p99_ms as number).toBeGreaterThanOrEqual(cpu.median_ms as number);
    const summary = lines.at(-1)!;
    expect(summary.summary).toBe('p99 ratio timesync / flagwall');
    const ratios = summary.ratios as Record<string, Record<string, number>>;
    expect(Object.keys(ratios)).toEqual(profiles);
    for (const p of profiles)
      for (const s of systems.slice(1)) expect(ratios[p]![s], `${p}/${s}`).toBeGreaterThan(0);
  }, 150_000);
});
