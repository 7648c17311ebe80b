/**
 * `npm start`: launch the Electron app when its binary is available; otherwise say so in one
 * sentence and run the headless hub, whose pages any browser can open.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from './paths';
import { runHubCommand } from './cli/hub-command';

export const FALLBACK_SENTENCE =
  'The Electron binary is not installed on this machine (it downloads on first launch and this machine is offline), so flagwall is starting the headless hub instead: open the URLs below in any browser.';

/** Path of the Electron binary, or null when it was never downloaded (offline install). */
export function electronBinary(root: string = packageRoot): string | null {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * The app's flags, translated for the headless hub: `--wall` is the hub's `--name`; `--role hub`
 * and `--displays` have no meaning without windows. A screen role cannot run headless: the
 * returned `problem` says what to open instead.
 */
export function headlessArgs(args: string[]): { args: string[]; problem?: string } {
  const { values, tokens } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      hub: { type: 'string' },
      wall: { type: 'string' },
      displays: { type: 'string' },
    },
    strict: false,
    tokens: true,
  });
  if (values.role === 'screen') {
    const hub = typeof values.hub === 'string' ? values.hub : 'http://<hub>:8080';
    return {
      args: [],
      problem: `A screen needs the Electron app; without it, open ${hub}/screen?key=<wall key> in a fullscreen browser instead.`,
    };
  }
  const appOnly = new Set(['role', 'hub', 'wall', 'displays']);
  const out: string[] = [];
  // Unknown flags parse as booleans and their values as positionals, so order is kept as given.
  for (const token of tokens ?? []) {
    if (token.kind === 'positional') out.push(token.value);
    else if (token.kind === 'option' && !appOnly.has(token.name)) {
      if (token.inlineValue) out.push(`${token.rawName}=${token.value ?? ''}`);
      else out.push(token.rawName, ...(token.value === undefined ? [] : [token.value]));
    }
  }
  if (typeof values.wall === 'string') out.push('--name', values.wall);
  return { args: out };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const binary = process.env.FLAGWALL_HEADLESS ? null : electronBinary();
  const app = join(packageRoot, 'dist', 'main', 'electron', 'app.cjs');
  if (binary && existsSync(app)) {
    // The package root, not app.cjs: Electron then reads package.json (name → userData dir).
    // The hub runs in Electron's main process: give it the young generation the `flagwall` bin's
    // shebang gives Node (docs/hot-path.md, "Memory").
    const jsFlags = '--js-flags=--max-semi-space-size=32';
    const child = spawn(binary, [jsFlags, packageRoot, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stdout.write(`${FALLBACK_SENTENCE}\n`);
  const headless = headlessArgs(args);
  if (headless.problem) {
    process.stderr.write(`${headless.problem}\n`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = await runHubCommand(headless.args);
}

// Run only as the entry point (not when a test imports the helpers above).
if (process.argv[1] && /start\.(js|ts)$/.test(process.argv[1])) void main();
