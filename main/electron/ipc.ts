import type { ScreenPairingRecord } from '../../shared/crypto/pairing-proof';

/**
 * The one table of IPC channels between main and the preload, with their payload types. Both
 * sides import it, so a channel name or a payload shape cannot drift between them.
 */

/** Name under which the preload exposes the API in the page (`window.flagwallShell`). */
export const SHELL_API_KEY = 'flagwallShell';

export const IPC_CHANNELS = {
  /** invoke → ShellInfo: what this window is (screen or operator, display, slice). */
  shellInfo: 'flagwall:shell-info',
  /** invoke → ScreenPairingRecord | null: the credential this machine's screens use (screens only). */
  pairingGet: 'flagwall:pairing-get',
  /** invoke(record) → void: keep the credential an operator just issued, in config.json. */
  pairingSave: 'flagwall:pairing-save',
  /** invoke → void: forget it (the hub revoked it; the screen pairs again). */
  pairingForget: 'flagwall:pairing-forget',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

export interface ShellInfo {
  /** App version (package.json). */
  version: string;
  role: 'hub' | 'screen' | 'hub+screen';
  kind: 'screen' | 'operator';
  /** The display a screen window fills, with its arrangement index; null for the operator. */
  display: { id: number; index: number } | null;
  /** Renderer reloads after a crash or hang since this window opened. */
  reloads: number;
}

/** What the page sees: a promise-returning, read-only API; no Electron or Node objects leak. */
export interface ShellApi {
  info(): Promise<ShellInfo>;
  /** Screen windows only (others are refused): the screen's pairing credential. */
  pairing: {
    get(): Promise<ScreenPairingRecord | null>;
    save(record: ScreenPairingRecord): Promise<void>;
    forget(): Promise<void>;
  };
}
