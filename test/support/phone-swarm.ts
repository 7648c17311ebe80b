/**
 * Many phones for reconnect tests and the storm bench. The real phone reconnect logic lives in
 * the browser page (renderer/common/connection.ts); these Node clients follow the same rules with
 * the same code: shared/net/link-session.ts with PHONE_BACKOFF (full jitter, attempt counter reset
 * on welcome, fatal close codes never retried), hello with the resume token from the last
 * welcome. Every connection attempt is timestamped, so the storm's peak attempts per 100 ms can
 * be measured.
 */
import WebSocket from 'ws';
import type { BackoffPolicy } from '../../shared/net/backoff';
import { LinkSession } from '../../shared/net/link-session';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';

export interface SwarmOptions {
  url: string;
  count: number;
  backoff: BackoffPolicy;
  /** Jitter source in [0,1): Math.random for full jitter; () => 1 for plain exponential. */
  random: () => number;
  /** Flags handed out round-robin at first join. */
  flags?: string[];
}

export interface SwarmPhone {
  index: number;
  id: number;
  flag: string;
  resume: string;
  /** Welcomes received (1 after the first join, 2 after one rejoin, …). */
  welcomes: number;
  /** performance.now() of the latest welcome. */
  lastWelcomeAt: number;
  ws: WebSocket | null;
  /** The browser pages' reconnect rules (shared/net/link-session.ts), one per phone. */
  link: LinkSession;
  timer: ReturnType<typeof setTimeout> | null;
}

export class PhoneSwarm {
  readonly phones: SwarmPhone[] = [];
  /** performance.now() of every connection attempt, in order. */
  readonly attemptTimes: number[] = [];
  /**
   * When each retry was due by the policy (drop noticed + backoff delay). On a loaded machine
   * one process running hundreds of phones falls behind its timers and fires them in bunches;
   * real phones are independent, so this is what the policy itself produces.
   */
  readonly plannedTimes: number[] = [];
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly opts: SwarmOptions) {
    const flags = opts.flags ?? ['fr', 'de', 'jp', 'br', 'ca', 'ng', 'in', 'mx'];
    for (let i = 0; i < opts.count; i++)
      this.phones.push({
        index: i,
        id: 0,
        flag: flags[i % flags.length]!,
        resume: '',
        welcomes: 0,
        lastWelcomeAt: 0,
        ws: null,
        link: new LinkSession(opts.backoff, opts.random),
        timer: null,
      });
  }

  /** Connects every phone, `batch` at a time, each batch after the previous is welcomed. */
  async joinAll(batch = 50, timeoutMs = 20_000): Promise<void> {
    for (let i = 0; i < this.phones.length; i += batch) {
      const group = this.phones.slice(i, i + batch);
      for (const p of group) this.connect(p);
      await this.waitUntil(() => group.every((p) => p.welcomes > 0), timeoutMs, 'first join');
    }
  }

  /** Phones whose latest welcome came after `since` (ms, performance.now()). */
  backSince(since: number): SwarmPhone[] {
    return this.phones.filter((p) => p.lastWelcomeAt > since);
  }

  async waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`swarm: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  stop(): void {
    this.stopped = true;
    for (const p of this.phones) {
      if (p.timer) clearTimeout(p.timer);
      p.ws?.terminate();
      p.ws = null;
    }
  }

  private connect(p: SwarmPhone): void {
    if (this.stopped) return;
    p.timer = null;
    this.attemptTimes.push(performance.now());
    const ws = new WebSocket(this.opts.url, { perMessageDeflate: false });
    p.ws = ws;
    p.link.opening();
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'hello',
          proto: PROTOCOL_VERSION,
          role: 'phone',
          ...(p.resume ? { resume: p.resume } : {}),
          phone: { flag: p.flag },
        }),
      ),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const { msg, live } = p.link.text(String(data));
      if (!live || msg?.type !== 'welcome') return;
      if (p.welcomes > 0 && (msg.clientId !== p.id || msg.flag !== p.flag)) {
        // Identity lost: recorded so the caller's checks fail loudly.
        p.id = -Math.abs(msg.clientId);
      } else {
        p.id = msg.clientId;
      }
      p.resume = msg.resume ?? p.resume;
      p.welcomes++;
      p.lastWelcomeAt = performance.now();
      this.wake();
    });
    ws.on('error', () => {
      // 'close' follows; refused connections during the restart are expected.
    });
    ws.on('close', (code, reason) => {
      if (p.ws !== ws) return;
      p.ws = null;
      if (this.stopped) return;
      const next = p.link.closed(code, reason.toString());
      if (next.state === 'refused') return; // as a page would: never retry a fatal close
      this.plannedTimes.push(performance.now() + next.retryInMs);
      p.timer = setTimeout(() => this.connect(p), next.retryInMs);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Largest number of timestamps in any window of `windowMs` (sliding, not fixed buckets). */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    peak = Math.max(peak, hi - lo + 1);
  }
  return peak;
}
