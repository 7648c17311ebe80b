/** Starts a real hub on 127.0.0.1, port 0, with a throwaway data dir and a silent logger. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startHub, type RunningHub, type StartHubOptions } from '../../main/hub/start-hub';

export interface TestHub extends RunningHub {
  dataDir: string;
  wsUrl: string;
  /** Stops the hub and removes its data dir (unless keepData). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export const TEST_KEY = 'test-wall-key-123';

export async function startTestHub(opts: StartHubOptions = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'flagwall-test-'));
  const running = await startHub({
    port: 0,
    host: '127.0.0.1',
    key: TEST_KEY,
    log: pino({ level: 'silent' }),
    // No multicast from tests outside a namespace they created (docs/discovery.md).
    mdns: false,
    ...opts,
    dataDir,
  });
  return {
    ...running,
    dataDir,
    wsUrl: `ws://127.0.0.1:${running.port}/ws`,
    stop: async ({ keepData = false } = {}) => {
      await running.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
