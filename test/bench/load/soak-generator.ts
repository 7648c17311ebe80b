/**
 * Soak load: `phones` slots, each a phone that joins, moves at `hz` (and taps now and then) for
 * 2–20 s, leaves, and is replaced at once — a fifth of them come back with their resume token.
 * Screens stay connected throughout and must keep receiving ticks. Reports totals over IPC.
 * Bounded by `minutes`; every socket is loopback.
 */
import WebSocket from 'ws';
import { encodeMove, encodeTap } from '../../../shared/protocol/binary';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';

export interface SoakConfig {
  baseUrl: string;
  key: string;
  phones: number;
  screens: number;
  hz: number;
  minutes: number;
}
export interface SoakTotals {
  joins: number;
  resumes: number;
  leaves: number;
  moves: number;
  taps: number;
  waits: number;
  ticksReceived: number;
  errors: number;
  errorSamples: string[];
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as SoakConfig;
const wsUrl = cfg.baseUrl.replace(/^http/, 'ws') + '/ws';
const endAt = Date.now() + cfg.minutes * 60_000;
const totals: SoakTotals = {
  joins: 0,
  resumes: 0,
  leaves: 0,
  moves: 0,
  taps: 0,
  waits: 0,
  ticksReceived: 0,
  errors: 0,
  errorSamples: [],
};
const open = new Set<WebSocket>();

function error(what: string): void {
  totals.errors++;
  if (totals.errorSamples.length < 10 && !totals.errorSamples.includes(what))
    totals.errorSamples.push(what);
}

function screen(index: number): void {
  if (Date.now() >= endAt) return;
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
  open.add(ws);
  ws.on('open', () =>
    ws.send(
      JSON.stringify({
        type: 'hello',
        proto: PROTOCOL_VERSION,
        role: 'screen',
        key: cfg.key,
        screen: { name: `soak-${index}` },
      }),
    ),
  );
  ws.on('message', (_d, isBinary) => {
    if (isBinary) totals.ticksReceived++;
  });
  ws.on('error', (e) => error(`screen: ${e.message}`));
  ws.on('close', (code) => {
    open.delete(ws);
    if (Date.now() < endAt) {
      error(`screen closed (${code})`);
      setTimeout(() => screen(index), 1000);
    }
  });
}

/** One phone slot: join, move for a while, leave, repeat until the end. */
function phone(slot: number, resume: string | undefined): void {
  if (Date.now() >= endAt) return;
  const address = `127.0.${1 + (Math.floor(slot / 200) % 250)}.${2 + (slot % 200)}`;
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false, localAddress: address });
  open.add(ws);
  let token: string | undefined;
  let mover: NodeJS.Timeout | null = null;
  let leaving = false;
  ws.on('open', () => {
    ws.send(
      JSON.stringify({
        type: 'hello',
        proto: PROTOCOL_VERSION,
        role: 'phone',
        ...(resume ? { resume } : {}),
      }),
    );
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const msg = JSON.parse(String(data)) as {
      type: string;
      resume?: string;
      clientId?: number;
      message?: string;
    };
    if (msg.type === 'wait') totals.waits++;
    if (msg.type === 'error') error(`phone got error: ${msg.message}`);
    if (msg.type !== 'welcome' || !msg.clientId) return;
    totals.joins++;
    if (resume && msg.resume === resume) totals.resumes++;
    token = msg.resume;
    let seq = 0;
    mover = setInterval(() => {
      seq++;
      ws.send(encodeMove(seq, Math.random(), Math.random()));
      totals.moves++;
      if (seq % cfg.hz === 0) {
        ws.send(encodeTap(Math.random(), Math.random()));
        totals.taps++;
      }
    }, 1000 / cfg.hz);
    setTimeout(
      () => {
        leaving = true;
        ws.close();
      },
      2000 + Math.random() * 18_000,
    );
  });
  ws.on('error', (e) => error(`phone: ${e.message}`));
  ws.on('close', (code) => {
    open.delete(ws);
    if (mover) clearInterval(mover);
    if (leaving) totals.leaves++;
    else if (Date.now() < endAt) error(`phone closed by hub (${code})`);
    // A fifth come back as themselves; the rest are new people.
    setTimeout(
      () => phone(slot, Math.random() < 0.2 ? token : undefined),
      50 + Math.random() * 500,
    );
  });
}

for (let i = 0; i < cfg.screens; i++) screen(i);
for (let i = 0; i < cfg.phones; i++) setTimeout(() => phone(i, undefined), (i * 5000) / cfg.phones);

const report = setInterval(() => process.send?.({ type: 'progress', totals }), 1000);
setTimeout(
  () => {
    clearInterval(report);
    process.send?.({ type: 'done', totals });
    for (const ws of open) ws.terminate();
    setTimeout(() => process.exit(0), 500).unref();
  },
  cfg.minutes * 60_000 + 1000,
);
