/**
 * What an installer sees: the real CLI (dist/main/cli.js, built by `node build/bundle.mjs`) run as
 * a process, each mistake answered by one sentence saying what to do, and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH } from '../support/hub-process';
import { LineProcess } from '../support/line-process';

const dirs: string[] = [];
const servers: Server[] = [];
const procs: LineProcess[] = [];
afterEach(async () => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.kill('SIGKILL');
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
beforeAll(() => {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run node build/bundle.mjs`);
});

const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'flagwall-cli-'));
  dirs.push(d);
  return d;
};

/** Runs `flagwall <args>` to its exit (bounded): exit code, stdout lines, stderr. */
async function cli(
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number | null; out: string[]; err: string }> {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FLAGWALL_LOG: 'info' },
  });
  const proc = new LineProcess(child);
  procs.push(proc);
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  return { code, out: proc.lines.map((l) => l.text), err: proc.stderr };
}

const hubArgs = (data: string, ...more: string[]): string[] => [
  'hub',
  '--no-mdns',
  '--host',
  '127.0.0.1',
  '--data',
  data,
  ...more,
];

/** The first line of stderr: the sentence (the usage text may follow). */
const sentence = (err: string): string => err.split('\n')[0] ?? '';

describe('flagwall CLI errors, as an installer sees them', { timeout: 60_000 }, () => {
  it('--key too short: refused at once, exit 2, nothing saved', async () => {
    const data = tempDir();
    const r = await cli(hubArgs(data, '--port', '0', '--key', 'abc'));
    expect(r.code).toBe(2);
    expect(sentence(r.err)).toBe(
      'flagwall hub: --key is 3 characters long: a wall key needs 8 to 200 characters and no surrounding spaces. Pick a longer one, or leave it out to keep the stored key.',
    );
    expect(readdirSync(data)).toEqual([]);
  });

  it('port in use: which port and how to pick another, said once (no JSON log line too)', async () => {
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const r = await cli(hubArgs(tempDir(), '--port', String(port), '--key', 'a-good-wall-key'));
    expect(r.code).toBe(1);
    const all = [...r.out, ...r.err.split('\n')];
    const said = all.filter((l) => l.includes(`Port ${port}`));
    expect(said).toEqual([
      `flagwall hub: Port ${port} is already in use on 127.0.0.1 (another flagwall hub or another program has it). Pass --port N to pick another, or --port 0 for any free one.`,
    ]);
    expect(all.filter((l) => /EADDRINUSE|"level"/.test(l))).toEqual([]);
  });

  it('--port -5: a range sentence, not "argument is ambiguous"', async () => {
    const r = await cli(hubArgs(tempDir(), '--port', '-5'));
    expect(r.code).toBe(2);
    expect(sentence(r.err)).toBe(
      'flagwall hub: --port must be a whole number from 0 to 65535 (0 picks any free port), got "-5".',
    );
  });

  it('a flag that does not exist, and a flag without its value', async () => {
    const unknown = await cli(['hub', '--prot', '8080']);
    expect(unknown.code).toBe(2);
    expect(sentence(unknown.err)).toBe(
      'flagwall hub: there is no option --prot; the options are listed below.',
    );
    expect(unknown.err).toContain('hub [--port N]'); // the usage follows
    const missing = await cli(['hub', '--port']);
    expect(sentence(missing.err)).toBe(
      'flagwall hub: --port needs a value after it, e.g. --port VALUE.',
    );
    const screen = await cli(['screen', '--wal', 'lobby']);
    expect([screen.code, sentence(screen.err)]).toEqual([
      2,
      'flagwall screen: there is no option --wal; the options are listed below.',
    ]);
  });

  it('a data path that is a file: says so and what to pass instead', async () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'I am a file');
    for (const data of [file, join(file, 'sub')]) {
      const r = await cli(hubArgs(data, '--port', '0', '--key', 'a-good-wall-key'));
      expect(r.code).toBe(1);
      expect(sentence(r.err)).toBe(
        `flagwall hub: The data folder ${data} cannot be used: it (or a folder above it) is a file. Pass --data DIR (or $FLAGWALL_DATA) with a folder, or move that file away.`,
      );
    }
  });

  it('`flagwall screen … | head -1` exits quietly when head goes away (no EPIPE stack)', async () => {
    // Port 1 on loopback refuses at once, so the screen keeps printing state lines.
    const script = `"${process.execPath}" "${CLI_PATH}" screen --hub http://127.0.0.1:1 --key abcdefghij --data "${tempDir()}" | head -1; echo "rc=\${PIPESTATUS[0]}" >&2`;
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = new LineProcess(child);
    procs.push(proc);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    await proc.exited;
    clearTimeout(timer);
    expect(proc.lines).toHaveLength(1);
    expect(proc.lines[0]!.json).toMatchObject({ state: 'connecting' });
    expect(proc.stderr.trim()).toBe('rc=0');
  });
});
