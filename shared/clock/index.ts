export { ClockSync } from './clock-sync';
export { fitBand, type BandFit, type BandPoint } from './band-fit';
export { OffsetSlew, lineAt, type OffsetLine } from './slew';
export {
  DEFAULT_CLOCK_OPTIONS,
  type ClockSample,
  type ClockSyncOptions,
  type ClockSyncStats,
} from './types';
export { PingedClock, type ClockStats, type ClockTimers, type PingSink } from './pinged-clock';
