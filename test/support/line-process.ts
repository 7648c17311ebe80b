/** A child process whose output a test can wait for, line by line, never sleeping blindly. */
import type { ChildProcess } from 'node:child_process';

/** Collects stdout lines (parsed when JSON) and stderr of a child process. */
export class LineProcess {
  readonly lines: { at: number; text: string; json: Record<string, unknown> | null }[] = [];
  stderr = '';
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    let partial = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      partial += chunk;
      let nl: number;
      while ((nl = partial.indexOf('\n')) >= 0) {
        const text = partial.slice(0, nl);
        partial = partial.slice(nl + 1);
        this.lines.push({ at: performance.now(), text, json: parseJson(text) });
      }
      this.wake();
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
      this.wake();
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => (this.wake(), resolve(code))),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** JSON lines matching `match` (every key equal), from index `from` on. */
  jsonLines(
    match: Record<string, unknown>,
    from = 0,
  ): { at: number; json: Record<string, unknown> }[] {
    return this.lines
      .slice(from)
      .flatMap((l) =>
        l.json && Object.entries(match).every(([k, v]) => l.json![k] === v)
          ? [{ at: l.at, json: l.json }]
          : [],
      );
  }

  /** Waits for the first JSON line from index `from` matching `match` (every key equal). */
  waitForJson(
    match: Record<string, unknown>,
    timeoutMs: number,
    from = 0,
  ): Promise<{ at: number; json: Record<string, unknown> }> {
    return this.waitFor(
      (j) => Object.entries(match).every(([k, v]) => j[k] === v),
      timeoutMs,
      from,
      JSON.stringify(match),
    );
  }

  /** Waits for the first JSON line from index `from` that `test` accepts; rejects with the log. */
  async waitFor(
    test: (json: Record<string, unknown>) => boolean,
    timeoutMs: number,
    from = 0,
    what = 'a matching line',
  ): Promise<{ at: number; json: Record<string, unknown> }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.lines.slice(from).find((l) => l.json && test(l.json));
      if (hit) return { at: hit.at, json: hit.json! };
      const left = deadline - performance.now();
      if (left <= 0 || this.child.exitCode !== null)
        throw new Error(
          `no line matching ${what} within ${timeoutMs} ms; output:\n${this.lines
            .map((l) => l.text)
            .join('\n')}\nstderr:\n${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  /** Waits for a stdout line (JSON or not) that `test` accepts. */
  async waitForText(
    test: (text: string) => boolean,
    timeoutMs: number,
  ): Promise<{ at: number; text: string }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.lines.find((l) => test(l.text));
      if (hit) return hit;
      const left = deadline - performance.now();
      if (left <= 0 || this.child.exitCode !== null)
        throw new Error(
          `no expected line within ${timeoutMs} ms; output:\n${this.lines.map((l) => l.text).join('\n')}\nstderr:\n${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  /** Waits until stderr contains `text`. */
  async waitForStderr(text: string, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!this.stderr.includes(text)) {
      const left = deadline - performance.now();
      if (left <= 0 || this.child.exitCode !== null)
        throw new Error(`stderr never said "${text}" within ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  if (!text.startsWith('{')) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}
