import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/codes';
import { encodePing } from '../../../shared/protocol/binary';
import { DEFAULT_LIMITS } from '../../../main/hub/limits';
import { connectMemoryClient, MemoryHubSocket } from '../../support/memory-hub-socket';
import { MEMORY_HUB_KEY, createMemoryHub } from '../../support/memory-hub';

const PHONE_HARD = DEFAULT_LIMITS.phoneQueueBytes;
const PHONE_SOFT = PHONE_HARD / 8;
/** The largest single message these tests make the hub send (a settings broadcast). */
const ONE_MESSAGE = 1024;

describe('every socket is bounded (one rule: session-io.ts)', () => {
  it('a waiting phone that never reads and keeps pinging queues at most a phone soft cap, then is closed', () => {
    const { hub, clock } = createMemoryHub({ settings: { maxPhones: 1 } });
    hub.start();
    connectMemoryClient(hub, { role: 'phone' });
    const waiting = connectMemoryClient(hub, { role: 'phone' }, '10.0.0.2');
    expect(waiting.socket.json().map((m) => m.type)).toEqual(['welcome', 'wait']);
    waiting.socket.stalled = true; // every byte sent to it stays queued
    let max = 0;
    // Within its PING budget (5/s), so only the memory rule can stop it: 100 s of pings.
    for (let i = 0; i < 500 && waiting.socket.closeCode === null; i++) {
      waiting.send(encodePing(i));
      clock.advance(200);
      max = Math.max(max, waiting.socket.bufferedAmount);
    }
    expect(max).toBeLessThanOrEqual(PHONE_SOFT + 25); // one PONG past the soft cap at most
    expect(waiting.socket.closeCode).toBe(CloseCode.TOO_SLOW); // backed up past maxBackedUpMs
    hub.stop();
  });

  it('a socket before hello that never reads gets PONGs only up to the bound', () => {
    const { hub, clock } = createMemoryHub({ limits: { helloTimeoutMs: 600_000 } });
    hub.start();
    const socket = new MemoryHubSocket();
    socket.stalled = true;
    const conn = hub.accept(socket, { address: '10.0.0.3' });
    for (let i = 0; i < 2000 && socket.closeCode === null; i++) {
      conn.receive(encodePing(i), true);
      clock.advance(50);
    }
    expect(socket.bufferedAmount).toBeLessThanOrEqual(PHONE_SOFT + 25);
    expect(socket.closeCode).toBe(CloseCode.TOO_SLOW);
    hub.stop();
  });

  it('JSON a phone must get (settings) is never queued past its hard cap: it is closed instead', () => {
    const { hub } = createMemoryHub();
    hub.start();
    const phone = connectMemoryClient(hub, { role: 'phone' });
    phone.socket.stalled = true;
    for (let i = 0; i < 200 && phone.socket.closeCode === null; i++)
      hub.updateSettings({ flagSize: 0.05 + (i % 10) / 100 });
    expect(phone.socket.closeCode).toBe(CloseCode.TOO_SLOW);
    expect(phone.socket.bufferedAmount).toBeLessThanOrEqual(PHONE_HARD + ONE_MESSAGE);
    hub.stop();
  });

  it('screens and operators have their own, larger bounds', () => {
    const soft = 16 * 1024;
    const hard = 64 * 1024;
    const operatorQueueBytes = 128 * 1024;
    const { hub } = createMemoryHub({
      limits: { softBufferedBytes: soft, hardBufferedBytes: hard, operatorQueueBytes },
    });
    hub.start();
    const screen = connectMemoryClient(hub, { role: 'screen', key: MEMORY_HUB_KEY });
    const op = connectMemoryClient(hub, { role: 'operator', key: MEMORY_HUB_KEY }, '10.0.0.9');
    screen.socket.stalled = true;
    op.socket.stalled = true;
    let screenClosedAt = 0;
    for (let i = 0; i < 1000 && op.socket.closeCode === null; i++) {
      hub.updateSettings({ flagSize: 0.05 + (i % 10) / 100 });
      if (!screenClosedAt && screen.socket.closeCode !== null) screenClosedAt = i;
    }
    expect(screen.socket.closeCode).toBe(CloseCode.TOO_SLOW);
    expect(screen.socket.bufferedAmount).toBeLessThanOrEqual(hard + ONE_MESSAGE);
    expect(screen.socket.bufferedAmount).toBeGreaterThan(PHONE_HARD); // more room than a phone
    expect(op.socket.closeCode).toBe(CloseCode.TOO_SLOW);
    expect(op.socket.bufferedAmount).toBeLessThanOrEqual(operatorQueueBytes + ONE_MESSAGE);
    expect(op.socket.bufferedAmount).toBeGreaterThan(hard);
    hub.stop();
  });
});
