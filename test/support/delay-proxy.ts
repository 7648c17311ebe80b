/**
 * A userland TCP proxy on 127.0.0.1, port 0, that adds a random delay to every chunk in each
 * direction while keeping the byte order (a chunk never overtakes the one before it, as on a
 * real link with queueing). Put in front of a hub, it gives a screen page a jittery path: the
 * page loads from the proxy's URL, so its WebSocket goes through it too.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { seededRandom } from './link-sim';

export interface DelayProxyOptions {
  targetPort: number;
  targetHost?: string;
  /** One-way delay range per chunk, ms (uniform). */
  minMs: number;
  maxMs: number;
  seed: number;
}

export interface DelayProxy {
  port: number;
  url: string;
  /** Chunks forwarded so far, both directions. */
  chunks(): number;
  close(): Promise<void>;
}

/** Forwards src → dst with per-chunk delay, in order: one queue, one timer for its head. */
function delayedPipe(src: Socket, dst: Socket, delay: () => number, count: () => void): void {
  const queue: { due: number; chunk: Buffer | null }[] = [];
  let timer: NodeJS.Timeout | null = null;
  let lastDue = 0;
  const flush = (): void => {
    timer = null;
    const now = performance.now();
    while (queue.length && queue[0]!.due <= now) {
      const { chunk } = queue.shift()!;
      if (chunk === null) dst.end();
      else if (!dst.destroyed) dst.write(chunk);
    }
    if (queue.length) timer = setTimeout(flush, Math.max(0, queue[0]!.due - now));
  };
  const push = (chunk: Buffer | null): void => {
    lastDue = Math.max(lastDue, performance.now() + delay());
    queue.push({ due: lastDue, chunk });
    if (chunk) count();
    if (!timer) timer = setTimeout(flush, Math.max(0, queue[0]!.due - performance.now()));
  };
  src.on('data', (chunk: Buffer) => push(chunk));
  src.on('end', () => push(null));
  src.on('close', () => {
    if (queue.length === 0 && timer) clearTimeout(timer);
  });
}

export async function startDelayProxy(opts: DelayProxyOptions): Promise<DelayProxy> {
  if (!(opts.minMs >= 0 && opts.maxMs >= opts.minMs))
    throw new TypeError('delay proxy: need 0 <= minMs <= maxMs');
  const random = seededRandom(opts.seed);
  const delay = (): number => opts.minMs + (opts.maxMs - opts.minMs) * random();
  const sockets = new Set<Socket>();
  let chunks = 0;
  const count = (): void => {
    chunks++;
  };
  const server: Server = createServer((client) => {
    const upstream = connect(opts.targetPort, opts.targetHost ?? '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => sockets.delete(s));
    }
    delayedPipe(client, upstream, delay, count);
    delayedPipe(upstream, client, delay, count);
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('delay proxy: no port');
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    chunks: () => chunks,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
