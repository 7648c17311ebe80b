/**
 * The attacks of issue 16, each with well-formed messages only: what a stranger on the venue
 * Wi-Fi can send a hub today. Each joins its sockets first (`join`), then attacks until `endAt`
 * (`run`), counting what it sent and how the hub answered (closes by code, waits, joins).
 * Every loop is bounded in time and in count.
 */
import type WebSocket from 'ws';
import { encodeMove, encodePing, encodeTap } from '../../../shared/protocol/binary';
import { attackAddress, type AttackKind, type AttackSizes } from './config';
import { bump, flood, joinAs, phoneHello, stopReading, type Counts } from './ws-client';

export interface Attack {
  kind: AttackKind;
  counts: Counts;
  join(): Promise<void>;
  run(endAt: number): Promise<void>;
  close(): void;
}

/** Per socket: a flood loop stops after this many messages whatever the time (a bound). */
const MAX_FLOOD_SENDS = 5_000_000;
/** Per loop: join/leave cycles allowed (a bound; 10 s at full speed stays far below it). */
const MAX_CYCLES = 200_000;

const ping = () => encodePing(performance.timeOrigin + performance.now());
const PROFILE_FLAGS = ['fr', 'de', 'jp', 'br'];

/** After a failed rejoin an attacker tries again this soon (keeps the loop from spinning). */
const REJOIN_PAUSE_MS = 50;

/**
 * `n` phones that join up front, then each runs `each(ws, i, endAt)`. A phone the hub closes
 * before endAt joins again from the same address (a persistent attacker), and goes on.
 */
function phonesAttack(
  kind: AttackKind,
  url: string,
  n: number,
  each: (ws: WebSocket, i: number, endAt: number, counts: Counts) => Promise<void>,
): Attack {
  const counts: Counts = {};
  const sockets: (WebSocket | null)[] = Array.from({ length: n }, () => null);
  let stopped = false;
  const join = (i: number) =>
    joinAs(url, attackAddress(kind, i), phoneHello(`${kind}${i}`), counts);
  const one = async (i: number, endAt: number) => {
    for (let cycle = 0; cycle < MAX_CYCLES && !stopped && Date.now() < endAt; cycle++) {
      let ws = sockets[i];
      if (!ws || ws.readyState !== ws.OPEN) {
        ws = await join(i).then(
          (j) => (bump(counts, 'rejoined'), j.ws),
          () => null,
        );
        sockets[i] = ws;
        if (!ws) {
          bump(counts, 'rejoin_failed');
          await new Promise((r) => setTimeout(r, REJOIN_PAUSE_MS));
          continue;
        }
      }
      await each(ws, i, endAt, counts);
    }
  };
  return {
    kind,
    counts,
    async join() {
      const joined = await Promise.allSettled(Array.from({ length: n }, (_, i) => join(i)));
      joined.forEach((r, i) => {
        if (r.status === 'rejected') return bump(counts, 'join_failed');
        sockets[i] = r.value.ws;
        bump(counts, r.value.as === 'wait' ? 'joined_waiting' : 'joined');
      });
    },
    async run(endAt) {
      await Promise.all(sockets.map((_, i) => one(i, endAt)));
    },
    close() {
      stopped = true;
      for (const ws of sockets) ws?.terminate();
    },
  };
}

/** Resolves when `ws` closes or at endAt. */
const openUntil = (ws: WebSocket, endAt: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, Math.max(0, endAt - Date.now()));
    ws.once('close', () => (clearTimeout(t), resolve()));
  });

/** Valid PINGs as fast as the socket takes them; PONGs are read (and dropped) normally. */
export const pingFlood = (url: string, a: AttackSizes): Attack =>
  phonesAttack('pingFlood', url, a.pingFlood, (ws, _i, endAt, counts) =>
    flood(ws, ping, endAt, counts, 'pings', MAX_FLOOD_SENDS),
  );

export const profileSpam = (url: string, a: AttackSizes): Attack =>
  phonesAttack('profileSpam', url, a.profileSpam, (ws, i, endAt, counts) => {
    let k = 0;
    const make = () => {
      k++;
      const flag = PROFILE_FLAGS[k % PROFILE_FLAGS.length]!;
      return JSON.stringify({ type: 'profile', flag, name: `spam${i}-${k % 100}` });
    };
    return flood(ws, make, endAt, counts, 'profiles', MAX_FLOOD_SENDS);
  });

export const locateSpam = (url: string, a: AttackSizes): Attack =>
  phonesAttack('locateSpam', url, a.locateSpam, (ws, _i, endAt, counts) =>
    flood(ws, () => '{"type":"locate"}', endAt, counts, 'locates', MAX_FLOOD_SENDS),
  );

/**
 * Each phone taps at `tapHz` (random spots). One 20 ms timer serves every open phone (what a
 * phone owes is capped at 10 taps a round, so a late timer does not burst).
 */
export const tapStorm = (url: string, a: AttackSizes): Attack => {
  const open = new Map<WebSocket, number>(); // socket → taps sent
  let timer: NodeJS.Timeout | null = null;
  let start = 0;
  const schedule = (endAt: number, counts: Counts) => {
    start = Date.now();
    timer = setInterval(() => {
      const now = Date.now();
      if (now >= endAt) return clearInterval(timer!);
      const due = Math.floor(((now - start) * a.tapHz) / 1000);
      for (const [ws, sent] of open) {
        if (ws.readyState !== ws.OPEN) continue;
        const n = Math.max(0, Math.min(10, due - sent));
        for (let k = 0; k < n; k++) ws.send(encodeTap(Math.random(), Math.random()));
        bump(counts, 'taps', n);
        open.set(ws, Math.max(sent, due));
      }
    }, 20);
  };
  return phonesAttack('tapStorm', url, a.tapPhones, async (ws, _i, endAt, counts) => {
    if (!timer) schedule(endAt, counts);
    // A phone that joins again starts owing from now, not from the attack's start.
    open.set(ws, Math.floor(((Date.now() - start) * a.tapHz) / 1000));
    await openUntil(ws, endAt);
    open.delete(ws);
  });
};

/** Runs `cycle(loopIndex)` back to back in each of `loops` loops until endAt (or MAX_CYCLES). */
function loopsAttack(
  kind: AttackKind,
  loops: number,
  cycle: (loop: number, counts: Counts) => Promise<void>,
): Attack {
  const counts: Counts = {};
  let stopped = false;
  return {
    kind,
    counts,
    join: () => Promise.resolve(),
    async run(endAt) {
      await Promise.all(
        Array.from({ length: loops }, async (_, loop) => {
          for (let n = 0; n < MAX_CYCLES && !stopped && Date.now() < endAt; n++) {
            bump(counts, 'attempts');
            await cycle(loop, counts).catch(() => bump(counts, 'refused'));
          }
        }),
      );
    },
    close: () => (stopped = true),
  };
}

/** Leaves and waits for the close (1 s at most) so the next cycle starts on a settled socket. */
function leave(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => (ws.terminate(), resolve()), 1000);
    ws.once('close', () => (clearTimeout(t), resolve()));
    ws.close();
  });
}

/** Join (a new identity each time) → one move → leave. A phone told to wait just leaves. */
export const ghostChurn = (url: string, a: AttackSizes): Attack =>
  loopsAttack('ghosts', a.ghostLoops, async (loop, counts) => {
    const { ws, as } = await joinAs(url, attackAddress('ghosts', loop), phoneHello('g'), counts);
    if (as === 'welcome') {
      ws.send(encodeMove(1, Math.random(), Math.random()));
      bump(counts, 'ghosts');
    } else bump(counts, 'waited');
    await leave(ws);
  });

/** Screen hellos with wrong keys, one after the other, in each loop. */
export const wrongKeys = (url: string, a: AttackSizes): Attack =>
  loopsAttack('wrongKeys', a.wrongKeyLoops, async (loop, counts) => {
    const hello = { role: 'screen', key: `wrong-${loop}-${Math.random()}`, screen: { name: 'x' } };
    const { ws } = await joinAs(url, attackAddress('wrongKeys', loop), hello, counts);
    bump(counts, 'accepted'); // a wrong key let in: must stay 0
    await leave(ws);
  });

/**
 * Phones that join behind a full wall, stop reading and send PINGs as fast as the hub reads them.
 * The hub's fair queue may let one on when a place frees (a ghost leaves): it then goes on the
 * same way, as a phone that never reads. Closed by the hub, it joins again (bounded).
 */
export const waitingPhones = (url: string, a: AttackSizes): Attack => {
  const counts: Counts = {};
  const open = new Set<WebSocket>();
  let stopped = false;
  const one = async (i: number, endAt: number) => {
    for (let n = 0; n < MAX_CYCLES && !stopped && Date.now() < endAt; n++) {
      const joined = await joinAs(url, attackAddress('waiting', i), phoneHello('w'), counts).catch(
        () => null,
      );
      if (!joined) {
        bump(counts, 'join_failed');
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      bump(counts, joined.as === 'wait' ? 'waited' : 'admitted');
      open.add(joined.ws);
      stopReading(joined.ws);
      await flood(joined.ws, ping, endAt, counts, 'pings', MAX_FLOOD_SENDS);
      joined.ws.terminate();
      open.delete(joined.ws);
    }
  };
  return {
    kind: 'waiting',
    counts,
    join: () => Promise.resolve(),
    run: (endAt) => Promise.all(Array.from({ length: a.waiting }, (_, i) => one(i, endAt))).then(),
    close() {
      stopped = true;
      for (const ws of open) ws.terminate();
    },
  };
};
