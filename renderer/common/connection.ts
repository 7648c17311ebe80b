/**
 * The browser side of one hub connection, for every page: connects, says hello, hands binary and
 * JSON messages to the page, and reconnects with full-jitter backoff after a drop. The state it
 * reports is honest: 'connecting' until welcome, 'live' after, 'reconnecting' while away, and
 * 'refused' after a close code that must not be retried.
 */
import { FATAL_CLOSE_CODES } from '../../shared/protocol/codes';
import type { ErrorMsg, HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import { WS_PATH } from '../../shared/protocol/version';
import { backoffDelay, type BackoffPolicy } from '../../shared/net/backoff';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface ConnectionOptions {
  /** Base URL of the hub (http[s]://host:port); default: the page's own origin. */
  hubUrl?: string;
  /** Built fresh for every attempt, so a resume token learned later is included. */
  hello: () => HelloMsg;
  backoff: BackoffPolicy;
  onMessage(msg: HubMessage): void;
  onBinary(data: Uint8Array): void;
  onState(state: ConnectionState, detail?: string): void;
}

export class HubConnection {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private lastError: ErrorMsg | null = null;
  state: ConnectionState = 'connecting';

  constructor(private readonly opts: ConnectionOptions) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000, 'bye');
  }

  /** Sends if connected; drops silently otherwise (positions are superseded anyway). */
  send(data: string | Uint8Array): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(data);
    return true;
  }

  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  private open(): void {
    const base = new URL(this.opts.hubUrl ?? location.href);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    base.pathname = WS_PATH;
    base.search = '';
    const ws = new WebSocket(base.toString());
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.lastError = null;
    ws.onopen = () => ws.send(JSON.stringify(this.opts.hello()));
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') {
        let msg: HubMessage;
        try {
          msg = JSON.parse(ev.data) as HubMessage;
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
      } else {
        this.opts.onBinary(new Uint8Array(ev.data as ArrayBuffer));
      }
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (FATAL_CLOSE_CODES.includes(ev.code)) {
        this.setState('refused', this.lastError?.message ?? ev.reason);
        return;
      }
      const delay = backoffDelay(this.opts.backoff, this.attempt++, Math.random);
      this.setState('reconnecting', this.lastError?.message ?? ev.reason);
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  private setState(state: ConnectionState, detail?: string): void {
    this.state = state;
    this.opts.onState(state, detail);
  }
}
