/**
 * The message budgets: what each role may send, per kind of message, before the hub does any
 * work for it (decoding aside). One token bucket per kind per socket, stored in two Float64Arrays
 * so the check is a few arithmetic ops and allocates nothing. Excess is dropped and counted per
 * kind; a socket that keeps sending over budget (its drops outrun ABUSE) is closed with
 * RATE_LIMITED and its token and address cool down (budget-gate.ts). Docs: docs/protocol.md
 * "Budgets".
 */

/** Kinds of inbound message the gate tells apart (array indexes: keep dense). */
export const MsgKind = {
  PING: 0,
  MOVE: 1,
  TAP: 2,
  PROFILE: 3,
  LOCATE: 4,
  /** Every other JSON message: hello, stats, applied, operator commands. */
  CONTROL: 5,
} as const;
export type MsgKind = (typeof MsgKind)[keyof typeof MsgKind];
export const KIND_NAMES = ['ping', 'move', 'tap', 'profile', 'locate', 'control'] as const;
const KINDS = KIND_NAMES.length;

/** Who a socket is as far as budgets go: `pending` until its hello is accepted. */
export type BudgetClass = 'pending' | 'phone' | 'screen' | 'operator';

export interface Budget {
  /** Messages per second on average. */
  rate: number;
  /** Messages allowed back to back (bucket size). */
  burst: number;
  /** Why this size, in one line. */
  why: string;
}

export type BudgetTable = Record<BudgetClass, Record<(typeof KIND_NAMES)[number], Budget>>;

/** A kind this role never legitimately sends: one gets through to be refused with FORBIDDEN. */
const NOT_YOURS: Budget = { rate: 1, burst: 2, why: 'not this role: the first is refused' };

/** Excess of every kind is dropped (counted); ABUSE decides when a socket is closed for it. */
export const DEFAULT_BUDGETS: Readonly<BudgetTable> = Object.freeze({
  pending: {
    ping: { rate: 20, burst: 40, why: 'a clock may start before its hello is answered' },
    move: NOT_YOURS,
    tap: NOT_YOURS,
    profile: NOT_YOURS,
    locate: NOT_YOURS,
    control: { rate: 2, burst: 4, why: 'the hello (anything else first is refused)' },
  },
  phone: {
    ping: { rate: 5, burst: 10, why: 'the phone page keeps no clock; a few per second is plenty' },
    move: { rate: 70, burst: 90, why: 'cursorHz (30, max 60 in practice) plus Wi-Fi bunching' },
    tap: { rate: 5, burst: 10, why: 'a person taps a few times a second (ripples: 3/s per phone)' },
    profile: { rate: 0.1, burst: 5, why: 'a few changes a minute (flag picker, name field)' },
    locate: { rate: 1, burst: 3, why: 'a button; pulses are also capped wall-wide' },
    control: { rate: 1, burst: 3, why: 'phones send no other JSON: refused with FORBIDDEN' },
  },
  screen: {
    ping: { rate: 250, burst: 400, why: 'clock burst: one per 5 ms for 300+ pings, then 20/s' },
    move: NOT_YOURS,
    tap: NOT_YOURS,
    profile: NOT_YOURS,
    locate: NOT_YOURS,
    control: { rate: 50, burst: 100, why: 'stats every few seconds, applied per wall-state' },
  },
  operator: {
    ping: { rate: 50, burst: 100, why: 'the console keeps no clock; tools may ping' },
    move: NOT_YOURS,
    tap: NOT_YOURS,
    profile: NOT_YOURS,
    locate: NOT_YOURS,
    control: { rate: 50, burst: 200, why: 'commands (sliders send many settings patches)' },
  },
});

/**
 * Sustained abuse: every dropped message takes a token from this bucket; when it is empty the
 * socket is closed with RATE_LIMITED. A client a little over budget lasts a few seconds, a
 * flood a few milliseconds; an honest burst never drops this many.
 */
export const ABUSE: Readonly<Budget> = Object.freeze({
  rate: 20,
  burst: 200,
  why: 'drops beyond 200 at once or 20/s sustained mean abuse, not a Wi-Fi burst',
});

/** New sockets per address (accept(), before any work). NAT'd venues share an address. */
export const CONNECT_CHURN: Readonly<Budget> = Object.freeze({
  rate: 50,
  burst: 300,
  why: 'a NAT crowd arriving after a QR code, or a reconnect storm after a restart',
});

/** Wall-wide locate pulses sent to screens (however many phones ask). */
export const WALL_LOCATES: Readonly<Budget> = Object.freeze({
  rate: 10,
  burst: 20,
  why: 'more pulses than this a second find nobody',
});

/** One socket's budgets: a bucket per kind plus the abuse bucket. No allocation after construction. */
export class SessionBudget {
  private readonly tokens = new Float64Array(KINDS + 1);
  private readonly last = new Float64Array(KINDS + 1);
  private readonly rates = new Float64Array(KINDS + 1);
  private readonly bursts = new Float64Array(KINDS + 1);
  /** Messages dropped since the socket opened. */
  dropped = 0;
  /** Set once the abuse bucket ran dry; the gate closes the socket. */
  abusive = false;
  private started = false;

  constructor(
    private readonly table: Readonly<BudgetTable>,
    cls: BudgetClass,
    now: number,
  ) {
    this.become(cls, now);
  }

  /** The socket's hello was accepted as `cls`: full buckets of that role's sizes. */
  become(cls: BudgetClass, now: number): void {
    const row = this.table[cls];
    for (let k = 0; k < KINDS; k++) {
      const b = row[KIND_NAMES[k]!];
      this.rates[k] = b.rate;
      this.bursts[k] = b.burst;
    }
    this.rates[KINDS] = ABUSE.rate;
    this.bursts[KINDS] = ABUSE.burst;
    // The abuse bucket carries over: a hello does not wash away earlier drops.
    const refilled = this.started ? KINDS : KINDS + 1;
    for (let k = 0; k < refilled; k++) {
      this.tokens[k] = this.bursts[k]!;
      this.last[k] = now;
    }
    this.started = true;
  }

  /** True when a message of `kind` is within budget (it spends a token); false: drop it. */
  take(kind: MsgKind, now: number): boolean {
    if (refill(this.tokens, this.last, this.rates, this.bursts, kind, now)) return true;
    this.dropped++;
    if (!refill(this.tokens, this.last, this.rates, this.bursts, KINDS, now)) this.abusive = true;
    return false;
  }
}

/** Refills bucket `k` to `now` and takes one token if there is one. */
function refill(
  tokens: Float64Array,
  last: Float64Array,
  rates: Float64Array,
  bursts: Float64Array,
  k: number,
  now: number,
): boolean {
  const t = Math.min(bursts[k]!, tokens[k]! + ((now - last[k]!) / 1000) * rates[k]!);
  last[k] = now;
  if (t < 1) {
    tokens[k] = t;
    return false;
  }
  tokens[k] = t - 1;
  return true;
}
