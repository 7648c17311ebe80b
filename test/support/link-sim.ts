/**
 * A deterministic simulated network link with a virtual clock, for clock tests and the clock
 * bench. Nothing here reads real time: a seeded RNG draws one-way delays per direction, and an
 * event queue advances "true" time from event to event. The local clock runs off the true one by
 * an offset and a rate (ppm); the hub clock can step at a chosen time.
 */

/** mulberry32: small, fast, good enough to draw delays reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LinkProfile {
  /** One-way delay ranges, uniform, ms: client → hub and hub → client. */
  upMs: [number, number];
  downMs: [number, number];
  /** Fraction of packets (each direction) delayed by spikeMs more: Wi-Fi bursts, retries. */
  spikeProb: number;
  spikeMs: number;
  /** Fraction of packets (each direction) lost. */
  loss: number;
}

const base = { spikeProb: 0, spikeMs: 0, loss: 0 };
export const PROFILES = {
  /** Fixed delay: 5 ms each way, no jitter. */
  fixed: { ...base, upMs: [5, 5], downMs: [5, 5] },
  lan: { ...base, upMs: [0.1, 1], downMs: [0.1, 1] },
  wifi: { ...base, upMs: [2, 22], downMs: [2, 22] },
  'wifi-bursty': { ...base, upMs: [2, 22], downMs: [2, 22], spikeProb: 0.05, spikeMs: 100 },
  /** Same floor, very different jitter each way (uplink calm, downlink busy). */
  asymmetric: { ...base, upMs: [2, 4], downMs: [2, 40] },
  'wifi-lossy': { ...base, upMs: [2, 22], downMs: [2, 22], loss: 0.02 },
} satisfies Record<string, LinkProfile>;
export type ProfileName = keyof typeof PROFILES;

export interface SimWorldOptions {
  profile: LinkProfile;
  seed: number;
  /** Local clock minus true time at t = 0, ms. */
  localOffsetMs?: number;
  /** Local clock rate error, ppm (+100: runs fast by 0.1 ms per second). */
  localDriftPpm?: number;
  /** Hub clock at true time 0, ms (an epoch-like number by default). */
  hubBaseMs?: number;
  /** The hub clock jumps by byMs at true time atMs (a hub restart or a clock step). */
  hubStep?: { atMs: number; byMs: number };
  /** Hub time between receiving a ping and sending the pong, ms. Default 0.02. */
  hubProcessingMs?: number;
}

/** A binary min-heap of events by time; ties run in insertion order. */
class EventQueue {
  private heap: { t: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  push(t: number, fn: () => void): void {
    const h = this.heap;
    h.push({ t, seq: this.seq++, fn });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): { t: number; fn: () => void } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  peekTime(): number {
    return this.heap[0]?.t ?? Infinity;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.t < y.t || (x.t === y.t && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    [h[a], h[b]] = [h[b]!, h[a]!];
  }
}

export class SimWorld {
  /** True (simulation) time, ms from the start. */
  trueNow = 0;
  readonly random: () => number;
  private readonly queue = new EventQueue();
  private readonly o: Required<Omit<SimWorldOptions, 'hubStep'>> & Pick<SimWorldOptions, 'hubStep'>;
  packetsSent = 0;
  packetsLost = 0;

  constructor(opts: SimWorldOptions) {
    this.o = {
      localOffsetMs: 0,
      localDriftPpm: 0,
      hubBaseMs: 1_790_000_000_000,
      hubProcessingMs: 0.02,
      ...opts,
    };
    this.random = seededRandom(opts.seed);
  }

  /** The client's local clock at true time T. */
  localAt(T: number = this.trueNow): number {
    return this.o.hubBaseMs + this.o.localOffsetMs + T * (1 + this.o.localDriftPpm / 1e6);
  }

  /** The hub's clock at true time T. */
  hubAt(T: number = this.trueNow): number {
    const step = this.o.hubStep && T >= this.o.hubStep.atMs ? this.o.hubStep.byMs : 0;
    return this.o.hubBaseMs + T + step;
  }

  /** Runs fn at true time T (not before now). */
  at(T: number, fn: () => void): void {
    this.queue.push(Math.max(T, this.trueNow), fn);
  }

  /** Runs fn after `localMs` of the client's local clock. */
  afterLocal(localMs: number, fn: () => void): void {
    this.at(this.trueNow + localMs / (1 + this.o.localDriftPpm / 1e6), fn);
  }

  /** Sends a packet one way: fn runs on arrival, or never if lost. */
  transmit(direction: 'up' | 'down', fn: () => void): void {
    const p = this.o.profile;
    this.packetsSent++;
    if (this.random() < p.loss) {
      this.packetsLost++;
      return;
    }
    const [lo, hi] = direction === 'up' ? p.upMs : p.downMs;
    let delay = lo + (hi - lo) * this.random();
    if (this.random() < p.spikeProb) delay += p.spikeMs;
    this.at(this.trueNow + delay, fn);
  }

  /** A ping: fn(t1, t2) on the hub's clock, then the pong comes back with t3 on the local clock. */
  pingPong(onPong: (sample: { t0: number; t1: number; t2: number; t3: number }) => void): void {
    const t0 = this.localAt();
    this.transmit('up', () => {
      const t1 = this.hubAt();
      const t2 = t1 + this.o.hubProcessingMs;
      this.at(this.trueNow + this.o.hubProcessingMs, () =>
        this.transmit('down', () => onPong({ t0, t1, t2, t3: this.localAt() })),
      );
    });
  }

  /** Runs events in time order until true time `endMs`. */
  runUntil(endMs: number): void {
    while (this.queue.peekTime() <= endMs) {
      const ev = this.queue.pop();
      if (!ev) break;
      this.trueNow = ev.t;
      ev.fn();
    }
    this.trueNow = endMs;
  }

  /** Like runUntil, but awaits `between()` after each event (lets promise-based code settle). */
  async runUntilAsync(endMs: number, between: () => Promise<void>): Promise<void> {
    while (this.queue.peekTime() <= endMs) {
      const ev = this.queue.pop();
      if (!ev) break;
      this.trueNow = ev.t;
      ev.fn();
      await between();
    }
    this.trueNow = endMs;
  }
}
