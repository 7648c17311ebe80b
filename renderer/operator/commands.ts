/**
 * Sends operator commands and follows each one to the end, honestly: "sending" until the hub
 * acknowledges, then — for anything screens draw — until every connected screen confirms the
 * wall-state revision (applied), or says which screens did not within the time limit.
 */
import type {
  OperatorAckMsg,
  OperatorScreen,
  OperatorStateMsg,
} from '../../shared/protocol/hub-messages';
import type { OperatorCommand } from '../../shared/protocol/messages';

/** No ack within this: the command is reported as failed. */
export const ACK_TIMEOUT_MS = 5000;
/** Screens that have not confirmed within this are named in a warning. */
export const CONFIRM_TIMEOUT_MS = 2000;

export type ActivityState = 'sending' | 'waiting' | 'ok' | 'warn' | 'failed';

export interface Activity {
  label: string;
  cmd: OperatorCommand['cmd'];
  state: ActivityState;
  text: string;
  sentAt: number;
  seq: number;
  /** Set once acked: the revision screens must confirm (null: nothing for screens to confirm). */
  rev: number | null;
}

/** Commands whose effect screens confirm through wall-state `applied`. */
const CONFIRMED_BY_SCREENS = new Set<OperatorCommand['cmd']>([
  'identify',
  'blackout',
  'pause',
  'message',
  'settings',
  'layout',
]);

export class CommandChannel {
  private seq = 0;
  private readonly open = new Map<number, Activity>();
  private lastState: OperatorStateMsg | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly send: (text: string) => boolean,
    /** Called whenever an activity changes state. */
    private readonly changed: (a: Activity) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  run(label: string, command: OperatorCommand): Activity {
    const seq = ++this.seq;
    const a: Activity = {
      label,
      cmd: command.cmd,
      state: 'sending',
      text: 'sending…',
      sentAt: this.now(),
      seq,
      rev: null,
    };
    if (!this.send(JSON.stringify({ type: 'operator', seq, command }))) {
      a.state = 'failed';
      a.text = 'not sent: the console is not connected to the hub';
    } else {
      this.open.set(seq, a);
      this.timer ??= setInterval(() => this.check(), 250);
    }
    this.changed(a);
    return a;
  }

  onAck(ack: OperatorAckMsg): void {
    const a = this.open.get(ack.seq);
    if (!a) return;
    if (!ack.ok) return this.finish(a, 'failed', ack.message);
    if (!CONFIRMED_BY_SCREENS.has(a.cmd)) return this.finish(a, 'ok', ack.message);
    a.rev = ack.rev;
    a.state = 'waiting';
    a.text = `${ack.message}; waiting for screens…`;
    this.changed(a);
    this.check();
  }

  onState(state: OperatorStateMsg): void {
    this.lastState = state;
    this.check();
  }

  /** The connection dropped: nothing open will be answered. */
  onDisconnect(): void {
    for (const a of this.open.values())
      this.finish(a, 'failed', 'connection to the hub lost before it was confirmed');
  }

  private check(): void {
    const elapsed = (a: Activity): number => this.now() - a.sentAt;
    for (const a of this.open.values()) {
      if (a.rev === null) {
        if (elapsed(a) > ACK_TIMEOUT_MS) this.finish(a, 'failed', 'no answer from the hub');
        continue;
      }
      if (!this.lastState) {
        // No picture of the screens yet: wait for one, but not for ever.
        if (elapsed(a) > CONFIRM_TIMEOUT_MS)
          this.finish(a, 'warn', 'done on the hub; screens unknown');
        continue;
      }
      const targets = connected(this.lastState.screens);
      const done = targets.filter((s) => s.appliedRev >= a.rev!);
      const ms = Math.round(elapsed(a));
      if (targets.length === 0)
        this.finish(a, 'warn', 'done on the hub, but no screen is connected');
      else if (done.length === targets.length)
        this.finish(a, 'ok', `applied on ${done.length}/${targets.length} screens · ${ms} ms`);
      else if (elapsed(a) > CONFIRM_TIMEOUT_MS) {
        const missing = targets.filter((s) => s.appliedRev < a.rev!).map((s) => s.name);
        this.finish(
          a,
          'warn',
          `applied on ${done.length}/${targets.length} screens; not confirmed by ${missing.join(', ')}`,
        );
      }
    }
    if (this.open.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private finish(a: Activity, state: ActivityState, text: string): void {
    this.open.delete(a.seq);
    a.state = state;
    a.text = text;
    this.changed(a);
  }
}

/** Screens connected right now (a dropped one cannot confirm anything). */
export const connected = (screens: OperatorScreen[]): OperatorScreen[] =>
  screens.filter((s) => s.sentRev > 0);
