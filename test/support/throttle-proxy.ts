/**
 * A userland TCP proxy on 127.0.0.1, port 0, that limits each connection to a fixed bandwidth in
 * each direction (`tc` is not available here). It reads from the far side only as fast as it
 * forwards, so a sender's queue grows as it would behind a slow Wi-Fi link: a hub sees a screen
 * behind it as a slow consumer.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ThrottleProxyOptions {
  targetPort: number;
  targetHost?: string;
  /** Bytes per second, each direction, per connection. */
  bytesPerSecond: number;
}

export interface ThrottleProxy {
  port: number;
  close(): Promise<void>;
}

const STEP_MS = 10;
/** Bytes held in the proxy before it stops reading from the sender (a link buffer, ~130 ms at 2 MB/s). */
const HIGH_WATER = 256 * 1024;

/** Longest time a late timer may make up for at once, ms (a link does not save up bandwidth). */
const MAX_CATCH_UP_MS = 100;

/**
 * Forwards src → dst at `bytesPerSecond`: every STEP_MS it sends what the time elapsed since the
 * last step allows, so a busy process's late timers do not slow the link below its rate.
 */
function throttledPipe(src: Socket, dst: Socket, bytesPerSecond: number): () => void {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const elapsed = Math.min(MAX_CATCH_UP_MS, now - last);
    last = now;
    let allowance = Math.max(1, Math.round((bytesPerSecond * elapsed) / 1000));
    while (allowance > 0 && queue.length) {
      const head = queue[0]!;
      const part = head.length <= allowance ? head : head.subarray(0, allowance);
      if (part === head) queue.shift();
      else queue[0] = head.subarray(allowance);
      allowance -= part.length;
      queued -= part.length;
      if (!dst.destroyed) dst.write(part);
    }
    if (queued < HIGH_WATER && src.isPaused()) src.resume();
    if (ended && queue.length === 0) {
      clearInterval(timer);
      dst.end();
    }
  }, STEP_MS);
  src.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= HIGH_WATER) src.pause();
  });
  src.on('end', () => (ended = true));
  return () => clearInterval(timer);
}

export async function startThrottleProxy(opts: ThrottleProxyOptions): Promise<ThrottleProxy> {
  if (!(opts.bytesPerSecond >= 1000)) throw new TypeError('throttle proxy: bytesPerSecond >= 1000');
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(opts.targetPort, opts.targetHost ?? '127.0.0.1');
    const stops = [
      throttledPipe(client, upstream, opts.bytesPerSecond),
      throttledPipe(upstream, client, opts.bytesPerSecond),
    ];
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => {
        sockets.delete(s);
        for (const stop of stops) stop();
        client.destroy();
        upstream.destroy();
      });
    }
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('throttle proxy: no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
