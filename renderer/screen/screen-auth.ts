/**
 * A screen without the wall key: pairs (shows the hub's code until an operator admits it), keeps
 * the credential it is given, and logs in with it from then on. It trusts a hub only once that
 * hub proved it knows the credential (identity pinning, docs/protocol.md "Screen pairing"): a hub
 * that cannot is refused, and so is a REVOKED close from a hub that did not prove itself first.
 */
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import {
  hubProof,
  isPairingRecord,
  sameProof,
  screenProof,
  type ScreenPairingRecord,
} from '../../shared/crypto/pairing-proof';
import type { PairingView } from './pairing-view';

export interface CredentialStore {
  load(): Promise<ScreenPairingRecord | null>;
  save(record: ScreenPairingRecord): Promise<void>;
  forget(): Promise<void>;
}

/** The Electron preload's bridge (main/electron/preload.ts), when this page runs in the app. */
interface ShellPairingBridge {
  pairing?: {
    get(): Promise<unknown>;
    save(record: ScreenPairingRecord): Promise<void>;
    forget(): Promise<void>;
  };
}

const STORAGE_KEY = 'flagwall.screen-pairing';

/** localStorage is per origin, so this is per hub address. */
function browserStore(): CredentialStore {
  return {
    load: async () => {
      try {
        const v: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
        return isPairingRecord(v) ? v : null;
      } catch {
        return null;
      }
    },
    save: async (r) => localStorage.setItem(STORAGE_KEY, JSON.stringify(r)),
    forget: async () => localStorage.removeItem(STORAGE_KEY),
  };
}

/** The app's config.json through the preload when there is one, else this origin's storage. */
export function credentialStore(): CredentialStore {
  const bridge = (window as unknown as { flagwallShell?: ShellPairingBridge }).flagwallShell
    ?.pairing;
  if (!bridge) return browserStore();
  return {
    load: async () => {
      const v = await bridge.get();
      return isPairingRecord(v) ? v : null;
    },
    save: (r) => bridge.save(r),
    forget: () => bridge.forget(),
  };
}

function randomNonce(): string {
  // getRandomValues works on plain http too (unlike crypto.subtle).
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

export interface ScreenAuthDeps {
  store: CredentialStore;
  view: PairingView;
  send(text: string): void;
  /** Stop talking to this hub for good (identity check failed). */
  refuseHub(): void;
}

export class ScreenAuth {
  private nonce = '';
  /** The hub on the current link proved it holds our credential (or just issued it). */
  private proven = false;

  constructor(
    private readonly deps: ScreenAuthDeps,
    private record: ScreenPairingRecord | null,
  ) {}

  get paired(): ScreenPairingRecord | null {
    return this.record;
  }

  /** Hello fields for one connection attempt: log in with the credential, or ask to pair. */
  helloFields(): Pick<HelloMsg, 'auth' | 'pair'> {
    this.proven = false;
    if (!this.record) {
      if (this.deps.view.state.kind === 'hidden') this.deps.view.show({ kind: 'waiting' });
      return { pair: true };
    }
    this.nonce = randomNonce();
    return { auth: { screenId: this.record.screenId, nonce: this.nonce } };
  }

  onMessage(msg: HubMessage): void {
    switch (msg.type) {
      case 'pairing':
        return this.deps.view.show({ kind: 'code', code: msg.code });
      case 'paired':
        this.record = { hubId: msg.hubId, screenId: msg.screenId, credential: msg.credential };
        this.proven = true;
        void this.deps.store.save(this.record);
        return;
      case 'auth-challenge':
        return this.answer(msg);
      case 'welcome':
        this.proven = true;
        if (this.deps.view.state.kind !== 'refused') this.deps.view.show({ kind: 'hidden' });
        return;
      default:
        return;
    }
  }

  /** The link closed with `code`. */
  onClose(code: number | undefined): void {
    if (!this.record) return;
    if (code === CloseCode.REVOKED && this.proven) {
      // Said by the hub that holds our credential: forget it, and pair again on the next attempt.
      this.record = null;
      void this.deps.store.forget();
      this.deps.view.show({ kind: 'waiting' });
    } else if (code === CloseCode.REVOKED || code === CloseCode.UNAUTHORIZED) {
      // A hub that does not know our credential: not the one we paired with.
      this.refuse();
    }
  }

  private answer(msg: Extract<HubMessage, { type: 'auth-challenge' }>): void {
    const r = this.record;
    if (!r) return;
    const input = {
      credential: r.credential,
      screenId: r.screenId,
      screenNonce: this.nonce,
      hubNonce: msg.nonce,
      hubId: msg.hubId,
    };
    if (msg.hubId !== r.hubId || !sameProof(msg.proof, hubProof(input))) return this.refuse();
    this.proven = true;
    this.deps.send(JSON.stringify({ type: 'auth-proof', proof: screenProof(input) }));
  }

  private refuse(): void {
    this.deps.refuseHub();
    this.deps.view.show({ kind: 'refused', text: this.deps.view.otherHubText });
  }
}
