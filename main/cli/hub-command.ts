/** `flagwall hub`: parse flags, start the hub, print where to point browsers, stop on Ctrl-C. */
import QRCode from 'qrcode';
import { InstallerError } from '../config/data-dir';
import { wallKeyProblem } from '../config/hub-state';
import { intFlag, parseFlags } from './flags';
import { startHub, type RunningHub } from '../hub/start-hub';
import { loadTlsFiles, TlsConfigError, type HubTls } from '../hub/auth-tls';

export const HUB_USAGE = `  hub [--port N] [--host H] [--data DIR] [--name WALL] [--key KEY] [--no-mdns] [--grace-ms MS]
      [--tls-cert FILE --tls-key FILE] [--allow-host NAME]...
      Run the hub headless. Default port 8080 (0 picks a free one), host 0.0.0.0,
      data dir $FLAGWALL_DATA or ~/.flagwall. --no-mdns: do not announce the wall on the LAN
      (or "mdns": false in <data>/hub.json). --grace-ms: how long a disconnected phone's flag
      dozes before it leaves (default 30000, or "phoneGraceMs" in hub.json). --tls-cert/--tls-key:
      serve https and wss on the same port with this PEM certificate and key. --allow-host: a
      further name browsers reach the hub by (screen and operator pages from other names are
      refused; IP addresses, localhost and this machine's names always work).`;

const fail = (text: string, code = 2): number => {
  process.stderr.write(`flagwall hub: ${text}\n${code === 2 ? `${HUB_USAGE}\n` : ''}`);
  return code;
};

export async function runHubCommand(args: string[]): Promise<number> {
  const parsed = parseFlags(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    name: { type: 'string' },
    key: { type: 'string' },
    'no-mdns': { type: 'boolean' },
    'grace-ms': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return fail(parsed.error);
  const values = parsed.values;
  if (values.help) {
    process.stdout.write(`${HUB_USAGE}\n`);
    return 0;
  }
  const port = intFlag('--port', values.port ?? '8080', 0, 65535, ' (0 picks any free port)');
  if (!port.ok) return fail(port.error);
  const grace =
    values['grace-ms'] === undefined
      ? undefined
      : intFlag('--grace-ms', values['grace-ms'], 0, 86_400_000);
  if (grace && !grace.ok) return fail(grace.error);
  const graceMs = grace?.ok ? grace.value : undefined;
  const keyProblem = values.key === undefined ? null : wallKeyProblem(values.key, '--key');
  if (keyProblem) return fail(keyProblem);
  let tls: HubTls | undefined;
  if (values['tls-cert'] !== undefined || values['tls-key'] !== undefined) {
    try {
      tls = loadTlsFiles(values['tls-cert'], values['tls-key']);
    } catch (err) {
      if (!(err instanceof TlsConfigError)) throw err;
      process.stderr.write(`flagwall hub: ${err.message}\n`);
      return 2;
    }
  }
  let running: RunningHub;
  try {
    running = await startHub({
      ...(tls ? { tls } : {}),
      ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
      mdns: !values['no-mdns'],
      ...(graceMs !== undefined ? { limits: { phoneGraceMs: graceMs } } : {}),
      port: port.value,
      ...(values.host ? { host: values.host } : {}),
      ...(values.data ? { dataDir: values.data } : {}),
      ...(values.name !== undefined ? { wall: values.name } : {}),
      ...(values.key ? { key: values.key } : {}),
    });
  } catch (err) {
    if (err instanceof InstallerError) return fail(err.message, 1);
    throw err;
  }
  await printBanner(running);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  process.stdout.write('flagwall hub stopped\n');
  return 0;
}

export async function printBanner(running: RunningHub): Promise<void> {
  const { urls, state } = running;
  const qr = await QRCode.toString(urls.phone, { type: 'terminal', small: true });
  process.stdout.write(
    [
      `flagwall hub "${state.wall}" is live`,
      `phone:    ${urls.phone}`,
      `screen:   ${urls.screen}`,
      `operator: ${urls.operator}`,
      `health:   ${urls.health}`,
      ...(running.keyCreated
        ? [`wall key: ${state.key}  (new; screens and operators need it, phones do not)`]
        : []),
      'scan to join from a phone:',
      qr,
    ].join('\n') + '\n',
  );
}
