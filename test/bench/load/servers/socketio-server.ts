/**
 * The socket.io competitor: socket.io 4, websocket transport only, the idiomatic relay —
 * `io.to('screens').emit(...)` per move. With BENCH_SIO_VOLATILE=1 (system `socketio_volatile`)
 * it uses `.volatile.emit`, which drops a message for any screen whose socket is busy; that
 * includes a phone's LAST position, so a cursor can stay stale — not the same job, hence opt-in.
 * Prints `listening <port>` once ready. Loopback only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const volatile = process.env.BENCH_SIO_VOLATILE === '1';
const server = createServer();
const io = new Server(server, {
  transports: ['websocket'],
  perMessageDeflate: false,
  serveClient: false,
});

io.on('connection', (socket) => {
  const { role, i } = socket.handshake.query;
  if (role === 'screen') {
    void socket.join('screens');
    return;
  }
  const id = Number(i);
  socket.on('move', (m: { x: number; y: number }) => {
    const screens = volatile ? io.to('screens').volatile : io.to('screens');
    screens.emit('move', { id, x: m.x, y: m.y });
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
