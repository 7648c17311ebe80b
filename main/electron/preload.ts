/**
 * Preload for every flagwall window. Runs sandboxed with context isolation, so the page gets only
 * the frozen functions passed through contextBridge: never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, SHELL_API_KEY, type ShellApi, type ShellInfo } from './ipc';

const api: ShellApi = {
  info: () => ipcRenderer.invoke(IPC_CHANNELS.shellInfo) as Promise<ShellInfo>,
};

contextBridge.exposeInMainWorld(SHELL_API_KEY, api);
