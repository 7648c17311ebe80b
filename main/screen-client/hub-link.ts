/**
 * One screen's WebSocket link to a hub, for Node (the browser pages use renderer/common/
 * connection.ts; same states, same backoff). Connects, says hello, hands messages on, and after
 * a drop reconnects with full-jitter backoff (reset on every welcome). `retryNow()` skips the
 * wait when discovery hears the hub announce itself again; a silent link (no frame for
 * `silenceMs`) is treated as dropped, since a screen receives ticks many times a second.
 */
import WebSocket from 'ws';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import type { BackoffPolicy } from '../../shared/net/backoff';
import { LinkSession, type CloseDecision, type LinkState } from '../../shared/net/link-session';

export type { LinkState };

export interface HubLinkOptions {
  /** ws:// URL of the hub's WebSocket endpoint. */
  url: string;
  /** Built fresh for every attempt. */
  hello: () => HelloMsg;
  backoff: BackoffPolicy;
  onMessage(msg: HubMessage): void;
  onBinary(data: Uint8Array): void;
  onState(state: LinkState, detail?: string, retryInMs?: number): void;
  /** Give up on a connect attempt after this long, ms. Default 3000. */
  connectTimeoutMs?: number;
  /** Drop a live link after this long without any frame, ms. Default 3000. */
  silenceMs?: number;
  random?: () => number;
}

export class HubLink {
  private ws: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private readonly session: LinkSession;
  private url: string;
  state: LinkState = 'connecting';
  /** Connection attempts made so far (for the report and the storm bench). */
  attempts = 0;

  constructor(private readonly opts: HubLinkOptions) {
    this.url = opts.url;
    this.session = new LinkSession(opts.backoff, opts.random ?? Math.random);
  }

  get currentUrl(): string {
    return this.url;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    ws?.close(1000, 'bye');
  }

  /** Points later attempts at another address (the hub came back on a new port). */
  setUrl(url: string): void {
    this.url = url;
  }

  /**
   * While away from the hub: try now instead of when the backoff says. An attempt already in
   * flight is kept, unless it goes to an address we have since learned is stale (connecting to a
   * vanished host would otherwise hang until the connect timeout).
   */
  retryNow(): void {
    if (this.stopped || this.state === 'live' || this.state === 'refused') return;
    if (this.ws) {
      if (this.ws.readyState !== WebSocket.CONNECTING || this.ws.url === this.url) return;
      const stale = this.ws;
      this.ws = null;
      stale.terminate();
    }
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  send(data: string | Uint8Array): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(data);
    return true;
  }

  private open(): void {
    this.retryTimer = null;
    this.attempts++;
    this.session.opening();
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url, {
        perMessageDeflate: false,
        handshakeTimeout: this.opts.connectTimeoutMs ?? 3000,
      });
    } catch (err) {
      // A malformed URL: say so and keep trying (discovery may hand over a better one).
      this.session.failed((err as Error).message);
      this.retry(this.session.closed(0, ''));
      return;
    }
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    ws.on('open', () => {
      this.armWatchdog(ws);
      ws.send(JSON.stringify(this.opts.hello()));
    });
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws) return;
      this.armWatchdog(ws);
      const buf = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      if (isBinary)
        return this.opts.onBinary(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
      const { msg, live } = this.session.text(buf.toString('utf8'));
      if (!msg) return;
      if (live) this.setState('live');
      this.opts.onMessage(msg);
    });
    // Errors (refused, reset, timeout) are followed by 'close'; handling it keeps them harmless.
    ws.on('error', (err) => {
      this.session.failed(err.message);
    });
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString()));
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.clearTimers();
    if (this.stopped) return;
    this.retry(this.session.closed(code, reason), code);
  }

  /** Refused for good, or the next attempt after the backoff delay. */
  private retry(next: CloseDecision, code = 0): void {
    const detail = next.detail || `closed (${code})`;
    if (next.state === 'refused') return this.setState('refused', detail);
    this.setState('reconnecting', detail, next.retryInMs);
    this.retryTimer = setTimeout(() => this.open(), next.retryInMs);
  }

  private armWatchdog(ws: WebSocket): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      this.session.failed('hub went silent', true);
      ws.terminate();
    }, this.opts.silenceMs ?? 3000);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearTimeout(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
  }

  private setState(state: LinkState, detail?: string, retryInMs?: number): void {
    this.state = state;
    this.opts.onState(state, detail, retryInMs);
  }
}
