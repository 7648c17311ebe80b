/**
 * What the bench's processes and threads tell each other, and the latency histogram they share.
 * The load generator is a child process of the bench; its clients live in worker threads.
 */
export type SystemName = 'flagwall' | 'socketio' | 'naive' | 'socketio_volatile' | 'ws_floor';
/**
 * Run by default. On request: socketio_volatile (drops a busy screen's updates) and ws_floor (a ws
 * server that only receives: the floor of server CPU per update, for reading the others against).
 */
export const SYSTEMS: readonly SystemName[] = ['flagwall', 'socketio', 'naive'];
export const ALL_SYSTEMS: readonly SystemName[] = [...SYSTEMS, 'socketio_volatile', 'ws_floor'];

export interface LoadConfig {
  system: SystemName;
  /** http://127.0.0.1:port of the server under test. */
  baseUrl: string;
  /** Wall key (flagwall screens). */
  key: string;
  phones: number;
  screens: number;
  hz: number;
  seconds: number;
  /** Screen 0 stops reading (its latencies are left out of the percentiles). */
  stall: boolean;
  workers: number;
  /**
   * Optional back-to-back phases (seconds each, summing to `seconds`): latency, tick gaps and
   * taps seen are also kept per phase, by send time (moves) or arrival time (ticks).
   */
  phaseSeconds?: number[];
}

/** What a worker saw in one phase (see LoadConfig.phaseSeconds). */
export interface WorkerPhase {
  hist: Uint32Array;
  /** Gaps between TICK frames arriving at a (non-stalled) screen, and the largest one, ms. */
  tickGapHist: Uint32Array;
  tickGapMaxMs: number;
  /** Taps (ripples) in the TICK frames screens received, summed over screens. */
  taps: number;
}

/** Generator → worker. */
export type ToWorker =
  | { type: 'screens' }
  | { type: 'phones' }
  | { type: 'go'; startAt: number; endAt: number }
  | { type: 'close' };

/** Worker → generator. */
export type FromWorker =
  | { type: 'joined'; what: 'screens' | 'phones'; errors: string[] }
  | { type: 'result'; result: WorkerResult };

export interface WorkerResult {
  sent: number;
  /** Position updates that reached a (non-stalled) screen for the first time. */
  delivered: number;
  deliveredStalled: number;
  /** Sends that went out later than one period after their slot (the generator fell behind). */
  late: number;
  hist: Uint32Array;
  /** flagwall: send → hub's TICK stamp, and TICK stamp → screen (empty for the others). */
  waitHist: Uint32Array;
  deliverHist: Uint32Array;
  /** Screens this worker joined and reads (the stalled one left out). */
  liveScreens: number;
  phases: WorkerPhase[];
  errors: string[];
}

/** Generator → bench (IPC). `started`: when the timed phase begins and ends (sharedNow). */
export type FromGenerator =
  | { type: 'ready' }
  | { type: 'started'; startAt: number; endAt: number }
  | { type: 'done'; result: GeneratorResult }
  | { type: 'failed'; error: string };
/** Bench → generator. */
export type ToGenerator = { type: 'go' };

export interface GeneratorResult {
  sent: number;
  delivered: number;
  deliveredStalled: number;
  late: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  /** flagwall: p99 of send → TICK stamp (waiting for the tick) and of TICK stamp → screen. */
  waitP99: number | null;
  deliverP99: number | null;
  samples: number;
  /** The generator's own CPU (all its threads) during the timed phase, ms, and wall time, ms. */
  cpuMs: number;
  wallMs: number;
  /** One entry per LoadConfig.phaseSeconds entry (empty without phases). */
  phases: GeneratorPhase[];
  errors: string[];
}

export interface GeneratorPhase {
  p50: number | null;
  p99: number | null;
  samples: number;
  tickGapP99: number | null;
  tickGapMax: number | null;
  /** Taps a screen received in this phase, averaged over the screens read. */
  tapsPerScreen: number;
}

/** Latency histogram: 0.05 ms bins up to 10 s, one overflow bin at the end. */
export const HIST_BIN_MS = 0.05;
export const HIST_BINS = 200_001;

export function histAdd(hist: Uint32Array, ms: number): void {
  const bin = ms <= 0 ? 0 : Math.min(HIST_BINS - 1, Math.floor(ms / HIST_BIN_MS));
  hist[bin]!++;
}

/** Value at quantile q (0..1), ms (upper edge of the bin), or null when empty. */
export function histQuantile(hist: Uint32Array, q: number): number | null {
  let total = 0;
  for (let i = 0; i < hist.length; i++) total += hist[i]!;
  if (total === 0) return null;
  const target = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= target) return round2((i + 1) * HIST_BIN_MS);
  }
  return null;
}

export const round2 = (v: number): number => Math.round(v * 100) / 100;

/** The shared clock all processes and threads stamp with (ms since the epoch, sub-ms). */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

/**
 * The position stream carries the send sequence: phone k-th move has x = k / 65535, so the u16
 * a screen sees IS k (for every system). k starts at 1 and stays below 32768 (0.5 → 32768 is
 * where a phone starts), which bounds a latency run to 32767 moves per phone.
 */
export const MAX_SEQ = 32_767;
export const seqToX = (k: number): number => k / 65535;
export const xToSeq = (x: number): number => Math.round(x * 65535);
