/**
 * The two proofs of a paired screen's login (docs/protocol.md, "Screen pairing"). Both sides
 * hold the screen's credential; neither ever sends it again after pairing. The hub proves it
 * first (the screen checks before it says anything that depends on the secret), then the screen.
 * Nonces from both sides make every proof single-use; the hub id is inside the hub's proof, so a
 * hub cannot pass off another hub's proof as its own.
 */
import { hmacSha256, toHex, utf8 } from './hmac-sha256';

export interface ProofInput {
  credential: string;
  screenId: string;
  screenNonce: string;
  hubNonce: string;
  hubId: string;
}

/** What each side MACs: "hub|…" or "screen|…" then screenId, both nonces and the hub id. */
export function proofMessage(side: 'hub' | 'screen', p: Omit<ProofInput, 'credential'>): string {
  return `${side}|${p.screenId}|${p.screenNonce}|${p.hubNonce}|${p.hubId}`;
}

const mac = (credential: string, text: string): string =>
  toHex(hmacSha256(utf8(credential), utf8(text)));

/** HMAC-SHA256(credential, proofMessage('hub', …)), lower-case hex. */
export function hubProof(p: ProofInput): string {
  return mac(p.credential, proofMessage('hub', p));
}

/** HMAC-SHA256(credential, proofMessage('screen', …)), lower-case hex. */
export function screenProof(p: ProofInput): string {
  return mac(p.credential, proofMessage('screen', p));
}

/** Compares two proofs without an early exit (the page has no timingSafeEqual). */
export function sameProof(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** What a paired screen keeps: the hub it paired with (pinned), its id and its credential. */
export interface ScreenPairingRecord {
  hubId: string;
  screenId: string;
  credential: string;
}

/** Shape check for a record read back from storage (localStorage, the Electron config). */
export function isPairingRecord(v: unknown): v is ScreenPairingRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.hubId === 'string' &&
    typeof r.screenId === 'string' &&
    /^[A-Za-z0-9_-]{8,32}$/.test(r.screenId) &&
    typeof r.credential === 'string' &&
    r.credential.length >= 22 &&
    r.credential.length <= 128
  );
}
