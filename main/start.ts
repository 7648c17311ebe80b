/**
 * `npm start`: launch the Electron app when its binary is available; otherwise say so in one
 * sentence and run the headless hub, whose pages any browser can open.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths';
import { runHubCommand } from './cli/hub-command';

/** Path of the Electron binary, or null when it was never downloaded (offline install). */
export function electronBinary(root: string = packageRoot): string | null {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const binary = process.env.FLAGWALL_HEADLESS ? null : electronBinary();
  const app = join(packageRoot, 'dist', 'main', 'electron', 'app.cjs');
  if (binary && existsSync(app)) {
    const child = spawn(binary, [app, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stdout.write(
    'The Electron binary is not installed on this machine (it downloads on first launch and this machine is offline), so flagwall is starting the headless hub instead: open the URLs below in any browser.\n',
  );
  process.exitCode = await runHubCommand(args.length ? args : []);
}

void main();
