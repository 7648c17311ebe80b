/**
 * One phone and one screen client per system, as each system is meant to be used:
 * flagwall speaks its binary protocol (shared/protocol), socket.io its own wire protocol over the
 * websocket transport, naive sends JSON over plain ws. Screens report (phone index, seq) pairs.
 */
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
/** `tickAt`: flagwall only, the hub time stamped in the TICK frame that carried the move. */
export type OnMove = (id: number, k: number, tickAt?: number) => void;
/** flagwall only: called once per TICK frame, after its moves, with the number of taps it carries. */
export type OnTick = (taps: number) => void;

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
  onTick?: OnTick,
): Promise<ScreenClient> {
  if (cfg.system === 'flagwall') return flagwallScreen(cfg, index, onMove, onTick);
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

function flagwallScreen(
  cfg: LoadConfig,
  index: number,
  onMove: OnMove,
  onTick?: OnTick,
): Promise<ScreenClient> {
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
      const tickAt = b.readDoubleLE(5);
      for (let i = 0, o = TICK_HEADER_BYTES; i < n; i++, o += TICK_MOVE_BYTES) {
        onMove(b.readUInt32LE(o), b.readUInt16LE(o + 4), tickAt);
      }
      onTick?.(b.readUInt16LE(17));
    });
  });
}

// ---- socket.io ---------------------------------------------------------------------------------
// The generator speaks socket.io's wire protocol (engine.io 4 + socket.io 5 packets) directly over
// ws: the server receives exactly what socket.io-client would send, and the generator stays light
// enough to receive 8 × every move without becoming the bottleneck itself.

const sioUrl = (cfg: LoadConfig, query: string) =>
  wsUrl(cfg, `/socket.io/?EIO=4&transport=websocket&${query}`);

function socketioPhone(cfg: LoadConfig, index: number): Promise<PhoneClient> {
  const ws = new WebSocket(sioUrl(cfg, `role=phone&i=${index + 1}`), { perMessageDeflate: false });
  return sioConnected(ws, () => ({
    id: index + 1,
    // socket.emit('move', { x, y }) on the wire: EVENT packet "42" + JSON array.
    send: (k) => ws.send(`42["move",{"x":${seqToX(k)},"y":0.5}]`),
    close: () => ws.close(),
  }));
}

function socketioScreen(cfg: LoadConfig, onMove: OnMove): Promise<ScreenClient> {
  const ws = new WebSocket(sioUrl(cfg, 'role=screen'), { perMessageDeflate: false });
  ws.on('message', (data) => {
    const text = String(data);
    if (!text.startsWith('42')) return;
    const [name, m] = JSON.parse(text.slice(2)) as [string, { id: number; x: number }];
    if (name === 'move') onMove(m.id, xToSeq(m.x));
  });
  return sioConnected(ws, () => wsScreen(ws));
}

/** engine.io OPEN ("0{…}") → socket.io CONNECT ("40") → connected ("40{…}"); answers pings. */
function sioConnected<T>(ws: WebSocket, make: () => T): Promise<T> {
  ws.on('message', (data) => {
    if (String(data) === '2') ws.send('3'); // engine.io ping → pong
  });
  return opened(ws, (resolve, reject) => {
    ws.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('0{')) ws.send('40');
      else if (text.startsWith('40')) resolve(make());
      else if (text.startsWith('44')) reject(new Error(`socket.io connect refused: ${text}`));
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
