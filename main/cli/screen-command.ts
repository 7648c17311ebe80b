/**
 * `flagwall screen`: a headless screen (main/screen-client). Finds the wall, connects, keeps the
 * clock, and prints one JSON line per state change on stdout, e.g.
 * {"t":412.3,"state":"live","wall":"lobby","hubId":"…","url":"ws://10.0.0.2:8080/ws","phones":3}
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../config/atomic-file';
import { hubStatePath } from '../config/hub-state';
import { defaultDataDir } from '../paths';
import { pino } from 'pino';
import { ScreenClient } from '../screen-client/screen-client';
import { parseFlags } from './flags';

export const SCREEN_USAGE = `  screen [--wall NAME] [--hub URL] [--key KEY] [--name N] [--data DIR]
      Run a headless screen: find the wall over mDNS (the only one, or --wall NAME), or connect
      to --hub http://host:port directly; print one JSON line per state change. The wall key comes
      from --key, $FLAGWALL_KEY, "key" in <data>/screen.json (which may also set hub, wall,
      name), or the hub's own <data>/hub.json on the hub's machine. Exits 3 when the hub
      refuses it (wrong key, other protocol version).`;

const configSchema = z.object({
  hub: z.string().url().optional(),
  wall: z.string().min(1).max(64).optional(),
  key: z.string().min(1).max(200).optional(),
  name: z.string().max(64).optional(),
});

export async function runScreenCommand(args: string[]): Promise<number> {
  const parsed = parseFlags(args, {
    wall: { type: 'string' },
    hub: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) {
    process.stderr.write(`flagwall screen: ${parsed.error}\n${SCREEN_USAGE}\n`);
    return 2;
  }
  const values = parsed.values;
  if (values.help) {
    process.stdout.write(`${SCREEN_USAGE}\n`);
    return 0;
  }
  const dataDir = values.data ?? defaultDataDir();
  const configPath = join(dataDir, 'screen.json');
  const read = readJsonFile(configPath);
  let config: z.infer<typeof configSchema> = {};
  if (read.ok) {
    const parsed = configSchema.safeParse(read.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      process.stderr.write(
        `flagwall screen: ${configPath} has a bad "${issue?.path.join('.')}" (${issue?.message}): fix that value or remove it.\n`,
      );
      return 2;
    }
    config = parsed.data;
  } else if (!read.missing) {
    process.stderr.write(`flagwall screen: ${read.error}. Fix that file or remove it.\n`);
    return 2;
  }
  const hubUrl = values.hub ?? config.hub;
  if (hubUrl !== undefined && !/^https?:\/\/[^/]+/.test(hubUrl)) {
    process.stderr.write(
      `flagwall screen: --hub must look like http://host:port, got "${hubUrl}"\n`,
    );
    return 2;
  }
  const key =
    values.key ?? (process.env.FLAGWALL_KEY || undefined) ?? config.key ?? localHubKey(dataDir);
  if (!key) {
    process.stderr.write(
      'flagwall screen: no wall key; pass --key KEY (printed by `flagwall hub` on first run)\n',
    );
    return 2;
  }
  const wall = values.wall ?? config.wall;
  const name = values.name ?? config.name;
  let refused = false;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const client = new ScreenClient({
    key,
    ...(wall ? { wall } : {}),
    ...(hubUrl ? { hubUrl } : {}),
    ...(name ? { name } : {}),
    // Diagnostics go to stderr; stdout carries only the state lines.
    log: pino({ level: process.env.FLAGWALL_LOG ?? 'warn', base: undefined }, pino.destination(2)),
    onEvent: (event) => {
      process.stdout.write(JSON.stringify(event) + '\n');
      if (event.state === 'refused') {
        refused = true;
        resolveDone();
      }
    },
  });
  const stop = (): void => resolveDone();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  client.start();
  await done;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await client.stop();
  return refused ? 3 : 0;
}

/** A screen on the hub's own machine can use the key in the hub's hub.json. */
function localHubKey(dataDir: string): string | undefined {
  const read = readJsonFile(hubStatePath(dataDir));
  const key = read.ok ? (read.value as { key?: unknown }).key : undefined;
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}
