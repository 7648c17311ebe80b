/**
 * A load-generator worker thread: its share of phones (each sends at `hz`, x carrying the send
 * sequence) and of screens (each maps every position it receives back to the send time).
 * Send times live in a SharedArrayBuffer so any thread's screen can look up any thread's phone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { phoneClient, screenClient, type PhoneClient, type ScreenClient } from './clients';
import {
  HIST_BINS,
  MAX_SEQ,
  histAdd,
  sharedNow,
  type FromWorker,
  type LoadConfig,
  type ToWorker,
  type WorkerPhase,
} from './protocol';

export interface WorkerInit {
  cfg: LoadConfig;
  /** Phone and screen indexes this worker runs. */
  phoneIndexes: number[];
  screenIndexes: number[];
  /** Float64 [phone index × seqSlots + k] = send time. */
  sendTimes: SharedArrayBuffer;
  seqSlots: number;
  /** Int32 [server phone id] = phone index + 1 (0: unknown). */
  idToIndex: SharedArrayBuffer;
}

const init = workerData as WorkerInit;
const { cfg, seqSlots } = init;
const sendTimes = new Float64Array(init.sendTimes);
const idToIndex = new Int32Array(init.idToIndex);
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const JOIN_BATCH = 50;

const phones: { index: number; client: PhoneClient }[] = [];
const screens: ScreenClient[] = [];
const errors: string[] = [];
const hist = new Uint32Array(HIST_BINS);
// flagwall's latency in two parts: send → the TICK that carries it (stamped by the hub, same
// clock), and that TICK → this screen.
const waitHist = new Uint32Array(HIST_BINS);
const deliverHist = new Uint32Array(HIST_BINS);
let delivered = 0;
let deliveredStalled = 0;
let sent = 0;
let late = 0;
let liveScreens = 0;
// Per-phase figures (cfg.phaseSeconds): phase bounds are set when the run starts.
const phaseSeconds = cfg.phaseSeconds ?? [];
const phases: WorkerPhase[] = phaseSeconds.map(() => ({
  hist: new Uint32Array(HIST_BINS),
  tickGapHist: new Uint32Array(HIST_BINS),
  tickGapMaxMs: 0,
  taps: 0,
}));
let phaseEnds: number[] = [];
/** The phase time `t` falls in, or null before the run, after it, or without phases. */
const phaseAt = (t: number): WorkerPhase | null => {
  if (phaseEnds.length === 0 || t < phaseEnds[0]! - phaseSeconds[0]! * 1000) return null;
  const i = phaseEnds.findIndex((end) => t < end);
  return i < 0 ? null : phases[i]!;
};

port.on('message', (m: ToWorker) => {
  if (m.type === 'screens') void joinScreens();
  else if (m.type === 'phones') void joinPhones();
  else if (m.type === 'go') run(m.startAt, m.endAt);
  else if (m.type === 'close') closeAll();
});

function noteError(err: unknown): void {
  if (errors.length < 20) errors.push((err as Error).message ?? String(err));
}

async function joinScreens(): Promise<void> {
  for (const index of init.screenIndexes) {
    // The last seq each phone showed on this screen: a value counts once, when first seen.
    const lastSeq = new Int32Array(cfg.phones);
    const stalled = cfg.stall && index === 0;
    let lastTickAt = 0;
    const onTick = (taps: number) => {
      const now = sharedNow();
      const phase = stalled ? null : phaseAt(now);
      if (phase) {
        phase.taps += taps;
        // A gap counts in the phase it ends in (a freeze shows where the screen waited).
        if (lastTickAt > 0) {
          histAdd(phase.tickGapHist, now - lastTickAt);
          phase.tickGapMaxMs = Math.max(phase.tickGapMaxMs, now - lastTickAt);
        }
      }
      lastTickAt = now;
    };
    try {
      const screen = await screenClient(
        cfg,
        index,
        (id, k, tickAt) => {
          const phone = (idToIndex[id] ?? 0) - 1;
          if (phone < 0 || k < 1 || k > MAX_SEQ || lastSeq[phone] === k) return;
          lastSeq[phone] = k;
          const t = sendTimes[phone * seqSlots + k]!;
          if (t === 0) return; // not one of ours (e.g. a position from before the run)
          if (stalled) {
            deliveredStalled++;
            return;
          }
          delivered++;
          const now = sharedNow();
          histAdd(hist, now - t);
          const phase = phaseAt(t);
          if (phase) histAdd(phase.hist, now - t);
          if (tickAt !== undefined) {
            histAdd(waitHist, tickAt - t);
            histAdd(deliverHist, now - tickAt);
          }
        },
        onTick,
      );
      screens.push(screen);
      if (stalled) screen.stall();
      else liveScreens++;
    } catch (err) {
      noteError(err);
    }
  }
  post({ type: 'joined', what: 'screens', errors: errors.slice() });
}

async function joinPhones(): Promise<void> {
  const todo = init.phoneIndexes.slice();
  while (todo.length) {
    const batch = todo.splice(0, JOIN_BATCH);
    const joined = await Promise.allSettled(batch.map((i) => phoneClient(cfg, i)));
    joined.forEach((r, j) => {
      const index = batch[j]!;
      if (r.status === 'rejected') return noteError(r.reason);
      phones.push({ index, client: r.value });
      if (r.value.id < idToIndex.length) idToIndex[r.value.id] = index + 1;
      else noteError(new Error(`phone id ${r.value.id} beyond the bench's id table`));
    });
  }
  post({ type: 'joined', what: 'phones', errors: errors.slice() });
}

/**
 * Sends every phone's moves on a fixed schedule: phone j of n sends at startAt + j/n·period + r·period.
 * One cursor walks the schedule, so each wake-up does only the sends that are due.
 */
function run(startAt: number, endAt: number): void {
  const period = 1000 / cfg.hz;
  const n = phones.length;
  let end = startAt;
  phaseEnds = phaseSeconds.map((sec) => (end += sec * 1000));
  let cursor = 0;
  let round = 0;
  const step = () => {
    const now = sharedNow();
    for (let budget = n * 2 + 1; budget > 0; budget--) {
      if (n === 0) break;
      const due = startAt + (cursor / n + round) * period;
      if (due > now || due >= endAt) break;
      const k = round + 1;
      if (k > MAX_SEQ || k >= seqSlots) break;
      const phone = phones[cursor]!;
      if (now - due > period) late++;
      sendTimes[phone.index * seqSlots + k] = sharedNow();
      phone.client.send(k);
      sent++;
      if (++cursor === n) {
        cursor = 0;
        round++;
      }
    }
    if (now < endAt) setTimeout(step, 1);
    else setTimeout(finish, 0);
  };
  setTimeout(step, Math.max(0, startAt - sharedNow()));
}

/** Waits until deliveries stop (or 3 s), then reports. */
function finish(): void {
  const quietMs = 300;
  const deadline = sharedNow() + 3000;
  let lastCount = -1;
  let lastChange = sharedNow();
  const poll = () => {
    const now = sharedNow();
    const count = delivered + deliveredStalled;
    if (count !== lastCount) {
      lastCount = count;
      lastChange = now;
    }
    if (now - lastChange >= quietMs || now >= deadline) {
      const result = {
        ...{ sent, delivered, deliveredStalled, late, hist, waitHist, deliverHist },
        ...{ liveScreens, phases, errors },
      };
      post({ type: 'result', result });
    } else setTimeout(poll, 50);
  };
  poll();
}

function closeAll(): void {
  for (const p of phones) p.client.close();
  for (const s of screens) s.close();
  setTimeout(() => process.exit(0), 200).unref();
}
