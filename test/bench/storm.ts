/**
 * `npm run bench -- storm [--phones N] [--policy jitter|plain|both] [--down-ms MS] [--cap-ms MS]`
 *
 * Reconnect storm. N phones (default 500; Node clients with the phone page's reconnect rules,
 * test/support/phone-swarm.ts) are on a real hub process on loopback (mDNS off); the hub is
 * SIGKILLed and restarted on the same port from the same data dir, at once or after `--down-ms`
 * (a machine rebooting). Measured: the largest number of connection attempts in any 100 ms
 * window (as sent, and as the policy scheduled them), total attempts, time until every phone is
 * welcomed back, and whether each kept its id and flag (resume token, restored from
 * <data>/phones.json). Policies run back to back in one run: PHONE_BACKOFF with full jitter (what
 * phones use) vs the same exponential without jitter. `--cap-ms` tries another cap (what-if).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { loadPhones } from '../../main/config/phone-store';
import { PHONE_BACKOFF, type BackoffPolicy } from '../../shared/net/backoff';
import { startHubProcess } from '../support/hub-process';
import { PhoneSwarm, peakInWindow } from '../support/phone-swarm';

export interface StormResult {
  bench: 'storm';
  policy: 'full-jitter' | 'plain-exponential';
  backoff: BackoffPolicy;
  phones: number;
  /** Largest number of attempts in any 100 ms window, as they reached the hub. */
  peakAttemptsPer100ms: number;
  /** The same, by when the backoff policy scheduled them (free of this process's timer lag). */
  peakPlannedPer100ms: number;
  /** Longest stall of this process's event loop during the storm, ms (the harness's own lag). */
  maxLoopLagMs: number;
  attemptsAfterKill: number;
  hubDownMs: number;
  recoveryMs: number;
  keptIdentity: number;
}

const KEY = 'storm-bench-key';

export async function runStorm(
  phones: number,
  policy: StormResult['policy'],
  downMs = 0,
  backoff: BackoffPolicy = PHONE_BACKOFF,
): Promise<StormResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flagwall-storm-'));
  let hub = await startHubProcess({ dataDir, key: KEY });
  const swarm = new PhoneSwarm({
    url: `ws://127.0.0.1:${hub.port}/ws`,
    count: phones,
    backoff,
    random: policy === 'full-jitter' ? Math.random : () => 1,
  });
  try {
    await swarm.joinAll();
    const before = new Map(swarm.phones.map((p) => [p.index, { id: p.id, flag: p.flag }]));
    // Every identity must be on disk before the kill (debounced write, 200 ms).
    await swarm.waitUntil(
      () => loadPhones(dataDir, Date.now(), 60_000).phones.length === phones,
      10_000,
      'phones.json to list every phone',
    );
    const attemptsBefore = swarm.attemptTimes.length;
    const plannedBefore = swarm.plannedTimes.length;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const killedAt = performance.now();
    hub.proc.kill('SIGKILL');
    await hub.proc.exited;
    // Optional extra downtime (a hub machine rebooting), bounded by the option's range.
    const wait = downMs - (performance.now() - killedAt);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    hub = await startHubProcess({ dataDir, key: KEY, port: hub.port });
    await swarm.waitUntil(
      () => swarm.backSince(killedAt).length === phones,
      60_000,
      'every phone back',
    );
    lag.disable();
    const after = swarm.attemptTimes.slice(attemptsBefore);
    const kept = swarm.phones.filter((p) => {
      const b = before.get(p.index)!;
      return p.id === b.id && p.flag === b.flag;
    }).length;
    return {
      bench: 'storm',
      policy,
      backoff: { ...backoff },
      phones,
      peakAttemptsPer100ms: peakInWindow(after, 100),
      peakPlannedPer100ms: peakInWindow(swarm.plannedTimes.slice(plannedBefore), 100),
      maxLoopLagMs: Math.round(lag.max / 1e6),
      attemptsAfterKill: after.length,
      hubDownMs: Math.round(hub.readyAt - killedAt),
      recoveryMs: Math.round(Math.max(...swarm.phones.map((p) => p.lastWelcomeAt)) - killedAt),
      keptIdentity: kept,
    };
  } finally {
    swarm.stop();
    hub.proc.kill('SIGKILL');
    await hub.proc.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function main(args: string[]): Promise<void> {
  const phonesArg = args.indexOf('--phones');
  const phones = phonesArg >= 0 ? Number(args[phonesArg + 1]) : 500;
  const downArg = args.indexOf('--down-ms');
  const downMs = downArg >= 0 ? Number(args[downArg + 1]) : 0;
  if (!Number.isInteger(downMs) || downMs < 0 || downMs > 60_000)
    throw new Error('--down-ms must be an integer 0..60000');
  // What-if: the same policy with another cap (PHONE_BACKOFF's is 15 s).
  const capArg = args.indexOf('--cap-ms');
  const capMs = capArg >= 0 ? Number(args[capArg + 1]) : PHONE_BACKOFF.capMs;
  if (!Number.isInteger(capMs) || capMs < PHONE_BACKOFF.baseMs || capMs > 120_000)
    throw new Error(`--cap-ms must be an integer ${PHONE_BACKOFF.baseMs}..120000`);
  const policyArg = args.indexOf('--policy');
  const which = policyArg >= 0 ? args[policyArg + 1] : 'both';
  if (!Number.isInteger(phones) || phones < 1 || phones > 900)
    throw new Error('--phones must be an integer 1..900 (one address allows 1000 connections)');
  const policies: StormResult['policy'][] =
    which === 'jitter'
      ? ['full-jitter']
      : which === 'plain'
        ? ['plain-exponential']
        : ['full-jitter', 'plain-exponential'];
  const results: StormResult[] = [];
  for (const policy of policies) {
    const r = await runStorm(phones, policy, downMs, { ...PHONE_BACKOFF, capMs });
    results.push(r);
    process.stdout.write(JSON.stringify(r) + '\n');
  }
  const [jitter, plain] = [
    results.find((r) => r.policy === 'full-jitter'),
    results.find((r) => r.policy === 'plain-exponential'),
  ];
  if (jitter && plain)
    process.stdout.write(
      JSON.stringify({
        bench: 'storm',
        compare: 'plain-exponential / full-jitter',
        peakRatio:
          Math.round((plain.peakAttemptsPer100ms / jitter.peakAttemptsPer100ms) * 100) / 100,
        plannedPeakRatio:
          Math.round((plain.peakPlannedPer100ms / jitter.peakPlannedPer100ms) * 100) / 100,
        recoveryRatio: Math.round((plain.recoveryMs / jitter.recoveryMs) * 100) / 100,
      }) + '\n',
    );
}
