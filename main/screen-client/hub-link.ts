/**
 * One screen's WebSocket link to a hub, for Node (the browser pages use renderer/common/
 * connection.ts; same states, same backoff). Connects, says hello, hands messages on, and after
 * a drop reconnects with full-jitter backoff (reset on every welcome). `retryNow()` skips the
 * wait when discovery hears the hub announce itself again; a silent link (no frame for
 * `silenceMs`) is treated as dropped, since a screen receives ticks many times a second.
 */
import WebSocket from 'ws';
import { FATAL_CLOSE_CODES } from '../../shared/protocol/codes';
import type { ErrorMsg, HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import { backoffDelay, type BackoffPolicy } from '../../shared/net/backoff';

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'refused';

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
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private lastError: ErrorMsg | null = null;
  private url: string;
  state: LinkState = 'connecting';
  /** Connection attempts made so far (for the report and the storm bench). */
  attempts = 0;

  constructor(private readonly opts: HubLinkOptions) {
    this.url = opts.url;
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
    this.lastError = null;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url, {
        perMessageDeflate: false,
        handshakeTimeout: this.opts.connectTimeoutMs ?? 3000,
      });
    } catch (err) {
      // A malformed URL: say so and keep trying (discovery may hand over a better one).
      this.lastError = { type: 'error', code: 0, message: (err as Error).message };
      const delay = backoffDelay(
        this.opts.backoff,
        this.attempt++,
        this.opts.random ?? Math.random,
      );
      this.setState('reconnecting', this.lastError.message, delay);
      this.retryTimer = setTimeout(() => this.open(), delay);
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
      let msg: HubMessage;
      try {
        msg = JSON.parse(buf.toString('utf8')) as HubMessage;
      } catch {
        return;
      }
      if (msg.type === 'welcome') {
        this.attempt = 0;
        this.setState('live');
      } else if (msg.type === 'error') {
        this.lastError = msg;
      }
      this.opts.onMessage(msg);
    });
    // Errors (refused, reset, timeout) are followed by 'close'; handling it keeps them harmless.
    ws.on('error', (err) => {
      this.lastError ??= { type: 'error', code: 0, message: err.message };
    });
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString()));
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.clearTimers();
    if (this.stopped) return;
    const detail = this.lastError?.message || reason || `closed (${code})`;
    if (FATAL_CLOSE_CODES.includes(code)) {
      this.setState('refused', detail);
      return;
    }
    const delay = backoffDelay(this.opts.backoff, this.attempt++, this.opts.random ?? Math.random);
    this.setState('reconnecting', detail, delay);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private armWatchdog(ws: WebSocket): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      this.lastError = { type: 'error', code: 0, message: 'hub went silent' };
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
