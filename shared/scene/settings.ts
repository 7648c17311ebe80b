/**
 * Names under the flags: none, each run through the hub's profanity filter, or only those the
 * operator approved (and filtered too).
 */
export type NamesMode = 'off' | 'filtered' | 'approval';
export const NAMES_MODES: readonly NamesMode[] = ['off', 'filtered', 'approval'];

/** Live wall settings, set by the operator and broadcast to every client. */
export interface Settings {
  /** Rate phones stream their finger position at, Hz. Default 30. */
  cursorHz: number;
  /** Hub snapshot rate to screens, Hz. Default 60. */
  tickHz: number;
  /** Flag width as a fraction of the wall height. Default 0.08. */
  flagSize: number;
  /** Ripple amplitude multiplier, 0..3. Default 1. */
  rippleStrength: number;
  /** Ripple ring speed in wall heights per second. Default 0.35. */
  rippleSpeed: number;
  /** Flag waving speed multiplier, 0..4. Default 1. */
  waveSpeed: number;
  /** Playout delay for cursors in ms; null lets the hub choose it from measured jitter. */
  playoutDelayMs: number | null;
  /** Most phones on the wall at once; the rest wait. Default 2000. */
  maxPhones: number;
  /** Show the QR join banner on the wall. Default true. */
  showBanner: boolean;
  /** A phone holding a place this long without a move is closed (IDLE), ms; 0 = never. Default 3 min. */
  idlePlaceMs: number;
  /** Which names screens draw under the flags. Default 'filtered'. */
  names: NamesMode;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  cursorHz: 30,
  tickHz: 60,
  flagSize: 0.08,
  rippleStrength: 1,
  rippleSpeed: 0.35,
  waveSpeed: 1,
  playoutDelayMs: null,
  maxPhones: 2000,
  showBanner: true,
  idlePlaceMs: 180_000,
  names: 'filtered',
});
