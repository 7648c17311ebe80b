/**
 * Screen pairing on the hub's sockets (docs/protocol.md, "Screen pairing"). A screen hello with
 * no wall key either asks to pair (`pair: true`: it is listed as pending and shown a code) or logs
 * in with its credential (`auth`: the hub proves it knows the credential, the screen proves it
 * too, then it is a screen like any other). Operators admit and revoke through operator.ts.
 * Pending and half-authenticated sockets have no role: anything but PING or auth-proof from them
 * closes them, as before hello.
 */
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { AuthProofMsg, HelloMsg } from '../../shared/protocol/messages';
import type { HubClock } from './clock';
import type { Logger } from './logger';
import type { PairingRegistry } from './pairing-registry';
import type { Session } from './session';
import { sanitizeName } from './flags';

/** What pairing needs from the hub (hub.ts implements it). */
export interface PairingHost {
  readonly hubId: string;
  readonly helloTimeoutMs: number;
  send(s: Session, msg: HubMessage): void;
  refuse(s: Session, code: number, message: string): void;
  /** Makes an authenticated screen live: welcome, snapshot, operator hooks. */
  enterScreen(s: Session, hello: HelloMsg): void;
}

interface Challenge {
  screenId: string;
  screenNonce: string;
  hubNonce: string;
  hello: HelloMsg;
  timer: unknown;
}

/** How often pending codes are checked for expiry while any screen waits, ms. */
const EXPIRY_CHECK_MS = 1000;

export class ScreenPairing {
  private readonly waiting = new Map<Session, { id: string; hello: HelloMsg }>();
  private readonly challenges = new Map<Session, Challenge>();
  /** Live sockets logged in with each credential (one machine's windows share one). */
  private readonly live = new Map<string, Set<Session>>();
  private readonly liveIds = new Map<Session, string>();
  private expiryTimer: unknown = null;
  /** Called when the console's lists changed (operator.ts pushes its state). */
  onChange: () => void = () => undefined;

  constructor(
    private readonly host: PairingHost,
    readonly registry: PairingRegistry,
    private readonly clock: HubClock,
    private readonly log: Logger,
  ) {}

  /** True while this socket is pending or half-authenticated (a second hello is an error). */
  holds(s: Session): boolean {
    return this.waiting.has(s) || this.challenges.has(s);
  }

  /** A screen hello without a wall key. */
  hello(s: Session, hello: HelloMsg): void {
    if (hello.auth) return this.challenge(s, hello, hello.auth);
    if (!hello.pair)
      return this.host.refuse(s, CloseCode.UNAUTHORIZED, 'wrong or missing wall key');
    const name = sanitizeName(hello.screen?.name) || 'screen';
    const result = this.registry.request(s.info.address, name);
    if (!result.ok) return this.host.refuse(s, CloseCode.TOO_MANY_CONNECTIONS, result.reason);
    this.waiting.set(s, { id: result.pending.id, hello });
    this.log.info({ address: s.info.address, name }, 'screen waiting to be paired');
    this.host.send(s, {
      type: 'pairing',
      code: result.pending.code,
      expiresInMs: this.registry.limits.codeTtlMs,
    });
    this.expiryTimer ??= this.clock.setInterval(() => this.expire(), EXPIRY_CHECK_MS);
    this.onChange();
  }

  /** The screen's answer to the hub's challenge. */
  proof(s: Session, msg: AuthProofMsg): void {
    const c = this.challenges.get(s);
    if (!c) return this.host.refuse(s, CloseCode.FORBIDDEN, 'auth-proof without a challenge');
    this.challenges.delete(s);
    this.clock.clearTimeout(c.timer);
    const record = this.registry.lookup(c.screenId);
    const input = { screenNonce: c.screenNonce, hubNonce: c.hubNonce, hubId: this.host.hubId };
    if (!record || !this.registry.verifyScreen(record, input, msg.proof))
      return this.host.refuse(s, CloseCode.UNAUTHORIZED, 'wrong screen credential proof');
    if (record.revokedAt !== null)
      return this.host.refuse(s, CloseCode.REVOKED, 'this screen was revoked: pair it again');
    const name = sanitizeName(c.hello.screen?.name) || record.name;
    const seen = this.registry.seen(record, name);
    if (!seen.saved) this.log.error({ err: seen.error }, 'could not save a screen login date');
    this.goLive(s, c.hello, record.screenId);
  }

  /** Operator: admit a pending screen by id or typed code. [ok, sentence]. */
  admit(by: { pendingId?: string | undefined; code?: string | undefined }): [boolean, string] {
    const found = this.registry.findPending(by);
    if (!found.ok) return [false, found.reason];
    const session = [...this.waiting].find(([, w]) => w.id === found.value.id)?.[0];
    if (!session || session.closed) {
      this.registry.withdraw(found.value.id);
      return [false, 'that screen disconnected before it was admitted'];
    }
    const admitted = this.registry.admit(found.value);
    if (!admitted.ok) return [false, `${admitted.reason}; the screen was NOT admitted`];
    const record = admitted.value;
    const hello = this.waiting.get(session)!.hello;
    this.waiting.delete(session);
    this.log.info({ address: session.info.address, name: record.name }, 'screen paired');
    this.host.send(session, {
      type: 'paired',
      hubId: this.host.hubId,
      screenId: record.screenId,
      credential: record.credential,
    });
    this.goLive(session, hello, record.screenId);
    return [true, `screen "${record.name}" paired and saved`];
  }

  /** Operator: revoke a credential; its screen, if connected, is closed with REVOKED. */
  revoke(screenId: string): [boolean, string] {
    const result = this.registry.revoke(screenId);
    if (!result) return [false, 'no such paired screen (already revoked?)'];
    for (const s of [...(this.live.get(screenId) ?? [])])
      this.host.refuse(s, CloseCode.REVOKED, 'this screen was revoked: pair it again');
    this.onChange();
    const name = result.record.name;
    return result.saved
      ? [true, `screen "${name}" revoked`]
      : [false, `screen "${name}" revoked until the hub restarts but NOT saved: ${result.error}`];
  }

  state(): {
    pending: ReturnType<PairingRegistry['pendingList']>;
    paired: ReturnType<PairingRegistry['pairedList']>;
  } {
    return {
      pending: this.registry.pendingList(),
      paired: this.registry.pairedList((id) => this.live.has(id)),
    };
  }

  /** After the hub closed or dropped a session. */
  left(s: Session): void {
    const w = this.waiting.get(s);
    if (w) {
      this.waiting.delete(s);
      this.registry.withdraw(w.id);
      this.onChange();
    }
    const c = this.challenges.get(s);
    if (c) {
      this.challenges.delete(s);
      this.clock.clearTimeout(c.timer);
    }
    const id = this.liveIds.get(s);
    if (id !== undefined) {
      this.liveIds.delete(s);
      const sockets = this.live.get(id);
      sockets?.delete(s);
      if (sockets?.size === 0) this.live.delete(id);
      this.onChange();
    }
    if (this.waiting.size === 0) this.stopExpiry();
  }

  stop(): void {
    this.stopExpiry();
    for (const c of this.challenges.values()) this.clock.clearTimeout(c.timer);
  }

  // ---- internals ---------------------------------------------------------------------------

  private challenge(s: Session, hello: HelloMsg, auth: { screenId: string; nonce: string }): void {
    const record = this.registry.lookup(auth.screenId);
    if (!record)
      return this.host.refuse(
        s,
        CloseCode.UNAUTHORIZED,
        'this hub does not know this screen: pair it again',
      );
    const hubNonce = this.registry.newNonce();
    const input = { screenNonce: auth.nonce, hubNonce, hubId: this.host.hubId };
    const timer = this.clock.setTimeout(() => {
      if (this.challenges.get(s)?.timer === timer)
        this.host.refuse(s, CloseCode.NO_HELLO, 'no credential proof within the time limit');
    }, this.host.helloTimeoutMs);
    this.challenges.set(s, {
      screenId: record.screenId,
      screenNonce: auth.nonce,
      hubNonce,
      hello,
      timer,
    });
    this.host.send(s, {
      type: 'auth-challenge',
      hubId: this.host.hubId,
      nonce: hubNonce,
      proof: this.registry.hubProof(record, input),
    });
  }

  private goLive(s: Session, hello: HelloMsg, screenId: string): void {
    // The windows of one Electron screen machine share its credential: each has its own socket.
    let sockets = this.live.get(screenId);
    if (!sockets) this.live.set(screenId, (sockets = new Set()));
    sockets.add(s);
    this.liveIds.set(s, screenId);
    this.host.enterScreen(s, hello);
    this.onChange();
  }

  private expire(): void {
    const expired = this.registry.expire();
    for (const p of expired) {
      const s = [...this.waiting].find(([, w]) => w.id === p.id)?.[0];
      // The screen reconnects and is shown a new code (4002 is not final for any client).
      if (s) this.host.refuse(s, CloseCode.NO_HELLO, 'pairing code expired; asking for a new one');
    }
    if (this.waiting.size === 0) this.stopExpiry();
    if (expired.length) this.onChange();
  }

  private stopExpiry(): void {
    if (this.expiryTimer === null) return;
    this.clock.clearInterval(this.expiryTimer);
    this.expiryTimer = null;
  }
}
