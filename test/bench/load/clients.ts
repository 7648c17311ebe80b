/**
 * One phone and one screen client per system, as each system is meant to be used:
 * flagwall speaks its binary protocol (shared/protocol), socket.io uses socket.io-client over the
 * websocket transport, naive sends JSON over plain ws. Screens report (phone index, seq) pairs.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import {
  BinTag,
  TICK_HEADER_BYTES,
  TICK_MOVE_BYTES,
  encodeMove,
} from '../../../shared/protocol/binary';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import { seqToX, xToSeq, type LoadConfig } from './protocol';

export interface PhoneClient {
  /** Server-side id screens will see for this phone. */
  id: number;
  send(k: number): void;
  close(): void;
}
export interface ScreenClient {
  /** Stops reading from the socket (the kernel buffers fill, then the server's). */
  stall(): void;
  close(): void;
}
/** Called for every cursor position a screen receives: server phone id and the seq it carries. */
export type OnMove = (id: number, k: number) => void;

const CONNECT_TIMEOUT_MS = 15_000;

export function phoneClient(cfg: LoadConfig, index: number): Promise<PhoneClient> {
  if (cfg.system === 'flagwall') return flagwallPhone(cfg, index);
  if (cfg.system.startsWith('socketio')) return socketioPhone(cfg, index);
  return naivePhone(cfg, index);
}

export function screenClient(
  cfg: LoadConfig,
  index: number,
  onMove: OnMove,
): Promise<ScreenClient> {
  if (cfg.system === 'flagwall') return flagwallScreen(cfg, index, onMove);
  if (cfg.system.startsWith('socketio')) return socketioScreen(cfg, onMove);
  return naiveScreen(cfg, onMove);
}

// ---- flagwall ----------------------------------------------------------------------------------

const wsUrl = (cfg: LoadConfig, path: string) => cfg.baseUrl.replace(/^http/, 'ws') + path;
/** The hub caps connections per address (venue NAT); spread phones over 127.0.0.0/8 like a crowd. */
const loopbackFor = (index: number) =>
  `127.0.${1 + (Math.floor(index / 250) % 250)}.${2 + (index % 250)}`;

function flagwallPhone(cfg: LoadConfig, index: number): Promise<PhoneClient> {
  const ws = new WebSocket(wsUrl(cfg, '/ws'), {
    perMessageDeflate: false,
    localAddress: loopbackFor(index),
  });
  return opened(ws, (resolve, reject) => {
    ws.send(
      JSON.stringify({
        type: 'hello',
        proto: PROTOCOL_VERSION,
        role: 'phone',
        phone: { name: `p${index}` },
      }),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return; // ACKs
      const msg = JSON.parse(String(data)) as { type: string; clientId?: number };
      if (msg.type === 'wait') reject(new Error('flagwall phone is waiting: over maxPhones'));
      if (msg.type === 'welcome' && msg.clientId) {
        resolve({
          id: msg.clientId,
          send: (k) => ws.send(encodeMove(k, seqToX(k), 0.5)),
          close: () => ws.close(),
        });
      }
    });
  });
}

function flagwallScreen(cfg: LoadConfig, index: number, onMove: OnMove): Promise<ScreenClient> {
  const ws = new WebSocket(wsUrl(cfg, '/ws'), { perMessageDeflate: false });
  return opened(ws, (resolve) => {
    const hello = {
      type: 'hello',
      proto: PROTOCOL_VERSION,
      role: 'screen',
      key: cfg.key,
      screen: { name: `bench-${index}` },
    };
    ws.send(JSON.stringify(hello));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        if ((JSON.parse(String(data)) as { type: string }).type === 'welcome')
          resolve(wsScreen(ws));
        return;
      }
      const b = data as Buffer;
      if (b[0] !== BinTag.TICK || b.length < TICK_HEADER_BYTES) return;
      const n = b.readUInt16LE(13);
      for (let i = 0, o = TICK_HEADER_BYTES; i < n; i++, o += TICK_MOVE_BYTES) {
        onMove(b.readUInt32LE(o), b.readUInt16LE(o + 4));
      }
    });
  });
}

// ---- socket.io ---------------------------------------------------------------------------------

function socketioPhone(cfg: LoadConfig, index: number): Promise<PhoneClient> {
  const socket = io(cfg.baseUrl, {
    transports: ['websocket'],
    query: { role: 'phone', i: String(index + 1) },
    reconnection: false,
  });
  return sioConnected(socket, () => ({
    id: index + 1,
    send: (k) => socket.emit('move', { x: seqToX(k), y: 0.5 }),
    close: () => socket.close(),
  }));
}

function socketioScreen(cfg: LoadConfig, onMove: OnMove): Promise<ScreenClient> {
  const socket = io(cfg.baseUrl, {
    transports: ['websocket'],
    query: { role: 'screen' },
    reconnection: false,
  });
  socket.on('move', (m: { id: number; x: number }) => onMove(m.id, xToSeq(m.x)));
  return sioConnected(socket, () => ({
    stall: () => {
      const ws = (socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void } } })
        .ws;
      ws?._socket?.pause();
    },
    close: () => socket.close(),
  }));
}

function sioConnected<T>(socket: Socket, make: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('socket.io connect timed out')),
      CONNECT_TIMEOUT_MS,
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(make());
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

// ---- naive ws ----------------------------------------------------------------------------------

function naivePhone(cfg: LoadConfig, index: number): Promise<PhoneClient> {
  const ws = new WebSocket(wsUrl(cfg, `/?role=phone&i=${index + 1}`), { perMessageDeflate: false });
  return opened(ws, (resolve) =>
    resolve({
      id: index + 1,
      send: (k) => ws.send(JSON.stringify({ x: seqToX(k), y: 0.5 })),
      close: () => ws.close(),
    }),
  );
}

function naiveScreen(cfg: LoadConfig, onMove: OnMove): Promise<ScreenClient> {
  const ws = new WebSocket(wsUrl(cfg, '/?role=screen'), { perMessageDeflate: false });
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id: number; x: number };
    onMove(m.id, xToSeq(m.x));
  });
  return opened(ws, (resolve) => resolve(wsScreen(ws)));
}

// ---- helpers -----------------------------------------------------------------------------------

function wsScreen(ws: WebSocket): ScreenClient {
  return {
    stall: () => (ws as unknown as { _socket?: { pause(): void } })._socket?.pause(),
    close: () => ws.terminate(),
  };
}

/** Resolves through `onOpen` once the socket is open; rejects on error, close or timeout. */
function opened<T>(
  ws: WebSocket,
  onOpen: (resolve: (v: T) => void, reject: (e: Error) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: Error | null, v?: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        ws.terminate();
        reject(err);
      } else resolve(v as T);
    };
    const timer = setTimeout(() => finish(new Error('connect timed out')), CONNECT_TIMEOUT_MS);
    ws.on('error', (err) => finish(err));
    ws.once('close', (code) => finish(new Error(`closed during join (${code})`)));
    ws.once('open', () =>
      onOpen(
        (v) => finish(null, v),
        (e) => finish(e),
      ),
    );
  });
}
