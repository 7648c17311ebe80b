import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON line per event on stdout; `level: 'silent'` in tests. */
export function createLogger(level: string = process.env.FLAGWALL_LOG ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
