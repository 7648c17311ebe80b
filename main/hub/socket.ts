/**
 * The hub's view of a connection: just what it needs, so hub logic can be tested with an
 * in-memory pair and no network (see test/unit/hub). `ws-adapter.ts` wraps a real ws socket.
 */
export interface HubSocket {
  send(data: Uint8Array | string): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
}

/** Facts about a connection known before its first message. */
export interface ConnectionInfo {
  /** Remote IP address. */
  address: string;
  /** The HTTP Accept-Language header of the upgrade request, if any. */
  acceptLanguage?: string;
  /** The upgrade request's User-Agent header, if any (operator audience stats). */
  userAgent?: string;
  /** Set when the upgrade came from a browser page not on the hub's origin (auth-origin.ts). */
  originRefusal?: string;
}
