/**
 * An in-memory HubSocket for hub unit tests: records what the hub sends, lets the test set how
 * backed up the "network" is, and decodes frames for assertions. No network, no timers.
 */
import { decodeHubFrame, type AckMsg, type TickMsg } from '../../shared/protocol/binary';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { Connection, Hub } from '../../main/hub/hub';
import type { HubSocket } from '../../main/hub/socket';

export class MemoryHubSocket implements HubSocket {
  readonly sent: (Uint8Array | string)[] = [];
  closeCode: number | null = null;
  closeReason = '';
  /** What the test pretends is queued in the kernel/ws buffers. */
  bufferedAmount = 0;
  /** When true, every send adds its size to bufferedAmount (a reader that stopped reading). */
  stalled = false;

  send(data: Uint8Array | string): void {
    if (this.closeCode !== null) return;
    this.sent.push(data);
    if (this.stalled) this.bufferedAmount += typeof data === 'string' ? data.length : data.length;
  }

  close(code: number, reason: string): void {
    if (this.closeCode === null) {
      this.closeCode = code;
      this.closeReason = reason;
    }
  }

  json(): HubMessage[] {
    return this.sent.flatMap((d) => (typeof d === 'string' ? [JSON.parse(d) as HubMessage] : []));
  }

  ticks(): TickMsg[] {
    return this.sent.flatMap((d) => {
      const m = typeof d === 'string' ? null : decodeHubFrame(d);
      return m?.tag === 0x82 ? [m] : [];
    });
  }

  acks(): AckMsg[] {
    return this.sent.flatMap((d) => {
      const m = typeof d === 'string' ? null : decodeHubFrame(d);
      return m?.tag === 0x83 ? [m] : [];
    });
  }

  clear(): void {
    this.sent.length = 0;
  }
}

/** A client of an in-memory hub: its socket and the connection the hub handed back. */
export interface MemoryClient {
  socket: MemoryHubSocket;
  conn: Connection;
  send(data: Uint8Array | object): void;
}

/** Connects a memory socket to `hub` and says hello. */
export function connectMemoryClient(
  hub: Hub,
  hello: Partial<HelloMsg> & Pick<HelloMsg, 'role'>,
  address = '10.0.0.1',
): MemoryClient {
  const socket = new MemoryHubSocket();
  const conn = hub.accept(socket, { address });
  const client: MemoryClient = {
    socket,
    conn,
    send(data) {
      if (data instanceof Uint8Array) conn.receive(data, true);
      else conn.receive(JSON.stringify(data), false);
    },
  };
  client.send({ type: 'hello', proto: PROTOCOL_VERSION, ...hello });
  return client;
}
