/**
 * How the hub writes to one client: counted sends, the slow-consumer test (skip past the soft
 * cap, close past the hard cap or after too long backed up) and closing with a reason. A closed
 * session is never written to again.
 */
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HubClock } from './clock';
import type { HubCounters } from './hub-types';
import type { HubLimits } from './limits';
import type { Logger } from './logger';
import type { Session } from './session';

export interface SessionIODeps {
  counters: HubCounters;
  limits: HubLimits;
  clock: HubClock;
  log: Logger;
  /** The hub's cleanup after a session it closed. */
  onClosed(s: Session): void;
}

export class SessionIO {
  constructor(private readonly deps: SessionIODeps) {}

  /**
   * True while the client's socket holds more than the soft cap (it should skip this send).
   * Past the hard cap, or backed up for longer than maxBackedUpMs, it is closed with TOO_SLOW:
   * it reconnects to a fresh snapshot instead of the hub holding its backlog.
   */
  backedUp(s: Session): boolean {
    const queued = s.socket.bufferedAmount;
    if (queued <= this.deps.limits.softBufferedBytes) {
      s.backedUpSince = null;
      return false;
    }
    const now = this.deps.clock.now();
    s.backedUpSince ??= now;
    if (
      queued > this.deps.limits.hardBufferedBytes ||
      now - s.backedUpSince > this.deps.limits.maxBackedUpMs
    ) {
      this.deps.counters.slowClosed++;
      this.reject(s, CloseCode.TOO_SLOW, 'socket backed up too far or for too long');
    }
    return true;
  }

  sendJson(s: Session, msg: HubMessage): void {
    this.sendText(s, JSON.stringify(msg));
  }

  sendText(s: Session, text: string): void {
    if (s.closed) return;
    this.deps.counters.messagesOut++;
    s.socket.send(text);
  }

  sendBinary(s: Session, frame: Uint8Array): void {
    if (s.closed) return;
    this.deps.counters.messagesOut++;
    s.socket.send(frame);
  }

  /** Tells the client why, logs one line, closes it. Nothing else is affected. */
  reject(s: Session, code: number, message: string): void {
    if (s.closed) return;
    this.deps.counters.badMessages += code === CloseCode.BAD_MESSAGE ? 1 : 0;
    this.deps.log.warn(
      { address: s.info.address, role: s.role, code, reason: message },
      'closing client',
    );
    this.sendJson(s, { type: 'error', code, message });
    this.close(s, code, message);
  }

  close(s: Session, code: number, reason: string): void {
    if (s.closed) return;
    s.socket.close(code, reason.slice(0, 120));
    this.deps.onClosed(s);
  }
}
