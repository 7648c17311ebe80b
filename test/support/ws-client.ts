/**
 * A scripted WebSocket client for tests: records every message and lets the test wait for the
 * one it expects (with a timeout), never sleep.
 */
import WebSocket from 'ws';
import {
  decodeHubFrame,
  encodeMove,
  type AckMsg,
  type PongMsg,
  type TickMsg,
} from '../../shared/protocol/binary';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';

export type Received =
  | { kind: 'json'; msg: HubMessage }
  | { kind: 'binary'; msg: TickMsg | PongMsg | AckMsg | null; raw: Buffer };

export class TestClient {
  readonly received: Received[] = [];
  closeCode: number | null = null;
  closeReason = '';
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      this.received.push(
        isBinary
          ? { kind: 'binary', msg: decodeHubFrame(new Uint8Array(buf)), raw: buf }
          : { kind: 'json', msg: JSON.parse(buf.toString('utf8')) as HubMessage },
      );
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.wake();
    });
    ws.on('error', () => this.wake());
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const ws = new WebSocket(url, { headers });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Connects and says hello with sensible defaults for the role. */
  static async join(
    url: string,
    hello: Partial<HelloMsg> & Pick<HelloMsg, 'role'>,
    headers?: Record<string, string>,
  ): Promise<TestClient> {
    const client = await TestClient.connect(url, headers);
    client.sendJson({ type: 'hello', proto: PROTOCOL_VERSION, ...hello });
    await client.waitForJson('welcome');
    return client;
  }

  sendJson(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  sendBinary(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }

  /**
   * A phone moves and waits for the hub's ACK: a phone that never moved leaves at once when its
   * socket drops, so tests of dozing move first.
   */
  async move(x = 0.5, y = 0.5, seq = 1): Promise<void> {
    const acks = () => this.received.filter((r) => r.kind === 'binary' && r.msg?.tag === 0x83);
    const before = acks().length;
    this.sendBinary(encodeMove(seq, x, y));
    await this.waitFor(() => acks().length > before, 5000, 'the ACK of a move');
  }

  json<T extends HubMessage['type']>(type: T): Extract<HubMessage, { type: T }>[] {
    return this.received.flatMap((r) =>
      r.kind === 'json' && r.msg.type === type ? [r.msg as Extract<HubMessage, { type: T }>] : [],
    );
  }

  ticks(): TickMsg[] {
    return this.received.flatMap((r) =>
      r.kind === 'binary' && r.msg?.tag === 0x82 ? [r.msg] : [],
    );
  }

  /** Resolves when `predicate` holds, checked on every message; rejects after `timeoutMs`. */
  async waitFor<T>(
    predicate: () => T | undefined | null | false,
    timeoutMs = 5000,
    what = 'condition',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForJson<T extends HubMessage['type']>(
    type: T,
    timeoutMs = 5000,
  ): Promise<Extract<HubMessage, { type: T }>> {
    return this.waitFor(() => this.json(type).at(-1), timeoutMs, `a "${type}" message`);
  }

  waitForClose(timeoutMs = 5000): Promise<number> {
    return this.waitFor(() => this.closeCode ?? undefined, timeoutMs, 'close');
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
