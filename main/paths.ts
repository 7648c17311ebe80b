/** Where things are on disk, found from the package root so source and bundle agree. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'flagwall'
    )
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`flagwall package root not found above ${start}`);
    dir = up;
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const packageVersion = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;
/** The built renderer bundle served to browsers. */
export const rendererRoot = join(packageRoot, 'dist', 'renderer');
/** Default data dir: $FLAGWALL_DATA, else ~/.flagwall. */
export const defaultDataDir = (): string =>
  process.env.FLAGWALL_DATA ?? join(homedir(), '.flagwall');
