/**
 * The operator's wall layout in `<data dir>/layout.json`: where each screen hangs (mm), its
 * bezels, and the Wi-Fi name for the join banner. Written atomically on every change; a missing
 * file is a fresh wall, a corrupt one gives one clear log line and the empty layout, never a crash.
 */
import { join } from 'node:path';
import { layoutSchema } from '../../shared/protocol/messages';
import { EMPTY_LAYOUT, type WallLayout } from '../../shared/geometry/layout';
import { readJsonFile, writeFileAtomic } from './atomic-file';

export const layoutPath = (dataDir: string): string => join(dataDir, 'layout.json');

export interface LoadedLayout {
  layout: WallLayout;
  /** Set when a file existed but could not be used (the caller logs it once). */
  problem?: string;
}

export function loadLayout(dataDir: string): LoadedLayout {
  const path = layoutPath(dataDir);
  const read = readJsonFile(path);
  if (!read.ok) {
    return read.missing
      ? { layout: fresh() }
      : { layout: fresh(), problem: `${read.error}; using an empty layout` };
  }
  const parsed = layoutSchema.safeParse(read.value);
  if (parsed.success) return { layout: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return {
    layout: fresh(),
    problem: `${path} is not a valid layout${where}: ${issue?.message ?? 'invalid'}; using an empty layout`,
  };
}

export function saveLayout(dataDir: string, layout: WallLayout): void {
  writeFileAtomic(layoutPath(dataDir), JSON.stringify(layout, null, 2) + '\n');
}

const fresh = (): WallLayout => ({ screens: [], wifi: EMPTY_LAYOUT.wifi });
