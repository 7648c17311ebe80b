/**
 * The attackers' sockets: a flagwall phone or screen on a chosen loopback address, speaking the
 * real protocol (well-formed messages only), and a send loop that goes as fast as the socket
 * takes it. Every loop stops at `endAt`.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';

export type Counts = Record<string, number>;
export const bump = (counts: Counts, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

const CONNECT_TIMEOUT_MS = 10_000;
/** The hub sends `wait` right after a phone's welcome, in the same turn: this covers the gap. */
const SETTLE_MS = 30;

export interface Joined {
  ws: WebSocket;
  /** 'welcome': on the wall; 'wait': queued behind a full wall. */
  as: 'welcome' | 'wait';
}

/**
 * Opens a socket from `address` and sends `hello`; resolves once welcomed (a phone: unless `wait`
 * follows its welcome at once, as the hub sends it when the wall is full), rejects on close.
 */
export function joinAs(
  url: string,
  address: string,
  hello: Record<string, unknown>,
  counts: Counts,
): Promise<Joined> {
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    localAddress: address,
    // A zero mask: the random one costs more than the attack's own work (the hub unmasks the same).
    generateMask: () => {},
  });
  return new Promise((resolve, reject) => {
    let settle: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => fail(new Error('join timed out')), CONNECT_TIMEOUT_MS);
    const done = () => (clearTimeout(timer), clearTimeout(settle), ws.off('message', onMessage));
    const fail = (err: Error) => {
      done();
      ws.terminate();
      reject(err);
    };
    const finish = (as: Joined['as']) => {
      done();
      ws.removeAllListeners('close');
      ws.removeAllListeners('error');
      ws.on('error', () => {});
      ws.on('close', (code) => bump(counts, `closed_${code}`));
      resolve({ ws, as });
    };
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
      const type = isBinary ? 'binary' : (JSON.parse(String(data)) as { type: string }).type;
      if (type === 'wait') return finish('wait');
      if (type !== 'welcome') return settle ? finish('welcome') : undefined;
      if (hello.role !== 'phone') return finish('welcome');
      settle = setTimeout(() => finish('welcome'), SETTLE_MS);
    };
    ws.on('error', (err) => fail(err));
    ws.once('close', (code) => {
      bump(counts, `closed_${code}`);
      fail(new Error(`closed during join (${code})`));
    });
    ws.on('message', onMessage);
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'hello', proto: PROTOCOL_VERSION, ...hello })),
    );
  });
}

export const phoneHello = (name: string) => ({ role: 'phone', phone: { name, lang: 'en-GB' } });

/** Stops reading: the kernel's buffers fill, then the hub's queue for this socket. */
export function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket?: { pause(): void } })._socket?.pause();
}

const FLOOD_HIGH_WATER = 64 * 1024;
const FLOOD_BATCH = 64;

/**
 * Sends `make()` as fast as the socket drains (never more than 64 KiB queued here), yielding to
 * the event loop between batches so the process's other clients keep running. Stops at endAt,
 * when the socket closes, or after maxSends.
 */
export function flood(
  ws: WebSocket,
  make: () => string | Uint8Array,
  endAt: number,
  counts: Counts,
  key: string,
  maxSends: number,
): Promise<void> {
  return new Promise((resolve) => {
    let sent = 0;
    const step = () => {
      if (Date.now() >= endAt || ws.readyState !== WebSocket.OPEN || sent >= maxSends) {
        bump(counts, key, sent);
        // The hub closed it (a non-reading socket cannot read its close code).
        if (ws.readyState !== WebSocket.OPEN) bump(counts, 'cut_short');
        return resolve();
      }
      for (let i = 0; i < FLOOD_BATCH && ws.bufferedAmount < FLOOD_HIGH_WATER; i++) {
        ws.send(make());
        sent++;
      }
      if (ws.bufferedAmount >= FLOOD_HIGH_WATER) setTimeout(step, 1);
      else setImmediate(step);
    };
    step();
  });
}
