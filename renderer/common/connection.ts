/**
 * The browser side of one hub connection, for every page: connects, says hello, hands binary and
 * JSON messages to the page, and reconnects with full-jitter backoff after a drop. The state it
 * reports is honest: 'connecting' until welcome, 'live' after, 'reconnecting' while away, and
 * 'refused' after a close code that must not be retried.
 */
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import { WS_PATH } from '../../shared/protocol/version';
import type { BackoffPolicy } from '../../shared/net/backoff';
import { LinkSession, type LinkState } from '../../shared/net/link-session';

export type ConnectionState = LinkState;

export interface ConnectionOptions {
  /** Base URL of the hub (http[s]://host:port); default: the page's own origin. */
  hubUrl?: string;
  /** Built fresh for every attempt, so a resume token learned later is included. */
  hello: () => HelloMsg;
  backoff: BackoffPolicy;
  onMessage(msg: HubMessage): void;
  onBinary(data: Uint8Array): void;
  /**
   * `code`: the close code that led to a 'refused' or 'reconnecting' state. `hubWaitMs`: how long
   * the hub said it refuses us (e.g. a RATE_LIMITED cooldown); the retry waits at least that long.
   */
  onState(state: ConnectionState, detail?: string, code?: number, hubWaitMs?: number): void;
}

export class HubConnection {
  private ws: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly session: LinkSession;
  state: ConnectionState = 'connecting';

  constructor(private readonly opts: ConnectionOptions) {
    this.session = new LinkSession(opts.backoff);
  }

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
    this.session.opening();
    ws.onopen = () => ws.send(JSON.stringify(this.opts.hello()));
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') {
        this.opts.onBinary(new Uint8Array(ev.data as ArrayBuffer));
        return;
      }
      const { msg, live } = this.session.text(ev.data);
      if (!msg) return;
      if (live) this.setState('live');
      this.opts.onMessage(msg);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      const next = this.session.closed(ev.code, ev.reason);
      this.setState(
        next.state,
        next.detail,
        ev.code,
        next.state === 'reconnecting' ? next.hubWaitMs : undefined,
      );
      if (next.state === 'reconnecting') this.timer = setTimeout(() => this.open(), next.retryInMs);
    };
  }

  private setState(
    state: ConnectionState,
    detail?: string,
    code?: number,
    hubWaitMs?: number,
  ): void {
    this.state = state;
    this.opts.onState(state, detail, code, hubWaitMs);
  }
}
