/**
 * What the clock costs the page's main thread: ClockSync.addSample timed on a full history
 * (10 simulated minutes of Wi-Fi with a +100 ppm local clock, the drift profile), where every
 * pong refits the offset and every 8th also re-estimates the rate over all kept samples.
 */
import { percentile, runFlagwallClock } from '../support/clock-sim';
import { PROFILES, SimWorld } from '../support/link-sim';

export interface ClockCpu {
  /** Samples the clock held when timing started. */
  samples: number;
  pongs: number;
  meanMs: number;
  /** A pong that only refits the offset (7 in 8 skip the rate estimate). */
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export function measureClockCpu(pongs = 512): ClockCpu {
  const world = new SimWorld({ profile: PROFILES.wifi, seed: 1, localDriftPpm: 100 });
  const warm = 600_000;
  const { clock } = runFlagwallClock(world, warm, { sampleEveryMs: 60_000 });
  const samples = clock.stats().samples;
  const times: number[] = [];
  for (let i = 0; i < pongs; i++)
    world.at(warm + i * 50, () =>
      world.pingPong((s) => {
        const start = performance.now();
        clock.addSample(s);
        times.push(performance.now() - start);
      }),
    );
  world.runUntil(warm + pongs * 50 + 1000);
  return {
    samples,
    pongs: times.length,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    medianMs: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: Math.max(...times),
  };
}
