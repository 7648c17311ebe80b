/**
 * Preload for every flagwall window. Runs sandboxed with context isolation, so the page gets only
 * the frozen functions passed through contextBridge: never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ScreenPairingRecord } from '../../shared/crypto/pairing-proof';
import { IPC_CHANNELS, SHELL_API_KEY, type ShellApi, type ShellInfo } from './ipc';

const api: ShellApi = {
  info: () => ipcRenderer.invoke(IPC_CHANNELS.shellInfo) as Promise<ShellInfo>,
  // Frozen: the page cannot swap these for its own functions.
  pairing: Object.freeze({
    get: () => ipcRenderer.invoke(IPC_CHANNELS.pairingGet) as Promise<ScreenPairingRecord | null>,
    save: (record: ScreenPairingRecord) =>
      ipcRenderer.invoke(IPC_CHANNELS.pairingSave, {
        hubId: record.hubId,
        screenId: record.screenId,
        credential: record.credential,
      }) as Promise<void>,
    forget: () => ipcRenderer.invoke(IPC_CHANNELS.pairingForget) as Promise<void>,
  }),
};

contextBridge.exposeInMainWorld(SHELL_API_KEY, api);
