/**
 * How the hub writes to one client: counted sends, the slow-consumer test (skip past the soft
 * cap, close past the hard cap or after too long backed up) and closing with a reason. A closed
 * session is never written to again.
 *
 * The memory rule, for every socket whatever its role: every send first checks the socket's
 * queue against its role's hard cap (queueCaps below) and closes it TOO_SLOW instead of queueing
 * past it; sends that a newer one supersedes (PONG, ACK, presence, ticks) are skipped past the
 * soft cap. So no socket ever holds more than its hard cap plus one message.
 */
import { CloseCode } from '../../shared/protocol/codes';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HubClock } from './clock';
import type { HubCounters } from './hub-types';
import type { HubLimits } from './limits';
import type { Logger } from './logger';
import { LineBudget } from './line-budget';
import type { Session } from './session';

export interface SessionIODeps {
  counters: HubCounters;
  limits: HubLimits;
  clock: HubClock;
  log: Logger;
  /** The hub's cleanup after a session it closed. */
  onClosed(s: Session): void;
}

/** "closing client" lines: a crowd closed for abuse must not flood the log (line-budget.ts). */
export const CLOSE_LOG_LINES = 50;
export const CLOSE_LOG_PERIOD_MS = 10_000;

export class SessionIO {
  private readonly closeLines = new LineBudget(CLOSE_LOG_LINES, CLOSE_LOG_PERIOD_MS);

  constructor(private readonly deps: SessionIODeps) {}

  /**
   * True while the client's socket holds more than the soft cap (it should skip this send).
   * Past the hard cap, or backed up for longer than maxBackedUpMs, it is closed with TOO_SLOW:
   * it reconnects to a fresh snapshot instead of the hub holding its backlog.
   */
  backedUp(s: Session): boolean {
    const queued = s.socket.bufferedAmount;
    if (queued <= softCap(this.deps.limits, s)) {
      s.backedUpSince = null;
      return false;
    }
    const now = this.deps.clock.now();
    s.backedUpSince ??= now;
    if (
      queued > hardCap(this.deps.limits, s) ||
      now - s.backedUpSince > this.deps.limits.maxBackedUpMs
    ) {
      this.tooSlow(s);
    }
    return true;
  }

  sendJson(s: Session, msg: HubMessage): void {
    this.sendText(s, JSON.stringify(msg));
  }

  sendText(s: Session, text: string): void {
    if (s.closed) return;
    if (s.socket.bufferedAmount > hardCap(this.deps.limits, s)) return this.tooSlow(s);
    this.deps.counters.messagesOut++;
    s.socket.send(text);
  }

  sendBinary(s: Session, frame: Uint8Array): void {
    if (s.closed) return;
    if (s.socket.bufferedAmount > hardCap(this.deps.limits, s)) return this.tooSlow(s);
    this.deps.counters.messagesOut++;
    s.socket.send(frame);
  }

  /** A frame the next one supersedes (PONG): skipped while the socket is backed up. */
  sendDroppable(s: Session, frame: Uint8Array): void {
    if (!this.backedUp(s)) this.sendBinary(s, frame);
  }

  /** Closes a client whose queue is past its bound. No error message: it would only queue. */
  private tooSlow(s: Session): void {
    if (s.closed) return;
    this.deps.counters.slowClosed++;
    this.deps.log.warn(
      { address: s.info.address, role: s.role, queued: s.socket.bufferedAmount },
      'closing slow client',
    );
    this.close(s, CloseCode.TOO_SLOW, 'socket backed up too far or for too long');
  }

  /**
   * Tells the client why, logs one line, closes it. Nothing else is affected. `retryInMs`: how
   * long the hub will refuse it (RATE_LIMITED cooldowns), so it waits before retrying.
   */
  reject(s: Session, code: number, message: string, retryInMs?: number): void {
    if (s.closed) return;
    this.deps.counters.badMessages += code === CloseCode.BAD_MESSAGE ? 1 : 0;
    const suppressed = this.closeLines.take(this.deps.clock.now());
    if (suppressed !== null)
      this.deps.log.warn(
        {
          address: s.info.address,
          role: s.role,
          code,
          reason: message,
          ...(suppressed > 0 ? { linesSuppressed: suppressed } : {}),
        },
        'closing client',
      );
    // The explanation only if it fits under the bound; the close code says it anyway.
    if (s.socket.bufferedAmount <= hardCap(this.deps.limits, s))
      this.sendJson(
        s,
        retryInMs === undefined
          ? { type: 'error', code, message }
          : { type: 'error', code, message, retryInMs: Math.ceil(retryInMs) },
      );
    this.close(s, code, message);
  }

  close(s: Session, code: number, reason: string): void {
    if (s.closed) return;
    s.socket.close(code, reason.slice(0, 120));
    this.deps.onClosed(s);
  }
}

/**
 * Queue bounds per role: screens get the configured soft/hard caps (a snapshot and a few seconds
 * of ticks), operators a larger hard cap (operator-state lists every phone), phones and sockets
 * before hello a few KiB (their welcome, then 11-byte ACKs, 25-byte PONGs and presence).
 */
export function hardCap(limits: HubLimits, s: Session): number {
  if (s.role === 'screen') return limits.hardBufferedBytes;
  if (s.role === 'operator') return limits.operatorQueueBytes;
  return limits.phoneQueueBytes;
}

export function softCap(limits: HubLimits, s: Session): number {
  if (s.role === 'screen') return limits.softBufferedBytes;
  if (s.role === 'operator') return limits.operatorQueueBytes / 4;
  return limits.phoneQueueBytes / 8;
}
