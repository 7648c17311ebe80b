/**
 * An attacker process (forked by abuse.ts): runs the attacks named in its config against one hub.
 * IPC: → `joined` once its phones are on the wall; ← `go` { endAt }; → `done` with every attack's
 * counts. Bounded: it exits by itself 30 s after endAt whatever happens.
 */
import {
  ghostChurn,
  locateSpam,
  pingFlood,
  profileSpam,
  tapStorm,
  waitingPhones,
  wrongKeys,
  type Attack,
} from './attacks';
import type { AttackKind, AttackSizes } from './config';

export interface AttackerConfig {
  url: string;
  sizes: AttackSizes;
  kinds: AttackKind[];
}
export type ToAttacker = { type: 'go'; endAt: number };
export type FromAttacker =
  | { type: 'joined' }
  | { type: 'done'; counts: Record<string, Record<string, number>> }
  | { type: 'failed'; error: string };

const MAKE: Record<AttackKind, (url: string, a: AttackSizes) => Attack> = {
  pingFlood,
  waiting: waitingPhones,
  tapStorm,
  ghosts: ghostChurn,
  profileSpam,
  locateSpam,
  wrongKeys,
};
/** Waiting phones start a little after the others, once the ghosts hold the last places. */
const WAITING_DELAY_MS = 300;

const cfg = JSON.parse(process.argv[2] ?? '{}') as AttackerConfig;
const send = (m: FromAttacker) => process.send?.(m);

async function main(): Promise<void> {
  const attacks = cfg.kinds.map((k) => MAKE[k](cfg.url, cfg.sizes));
  await Promise.all(attacks.map((a) => a.join()));
  send({ type: 'joined' });
  const { endAt } = await new Promise<ToAttacker>((resolve) =>
    process.once('message', (m: ToAttacker) => resolve(m)),
  );
  setTimeout(() => process.exit(3), Math.max(0, endAt - Date.now()) + 30_000).unref();
  await Promise.all(
    attacks.map(async (a) => {
      if (a.kind === 'waiting') await new Promise((r) => setTimeout(r, WAITING_DELAY_MS));
      await a.run(endAt);
    }),
  );
  for (const a of attacks) a.close();
  send({ type: 'done', counts: Object.fromEntries(attacks.map((a) => [a.kind, a.counts])) });
  setTimeout(() => process.exit(0), 300).unref();
}

main().catch((err: unknown) => {
  send({ type: 'failed', error: (err as Error).message });
  setTimeout(() => process.exit(1), 200).unref();
});
