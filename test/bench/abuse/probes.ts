/**
 * Screens the abuse bench connects to look at the wall: one reads the snapshot a joining screen
 * gets (its size, its ripples), one joins over a throttled link and times how long it takes to
 * draw current state (snapshot in hand and a TICK after it).
 */
import WebSocket from 'ws';
import { BinTag } from '../../../shared/protocol/binary';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';

export interface SnapshotLook {
  bytes: number;
  ripples: number;
  phones: number;
}

let probeCount = 0;
const screenHello = (key: string, what: string) =>
  JSON.stringify({
    type: 'hello',
    proto: PROTOCOL_VERSION,
    role: 'screen',
    key,
    screen: { name: `abuse-${what}-${++probeCount}` },
  });

/** Connects a screen straight to the hub and reads its snapshot (null: none within timeoutMs). */
export function lookAtSnapshot(
  wsUrl: string,
  key: string,
  timeoutMs = 10_000,
): Promise<SnapshotLook | null> {
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: SnapshotLook | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    ws.on('error', () => finish(null));
    ws.on('close', () => finish(null));
    ws.on('open', () => ws.send(screenHello(key, 'snapshot')));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = String(data);
      const msg = JSON.parse(text) as { type: string; ripples?: unknown[]; phones?: unknown[] };
      if (msg.type !== 'snapshot') return;
      finish({
        bytes: Buffer.byteLength(text),
        ripples: msg.ripples?.length ?? 0,
        phones: msg.phones?.length ?? 0,
      });
    });
  });
}

export interface JoinLive {
  /** From the first connect to live (snapshot, then a TICK); null when not live within the limit. */
  ms: number | null;
  tries: number;
  /** Close codes of the tries that failed (e.g. 4004 TOO_SLOW). */
  closes: number[];
  /** How far the last try got: open, welcome, snapshot, live (or none). */
  reached: string;
}

/** A screen joining through `wsUrl` (the throttled proxy); retries after a close, up to limitMs. */
export async function timeJoinLive(wsUrl: string, key: string, limitMs: number): Promise<JoinLive> {
  const t0 = performance.now();
  const deadline = t0 + limitMs;
  const out: JoinLive = { ms: null, tries: 0, closes: [], reached: 'none' };
  while (performance.now() < deadline && out.tries < 10) {
    out.tries++;
    const r = await oneJoin(
      wsUrl,
      key,
      deadline - performance.now(),
      (stage) => (out.reached = stage),
    );
    if (r === 'live') {
      out.ms = Math.round(performance.now() - t0);
      break;
    }
    if (typeof r === 'number') out.closes.push(r);
  }
  return out;
}

function oneJoin(
  wsUrl: string,
  key: string,
  timeoutMs: number,
  reached: (stage: string) => void,
): Promise<'live' | number | null> {
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  return new Promise((resolve) => {
    let haveSnapshot = false;
    let done = false;
    const finish = (v: 'live' | number | null) => {
      if (done) return; // frames already read keep arriving after terminate()
      done = true;
      clearTimeout(timer);
      ws.removeAllListeners('close');
      ws.on('error', () => {});
      ws.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => finish(null), Math.max(1, timeoutMs));
    ws.on('error', () => {});
    ws.on('close', (code) => finish(code));
    ws.on('open', () => (reached('open'), ws.send(screenHello(key, 'join'))));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        const type = (JSON.parse(String(data)) as { type: string }).type;
        if (type === 'welcome' && !haveSnapshot) reached('welcome');
        if (type === 'snapshot') haveSnapshot = true;
        if (type === 'snapshot') reached('snapshot');
        return;
      }
      if (haveSnapshot && (data as Buffer)[0] === BinTag.TICK) {
        reached('live');
        finish('live');
      }
    });
  });
}
