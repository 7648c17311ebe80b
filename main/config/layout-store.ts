/**
 * The operator's wall layout in `<data dir>/layout.json`: where each screen hangs (mm), its
 * bezels, and the Wi-Fi name for the join banner. Written atomically on every change; a missing
 * file is a fresh wall. A damaged one keeps every valid screen (main/config/data-file.ts: the
 * file as found is kept aside, the previous generation restores an unreadable one).
 */
import { join } from 'node:path';
import { layoutSchema, placementSchema } from '../../shared/protocol/messages';
import { EMPTY_LAYOUT, type WallLayout } from '../../shared/geometry/layout';
import { loadDataFile, saveDataFile, type Recovered } from './data-file';
import { isRecord, keepItems, pickFields } from './recover-fields';

export const layoutPath = (dataDir: string): string => join(dataDir, 'layout.json');

export interface LoadedLayout {
  layout: WallLayout;
  /** Set when a file existed but could not be used as it was (the caller logs it once). */
  problem?: string;
}

export function loadLayout(dataDir: string): LoadedLayout {
  const loaded = loadDataFile({
    path: layoutPath(dataDir),
    what: 'layout',
    freshText: 'using an empty layout',
    fresh,
    recover,
    serialize,
  });
  return { layout: loaded.value, ...(loaded.problem ? { problem: loaded.problem } : {}) };
}

export function saveLayout(dataDir: string, layout: WallLayout): void {
  saveDataFile(layoutPath(dataDir), serialize(layout));
}

function recover(raw: unknown): Recovered<WallLayout> {
  const wifi = pickFields<Pick<WallLayout, 'wifi'>>(
    raw,
    undefined,
    { wifi: layoutSchema.shape.wifi },
    () => ({ wifi: EMPTY_LAYOUT.wifi }),
    { quietDefaults: true },
  );
  const screens = keepItems(isRecord(raw) ? raw.screens : undefined, placementSchema, 'screens', {
    max: 64,
    uniqueBy: (p) => p.name,
  });
  const value = { screens: screens.items, wifi: wifi.value.wifi };
  return { value, dropped: [...wifi.dropped, ...screens.dropped] };
}

const serialize = (layout: WallLayout): string => JSON.stringify(layout, null, 2) + '\n';
const fresh = (): WallLayout => ({ screens: [], wifi: EMPTY_LAYOUT.wifi });
