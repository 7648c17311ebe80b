/**
 * Close codes the hub sends (4000+ are application codes, RFC 6455 §7.4.2).
 * `as const` objects, not enums: they compile to plain objects the phone page can use.
 */
export const CloseCode = {
  /** Hub is shutting down or restarting; reconnect with backoff. */
  GOING_AWAY: 1001,
  /** Frame larger than the hub's maxPayload (sent by ws itself). */
  TOO_LARGE: 1009,
  /** Malformed JSON, unknown message type, bad field, or a binary frame of the wrong length. */
  BAD_MESSAGE: 4000,
  /** `hello.proto` differs from the hub's PROTOCOL_VERSION. Do not retry with the same version. */
  VERSION_MISMATCH: 4001,
  /** The first message was not a `hello`, or no hello arrived in time. */
  NO_HELLO: 4002,
  /** Screen/operator with a missing or wrong wall key, or from a foreign page. Do not retry. */
  UNAUTHORIZED: 4003,
  /** The socket was backed up beyond the hard cap; reconnect for a fresh snapshot. */
  TOO_SLOW: 4004,
  /** The operator removed this phone. */
  KICKED: 4005,
  /** Too many connections from one address. */
  TOO_MANY_CONNECTIONS: 4006,
  /** A message that is valid but not allowed for this client's role. */
  FORBIDDEN: 4007,
  /** Sustained traffic over a budget; the token and address cool down before they may return. */
  RATE_LIMITED: 4008,
  /** The operator banned this phone (its token, maybe its address) for a while. */
  BANNED: 4009,
  /** The phone held a place without moving for too long; it may rejoin. */
  IDLE: 4010,
  /** This screen's pairing credential was revoked by the operator; pair it again. */
  REVOKED: 4011,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client must not reconnect automatically. */
export const FATAL_CLOSE_CODES: readonly number[] = [
  CloseCode.VERSION_MISMATCH,
  CloseCode.UNAUTHORIZED,
  CloseCode.KICKED,
  CloseCode.BANNED,
  CloseCode.IDLE,
];

export const Role = { SCREEN: 'screen', PHONE: 'phone', OPERATOR: 'operator' } as const;
export type Role = (typeof Role)[keyof typeof Role];
