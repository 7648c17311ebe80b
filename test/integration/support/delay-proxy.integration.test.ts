import { createServer, connect, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from '../../support/delay-proxy';

let echo: Server | null = null;
let proxy: DelayProxy | null = null;

afterEach(async () => {
  await proxy?.close();
  await new Promise<void>((r) => (echo ? echo.close(() => r()) : r()));
  echo = proxy = null;
});

describe('delay proxy', () => {
  it('delays each chunk yet keeps the byte order, both ways', async () => {
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo!.listen(0, '127.0.0.1', r));
    const port = (echo.address() as { port: number }).port;
    proxy = await startDelayProxy({ targetPort: port, minMs: 2, maxMs: 20, seed: 3 });
    const socket = connect(proxy.port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const sent: string[] = [];
    let received = '';
    const start = performance.now();
    const done = new Promise<number>((resolve) =>
      socket.on('data', (d: Buffer) => {
        received += d.toString();
        if (received.length >= sent.join('').length && sent.length === 50)
          resolve(performance.now() - start);
      }),
    );
    for (let i = 0; i < 50; i++) {
      const msg = `<${i}>`;
      sent.push(msg);
      socket.write(msg);
      await new Promise((r) => setImmediate(r));
    }
    const elapsed = await done;
    expect(received).toBe(sent.join(''));
    expect(elapsed).toBeGreaterThanOrEqual(4); // at least the two minimum one-way delays
    expect(proxy.chunks()).toBeGreaterThan(1);
    socket.destroy();
  });

  it('rejects a bad delay range', async () => {
    await expect(startDelayProxy({ targetPort: 1, minMs: 5, maxMs: 1, seed: 1 })).rejects.toThrow(
      TypeError,
    );
  });
});
