/**
 * `flagwall <command>`: the headless entry point. `flagwall hub` runs a hub under plain Node;
 * every other part of the wall is a web page it serves.
 */
import { runHubCommand, HUB_USAGE } from './cli/hub-command';
import { runScreenCommand, SCREEN_USAGE } from './cli/screen-command';

const USAGE = `usage: flagwall <command> [options]

commands:
${HUB_USAGE}
${SCREEN_USAGE}
`;

// `flagwall screen … | head`: the reader went away. Nothing is left to say to it: exit quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'hub') return runHubCommand(rest);
  if (command === 'screen') return runScreenCommand(rest);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  process.stderr.write(`flagwall: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`flagwall: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
