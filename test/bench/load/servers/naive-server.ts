/**
 * The "naive" competitor: a plain ws server relaying each phone's JSON move to every screen in a
 * for-loop, as isitchristmas did. Prints `listening <port>` once ready. Loopback only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 4096 });
const screens = new Set<WebSocket>();
const relay = process.env.BENCH_NAIVE_RELAY !== '0';

wss.on('connection', (ws, req) => {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  ws.on('error', () => {});
  if (query.get('role') === 'screen') {
    screens.add(ws);
    ws.on('close', () => screens.delete(ws));
    return;
  }
  const id = Number(query.get('i'));
  ws.on('message', (data) => {
    // ws_floor: receiving the frame is all it does (not even parsing it).
    if (!relay) return;
    let move: { x: number; y: number };
    try {
      move = JSON.parse(String(data)) as { x: number; y: number };
    } catch {
      return;
    }
    const text = JSON.stringify({ id, x: move.x, y: move.y });
    for (const screen of screens) screen.send(text);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
