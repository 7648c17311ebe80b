/** Test helpers for the Electron shell: a hand-driven clock and a logger that keeps its lines. */
import { pino, type Logger } from 'pino';
import type { Timers } from '../../../main/electron/timers';

export class ManualTimers implements Timers {
  private time = 0;
  private seq = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Delays of the timers now waiting, from now, soonest first. */
  waiting(): number[] {
    return [...this.pending.values()].map((p) => p.at - this.time).sort((a, b) => a - b);
  }
  /** Moves time forward, running every timer that falls due (in order). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, p]) => p.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function recordingLogger(): {
  log: Logger;
  lines: LogLine[];
  messages(minLevel?: number): string[];
} {
  const lines: LogLine[] = [];
  // pino writes each line synchronously to any object with write().
  const stream = {
    write(line: string): void {
      if (line.trim()) lines.push(JSON.parse(line) as LogLine);
    },
  };
  const log = pino({ level: 'debug' }, stream);
  return {
    log,
    lines,
    messages: (minLevel = 0) => lines.filter((l) => l.level >= minLevel).map((l) => l.msg),
  };
}

/** Lets queued promise callbacks and microtasks (ready-to-show, loadURL) run. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
};
