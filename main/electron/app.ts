/**
 * Electron entry (bundled to dist/main/electron/app.cjs, package.json "main"). Flags follow the
 * app path in development (`electron . --role screen`) and the executable when packaged.
 */
import { app } from 'electron';
import { findHubUrl } from '../discovery';
import { startShell } from './shell';

const userArgs = process.argv.slice(process.defaultApp ? 2 : 1);

startShell({
  argv: userArgs,
  findHub: (wall, hubId) => findHubUrl(wall, hubId ? { hubId } : {}),
}).catch((err: unknown) => {
  process.stderr.write(`flagwall: could not start: ${(err as Error).stack ?? String(err)}\n`);
  app.exit(1);
});
