/** Wraps a real `ws` socket as the HubSocket the hub logic is written against. */
import type { WebSocket } from 'ws';
import type { HubSocket } from './socket';

export function adaptWs(ws: WebSocket): HubSocket {
  return {
    send: (data) => ws.send(data, { binary: typeof data !== 'string' }),
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}
