/**
 * JSON control messages, each way, as zod schemas with the TypeScript types inferred from them.
 * One source of truth: the hub validates with these schemas; clients import the types only
 * (`import type`), so the phone bundle never pulls zod in. See docs/protocol.md.
 */
import { z } from 'zod';

export const FLAG_CODE = /^[a-z]{2}$/;
const flag = z.string().regex(FLAG_CODE);
const unit = z.number().finite().min(0).max(1);
/** Screen ids (base64url, 8-32 chars) and nonces (base64url or hex, 16-64 chars). */
const TOKEN = /^[A-Za-z0-9_-]{8,32}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const sliceSchema = z.object({ x: unit, y: unit, w: unit.gt(0), h: unit.gt(0) });

export const settingsSchema = z.object({
  cursorHz: z.number().int().min(1).max(120),
  tickHz: z.number().int().min(1).max(240),
  flagSize: z.number().min(0.01).max(0.5),
  rippleStrength: z.number().min(0).max(3),
  rippleSpeed: z.number().min(0.01).max(5),
  waveSpeed: z.number().min(0).max(4),
  playoutDelayMs: z.number().min(0).max(1000).nullable(),
  maxPhones: z.number().int().min(0).max(100_000),
  showBanner: z.boolean(),
  /** 0 = off; otherwise 10 s .. 24 h. */
  idlePlaceMs: z.union([z.literal(0), z.number().int().min(10_000).max(86_400_000)]),
  names: z.enum(['off', 'filtered', 'approval']),
});

// ---- client → hub ----------------------------------------------------------------------------

export const helloSchema = z.strictObject({
  type: z.literal('hello'),
  proto: z.number().int(),
  role: z.enum(['screen', 'phone', 'operator']),
  /** Wall key: required for screens and operators. */
  key: z.string().max(200).optional(),
  /** Phone resume token from a previous welcome: keeps identity and flag across a drop. */
  resume: z.string().max(64).optional(),
  /** Screens: who they are and which part of the wall they draw. */
  screen: z.strictObject({ name: z.string().max(64), slice: sliceSchema.optional() }).optional(),
  /** Phones: chosen flag (ISO 3166 alpha-2, lower case, or "eo"), short name, browser language. */
  phone: z
    .strictObject({
      flag: flag.optional(),
      name: z.string().max(24).optional(),
      lang: z.string().max(35).optional(),
    })
    .optional(),
  /** Screens without a key or credential: ask to be paired (docs/protocol.md, pairing). */
  pair: z.literal(true).optional(),
  /** Paired screens: which credential, and a fresh nonce for the hub's proof. */
  auth: z
    .strictObject({ screenId: z.string().regex(TOKEN), nonce: z.string().regex(NONCE) })
    .optional(),
});

/** Paired screen → hub: its proof, after it checked the hub's (`auth-challenge`). */
export const authProofSchema = z.strictObject({
  type: z.literal('auth-proof'),
  proof: z.string().regex(/^[0-9a-f]{64}$/),
});

export const statsSchema = z.strictObject({
  type: z.literal('stats'),
  /** Screen clock: estimated offset to hub time, its error bound, and the last round trip, ms. */
  clock: z.strictObject({
    offsetMs: z.number().finite(),
    errorMs: z.number().finite().min(0),
    rttMs: z.number().finite().min(0),
    converged: z.boolean(),
  }),
  /** Frames drawn per second over the last report period. */
  fps: z.number().finite().min(0).max(1000),
  /** Jitter of tick arrival the screen measured, ms (drives the hub's playout delay). */
  jitterMs: z.number().finite().min(0).max(10_000).optional(),
});

export const profileSchema = z.strictObject({
  type: z.literal('profile'),
  flag: flag.optional(),
  name: z.string().max(24).optional(),
});

// ---- operator console, screen acknowledgements, phone locate (docs/operator.md) -------------

const mm = z.number().finite().min(0).max(100_000);
const posMm = z.number().finite().min(-100_000).max(100_000);

export const placementSchema = z.strictObject({
  name: z.string().min(1).max(64),
  xMm: posMm,
  yMm: posMm,
  widthMm: mm.min(10),
  heightMm: mm.min(10),
  bezelMm: z.strictObject({ left: mm, right: mm, top: mm, bottom: mm }),
});

export const layoutSchema = z.strictObject({
  screens: z
    .array(placementSchema)
    .max(64)
    .refine((a) => new Set(a.map((p) => p.name)).size === a.length, 'screen names must be unique'),
  wifi: z.string().max(64),
});

/** One operator command; the hub answers each with an operator-ack carrying the same seq. */
export const operatorCommandSchema = z.discriminatedUnion('cmd', [
  z.strictObject({ cmd: z.literal('identify'), seconds: z.number().min(1).max(60).optional() }),
  z.strictObject({ cmd: z.literal('reload') }),
  z.strictObject({ cmd: z.literal('blackout'), on: z.boolean() }),
  z.strictObject({ cmd: z.literal('pause'), on: z.boolean() }),
  /** Message banner across the wall; an empty text removes it. */
  z.strictObject({ cmd: z.literal('message'), text: z.string().max(140) }),
  z.strictObject({ cmd: z.literal('kick'), phoneId: z.number().int().min(1) }),
  z.strictObject({ cmd: z.literal('clear-ripples') }),
  z.strictObject({
    cmd: z.literal('settings'),
    patch: z.strictObject(settingsSchema.shape).partial(),
  }),
  z.strictObject({ cmd: z.literal('layout'), layout: layoutSchema }),
  /** Pairing: admit a pending screen by its id (a click) or by the code it shows (typed). */
  z.strictObject({
    cmd: z.literal('admit-screen'),
    pendingId: z.string().regex(TOKEN).optional(),
    code: z.string().max(32).optional(),
  }),
  /** Pairing: revoke a paired screen's credential (it is closed with REVOKED). */
  z.strictObject({ cmd: z.literal('revoke-screen'), screenId: z.string().regex(TOKEN) }),
  /** Moderation (main/hub/moderation.ts): minutes null = the rest of the show (hub restart). */
  z.strictObject({
    cmd: z.literal('ban'),
    phoneId: z.number().int().min(1),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable(),
    address: z.boolean(),
  }),
  z.strictObject({ cmd: z.literal('unban'), banId: z.number().int().min(1) }),
  /** The whole list of blocked flags (replaces the previous one). */
  z.strictObject({ cmd: z.literal('blocklist'), flags: z.array(flag).max(300) }),
  /** Approval mode: show (approve) or never show (reject) the name a phone asked for. */
  z.strictObject({
    cmd: z.literal('name'),
    phoneId: z.number().int().min(1),
    approve: z.boolean(),
  }),
]);

export const operatorSchema = z.strictObject({
  type: z.literal('operator'),
  seq: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
  command: operatorCommandSchema,
});

/** Screen → hub: "I now draw wall-state `rev`" (and every settings message before it). */
export const appliedSchema = z.strictObject({
  type: z.literal('applied'),
  rev: z.number().int().min(0),
});

/** Phone → hub: make my flag pulse on the wall ("that's me"). */
export const locateSchema = z.strictObject({ type: z.literal('locate') });

export const clientMessageSchema = z.discriminatedUnion('type', [
  helloSchema,
  statsSchema,
  profileSchema,
  operatorSchema,
  appliedSchema,
  locateSchema,
  authProofSchema,
]);

export type HelloMsg = z.infer<typeof helloSchema>;
export type StatsMsg = z.infer<typeof statsSchema>;
export type ProfileMsg = z.infer<typeof profileSchema>;
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type OperatorMsg = z.infer<typeof operatorSchema>;
export type OperatorCommand = z.infer<typeof operatorCommandSchema>;
export type AppliedMsg = z.infer<typeof appliedSchema>;
export type LocateMsg = z.infer<typeof locateSchema>;
export type AuthProofMsg = z.infer<typeof authProofSchema>;
