/** Per-client and per-hub limits; every default documented. */
export interface HubLimits {
  /** Largest WebSocket frame accepted, bytes (ws closes with 1009 above it). Default 4096. */
  maxPayload: number;
  /** A client must send hello within this, ms. Default 5000. */
  helloTimeoutMs: number;
  /** Above this many queued bytes a client skips ticks. Default 64 KiB. */
  softBufferedBytes: number;
  /** Above this many queued bytes a client is closed with TOO_SLOW. Default 1 MiB. */
  hardBufferedBytes: number;
  /** A client over the soft cap for longer than this, ms, is closed with TOO_SLOW. Default 5000. */
  maxBackedUpMs: number;
  /** A disconnected phone dozes (greyed out) this long before it leaves, ms. Default 30000. */
  phoneGraceMs: number;
  /** Connections allowed from one address (venue Wi-Fi may NAT many phones). Default 1000. */
  maxPerAddress: number;
  /** Phone messages per second allowed on average (burst = 1 s worth); excess dropped. Default 120. */
  phoneMsgsPerSecond: number;
  /** Presence updates to phones, Hz. Default 1. */
  presenceHz: number;
  /** Most ACKs (own latest position) per phone per second; the latest always goes out. Default 5. */
  phoneAckHz: number;
}

export const DEFAULT_LIMITS: Readonly<HubLimits> = Object.freeze({
  maxPayload: 4096,
  helloTimeoutMs: 5000,
  softBufferedBytes: 64 * 1024,
  hardBufferedBytes: 1024 * 1024,
  maxBackedUpMs: 5000,
  phoneGraceMs: 30_000,
  maxPerAddress: 1000,
  phoneMsgsPerSecond: 120,
  presenceHz: 1,
  phoneAckHz: 5,
});

/** Token bucket: `take()` is true while the client is within its rate. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
