/**
 * The abuse bench's sizes: the full run (issue 16's figures) and the short `--smoke` run CI uses.
 * Every attack client runs in the attacker processes (attacker.ts); the honest load is the fanout
 * bench's generator (load/generator.ts).
 */
export interface AttackSizes {
  /** Phones sending valid PINGs as fast as they can, reading normally. */
  pingFlood: number;
  /** Phones queued behind a full wall that never read their socket and send PINGs. */
  waiting: number;
  /** Phones tapping at `tapHz` each. */
  tapPhones: number;
  tapHz: number;
  /** Concurrent join → move → leave loops (a new identity each time). */
  ghostLoops: number;
  /** Phones sending `profile` as fast as they can. */
  profileSpam: number;
  /** Phones sending `locate` as fast as they can. */
  locateSpam: number;
  /** Concurrent loops of screen hellos with wrong keys. */
  wrongKeyLoops: number;
}

export interface AbuseConfig {
  honestPhones: number;
  hz: number;
  screens: number;
  /** Each phase's length, s. */
  phaseSeconds: number;
  attack: AttackSizes;
  /** The mid-phase screen's link, bytes/s, and how long it may take to go live, ms. */
  throttleBytesPerSecond: number;
  joinLiveLimitMs: number;
}

export const FULL: AbuseConfig = {
  honestPhones: 200,
  hz: 30,
  screens: 2,
  phaseSeconds: 10,
  attack: {
    pingFlood: 20,
    waiting: 4,
    tapPhones: 300,
    tapHz: 93,
    ghostLoops: 8,
    profileSpam: 10,
    locateSpam: 10,
    wrongKeyLoops: 4,
  },
  throttleBytesPerSecond: 2_000_000,
  joinLiveLimitMs: 8000,
};

/** Short and light enough for a loaded 2-core CI machine; every attack still runs. */
export const SMOKE: AbuseConfig = {
  honestPhones: 20,
  hz: 30,
  screens: 2,
  phaseSeconds: 2,
  attack: {
    pingFlood: 2,
    waiting: 1,
    tapPhones: 20,
    tapHz: 93,
    ghostLoops: 2,
    profileSpam: 2,
    locateSpam: 2,
    wrongKeyLoops: 1,
  },
  throttleBytesPerSecond: 2_000_000,
  joinLiveLimitMs: 1500,
};

/** Phones that stay on the wall through the attack (the wall's size is these plus ghost places). */
export const persistentAttackPhones = (a: AttackSizes): number =>
  a.pingFlood + a.tapPhones + a.profileSpam + a.locateSpam;

/** The attackers sit on their own addresses: block 100 + kind, one address per phone or loop. */
export const ATTACK_KINDS = [
  'pingFlood',
  'waiting',
  'tapStorm',
  'ghosts',
  'profileSpam',
  'locateSpam',
  'wrongKeys',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export const attackAddress = (kind: AttackKind, i: number): string =>
  `127.${100 + ATTACK_KINDS.indexOf(kind)}.${Math.floor(i / 250) % 250}.${2 + (i % 250)}`;
