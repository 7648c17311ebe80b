/**
 * A hub as a child process (`node dist/main/cli.js hub`) on loopback with mDNS off, for tests
 * that need to SIGKILL and restart a real hub.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../main/paths';
import { LineProcess } from './line-process';

/** BENCH_HUB_CLI runs another build's hub (e.g. main's, to see a test fail without a fix). */
export const CLI_PATH = process.env.BENCH_HUB_CLI ?? join(packageRoot, 'dist', 'main', 'cli.js');

export interface HubProcess {
  proc: LineProcess;
  port: number;
  /** performance.now() when the hub printed that it was live. */
  readyAt: number;
}

/** Starts a hub on 127.0.0.1 and resolves once it listens (port 0 picks a free one). */
export async function startHubProcess(opts: {
  dataDir: string;
  key: string;
  port?: number;
  extraArgs?: string[];
  timeoutMs?: number;
}): Promise<HubProcess> {
  if (!existsSync(CLI_PATH))
    throw new Error(`${CLI_PATH} is missing: run \`node build/bundle.mjs\` first`);
  const child = spawn(
    process.execPath,
    [
      CLI_PATH,
      'hub',
      '--no-mdns',
      '--host',
      '127.0.0.1',
      '--port',
      String(opts.port ?? 0),
      '--data',
      opts.dataDir,
      '--key',
      opts.key,
      ...(opts.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FLAGWALL_LOG: 'warn' } },
  );
  const proc = new LineProcess(child);
  const line = await proc.waitForText((t) => t.startsWith('health:'), opts.timeoutMs ?? 10_000);
  const port = Number(/:(\d+)\/healthz/.exec(line.text)?.[1]);
  return { proc, port, readyAt: line.at };
}
