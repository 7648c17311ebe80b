/**
 * The data folder at start-up: made if missing, checked writable (so an installer hears about a
 * wrong path at once, in a sentence, not as a failed save hours later), and swept of temp files
 * that interrupted atomic writes left behind (main/config/atomic-file.ts names them
 * `.<name>.<pid>.<random>.tmp`).
 */
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A mistake an installer can fix; its message is one sentence saying what to do. */
export class InstallerError extends Error {
  override name = 'InstallerError';
}

/** Orphans younger than this may still belong to a live writer whose pid was reused. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-z]*\.tmp$/;

/** Makes `dir` if needed and proves it writable; throws InstallerError with the fix. */
export function prepareDataDir(dir: string, flag = '--data DIR (or $FLAGWALL_DATA)'): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new InstallerError(
        `The data folder ${dir} cannot be used: it (or a folder above it) is a file. Pass ${flag} with a folder, or move that file away.`,
      );
    throw new InstallerError(
      `The data folder ${dir} cannot be created (${code ?? (err as Error).message}). Pass ${flag} with a folder this user can write to, or fix its permissions.`,
    );
  }
  const probe = join(dir, `.write-check.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new InstallerError(
      `flagwall cannot write in the data folder ${dir} (${code}), where it keeps the wall key and settings. Fix its permissions, or pass ${flag} with a writable folder.`,
    );
  }
}

/** Removes temp files of interrupted writes by processes that are gone; returns their names. */
export function cleanOrphanTemps(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (!st.isFile()) continue;
      if (alive(pid) && now - st.mtimeMs < ORPHAN_AGE_MS) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
