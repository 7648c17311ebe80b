/** Bumped on any incompatible change to a message shape or byte layout (docs/protocol.md). */
export const PROTOCOL_VERSION = 2;

/** The WebSocket path every client connects to. */
export const WS_PATH = '/ws';
