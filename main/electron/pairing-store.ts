/**
 * The screen role's pairing credential, kept in the app's config.json ("pairing": hub id, screen
 * id, credential) and handed to screen pages through the preload bridge (ipc.ts). Writing it
 * touches that one key and keeps every other key as the installer wrote it; a config.json that
 * cannot be read is never overwritten (the save fails and says why), and the one before is kept
 * as config.json.prev.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { appConfigPath } from '../config/app-config';
import { readDataJson, saveDataFile } from '../config/data-file';
import { isRecord } from '../config/recover-fields';
import { isPairingRecord, type ScreenPairingRecord } from '../../shared/crypto/pairing-proof';
import { IPC_CHANNELS } from './ipc';

/**
 * Rewrites config.json with only "pairing" changed, through the data-file mechanism (the file
 * before becomes config.json.prev; a config.json held at start-up is refused there). Throws a
 * sentence, and writes nothing, when the file as it is now is not a JSON object.
 */
export function savePairing(userData: string, record: ScreenPairingRecord | null): void {
  const path = appConfigPath(userData);
  const found = readDataJson(path);
  if (found.kind === 'bad' || (found.kind === 'json' && !isRecord(found.value)))
    throw new Error(
      `${path} could not be read, so it was not changed: fix or remove it, then pair again`,
    );
  const raw = found.kind === 'json' ? (found.value as Record<string, unknown>) : {};
  saveDataFile(path, JSON.stringify({ ...raw, pairing: record }, null, 2) + '\n');
}

/** `--pair` on the command line: forget the stored pairing and pair again. */
export const wantsRepair = (argv: readonly string[]): boolean => argv.includes('--pair');

interface IpcMainLike {
  handle(channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface PairingIpcOptions {
  ipcMain: IpcMainLike;
  userData: string;
  /** Only our own screen windows' main frames on the hub's origin may call. */
  fromScreen(event: IpcMainInvokeEvent): boolean;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  current: ScreenPairingRecord | null;
  /** After a save or forget, with the window that asked (the shell updates the others). */
  changed?(record: ScreenPairingRecord | null, sender: IpcMainInvokeEvent['sender']): void;
}

/** Registers the three pairing channels; returns their removal. */
export function handlePairingIpc(opts: PairingIpcOptions): () => void {
  let current = opts.current;
  const guard = (event: IpcMainInvokeEvent): void => {
    if (opts.fromScreen(event)) return;
    opts.log.warn(
      { url: event.senderFrame?.url ?? null },
      'refused a pairing call from a frame that is not one of our screens',
    );
    throw new Error('refused');
  };
  const store = (record: ScreenPairingRecord | null, event: IpcMainInvokeEvent): void => {
    savePairing(opts.userData, record);
    current = record;
    opts.changed?.(record, event.sender);
  };
  opts.ipcMain.handle(IPC_CHANNELS.pairingGet, (event) => {
    guard(event);
    return current;
  });
  opts.ipcMain.handle(IPC_CHANNELS.pairingSave, (event, record) => {
    guard(event);
    if (!isPairingRecord(record)) throw new Error('not a pairing record');
    const clean = { hubId: record.hubId, screenId: record.screenId, credential: record.credential };
    store(clean, event);
    opts.log.info(
      { hubId: clean.hubId, screenId: clean.screenId },
      'screen paired; credential saved in config.json',
    );
  });
  opts.ipcMain.handle(IPC_CHANNELS.pairingForget, (event) => {
    guard(event);
    if (current === null) return;
    store(null, event);
    opts.log.warn({}, 'the hub revoked this screen; it pairs again');
  });
  return () => {
    for (const c of [IPC_CHANNELS.pairingGet, IPC_CHANNELS.pairingSave, IPC_CHANNELS.pairingForget])
      opts.ipcMain.removeHandler(c);
  };
}
