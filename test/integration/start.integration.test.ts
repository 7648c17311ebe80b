/**
 * `npm start` on a machine without the Electron binary: one clear sentence, then the headless hub
 * on a real socket, which answers /healthz and stops cleanly on Ctrl-C.
 * Needs the bundle (`node build/bundle.mjs`; `npm test` builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary, FALLBACK_SENTENCE } from '../../main/start';

const root = join(__dirname, '..', '..');
const startJs = join(root, 'dist', 'main', 'start.js');

interface Run {
  child: ChildProcess;
  out: () => string;
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(args: string[]): Run {
  if (!existsSync(startJs))
    throw new Error('dist/main/start.js is missing: run `node build/bundle.mjs` first');
  // On a machine that has the binary, force the fallback; here (no binary) detection is real.
  const env = {
    ...process.env,
    FLAGWALL_LOG: 'warn',
    ...(electronBinary(root) ? { FLAGWALL_HEADLESS: '1' } : {}),
  };
  const child = spawn(process.execPath, [startJs, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    out: () => text,
    exit,
    waitFor: (re, ms = 15_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = text.match(re);
          if (!m) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${re} in:\n${text}`));
        }, ms);
        listeners.add(check);
        check();
        void exit.then(() =>
          setImmediate(() => {
            if (listeners.has(check)) {
              listeners.delete(check);
              clearTimeout(timer);
              reject(new Error(`process exited before ${re}; output:\n${text}`));
            }
          }),
        );
      }),
  };
}

const tempData = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'flagwall-start-'));
  dirs.push(d);
  return d;
};

describe('npm start without the Electron binary', () => {
  it('says so in one sentence, serves the headless hub, and exits cleanly on SIGINT', async () => {
    const r = run([
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--no-mdns',
      '--data',
      tempData(),
      '--wall',
      'lobby',
    ]);
    await r.waitFor(/flagwall hub "lobby" is live/);
    const firstLine = r.out().split('\n')[0];
    expect(firstLine).toBe(FALLBACK_SENTENCE);
    expect(
      r
        .out()
        .split('\n')
        .filter((l) => l.includes('Electron binary')),
    ).toHaveLength(1);
    const [, phone] = await r.waitFor(/phone: +(http:\/\/127\.0\.0\.1:\d+\/)\n/);
    const health = (await (await fetch(`${phone}healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, screens: 0, phones: 0 });
    expect(r.out()).toMatch(/screen: +http:\/\/127\.0\.0\.1:\d+\/screen\?key=/);
    r.child.kill('SIGINT');
    expect(await r.exit).toEqual({ code: 0, signal: null });
    expect(r.out()).toContain('flagwall hub stopped');
  });

  it('a screen role cannot run headless: it says what to open instead and exits 2', async () => {
    const r = run(['--role', 'screen', '--hub', 'http://10.0.0.7:8080']);
    expect(await r.exit).toEqual({ code: 2, signal: null });
    expect(r.out()).toContain(FALLBACK_SENTENCE);
    expect(r.out()).toContain(
      'open http://10.0.0.7:8080/screen?key=<wall key> in a fullscreen browser',
    );
  });
});
