/**
 * A 1 s run of `npm run bench -- fanout` (all three systems, small load) so the bench cannot
 * rot: every server starts, every phone's moves reach the screens, the figures are filled in.
 * No performance assertions here — those live in the bench's own output.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../bench/fanout';

describe('fanout bench smoke run', () => {
  it('runs flagwall, socketio and naive under the same load and reports each', async () => {
    const lines = await main(['--phones', '10', '--screens', '2', '--hz', '20', '--seconds', '1']);
    expect(lines.map((l) => l.system)).toEqual(['flagwall', 'socketio', 'naive']);
    for (const line of lines) {
      expect(line.errors, line.system).toEqual([]);
      expect(line.sent, line.system).toBeGreaterThan(10 * 20 * 0.5); // ≥ half a second's moves
      expect(line.delivered, line.system).toBeGreaterThan(0);
      expect(line.delivered, line.system).toBeLessThanOrEqual(line.sent * 2);
      expect(line.p50_ms, line.system).not.toBeNull();
      expect(line.p99_ms!, line.system).toBeGreaterThanOrEqual(line.p50_ms!);
      expect(line.server_cpu_ms_per_1k_updates, line.system).toBeGreaterThanOrEqual(0);
      expect(line.server_peak_rss_mb, line.system).toBeGreaterThan(10);
    }
    // flagwall's latency also comes in its two parts, each on the same clock as the whole.
    const fw = lines[0]!;
    expect(fw.wait_for_tick_p99_ms).toBeGreaterThan(0);
    expect(fw.tick_to_screen_p99_ms).toBeGreaterThan(0);
    expect(fw.wait_for_tick_p99_ms as number).toBeLessThanOrEqual(fw.max_ms as number);
  }, 120_000);

  it('ws_floor receives every move and relays none (the CPU floor the others are read against)', async () => {
    const [floor] = await main([
      '--phones',
      '10',
      '--screens',
      '1',
      '--hz',
      '20',
      '--seconds',
      '1',
      '--systems',
      'ws_floor',
    ]);
    expect(floor!.errors).toEqual([]);
    expect(floor!.sent).toBeGreaterThan(10 * 20 * 0.5);
    expect(floor!.delivered).toBe(0);
    expect(floor!.server_cpu_ms).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
