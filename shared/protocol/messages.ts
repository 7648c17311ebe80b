/**
 * JSON control messages, each way, as zod schemas with the TypeScript types inferred from them.
 * One source of truth: the hub validates with these schemas; clients import the types only
 * (`import type`), so the phone bundle never pulls zod in. See docs/protocol.md.
 */
import { z } from 'zod';

export const FLAG_CODE = /^[a-z]{2}$/;
const flag = z.string().regex(FLAG_CODE);
const unit = z.number().finite().min(0).max(1);
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

export const clientMessageSchema = z.discriminatedUnion('type', [
  helloSchema,
  statsSchema,
  profileSchema,
]);

export type HelloMsg = z.infer<typeof helloSchema>;
export type StatsMsg = z.infer<typeof statsSchema>;
export type ProfileMsg = z.infer<typeof profileSchema>;
export type ClientMessage = z.infer<typeof clientMessageSchema>;
