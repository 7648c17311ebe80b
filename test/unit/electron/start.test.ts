import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary, headlessArgs } from '../../../main/start';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm start helpers', () => {
  it('finds the Electron binary only when path.txt names a file that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'flagwall-root-'));
    dirs.push(root);
    const dir = join(root, 'node_modules', 'electron');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    expect(electronBinary(root)).toBeNull(); // never downloaded: no path.txt
    writeFileSync(join(dir, 'path.txt'), 'electron\n');
    expect(electronBinary(root)).toBeNull(); // download interrupted: no binary
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronBinary(root)).toBe(join(dir, 'dist', 'electron'));
  });

  it('translates the app’s flags for the headless hub', () => {
    expect(
      headlessArgs([
        '--port',
        '0',
        '--wall',
        'lobby',
        '--role',
        'hub+screen',
        '--displays',
        'all',
        '--no-mdns',
        '--data=/x',
      ]),
    ).toEqual({ args: ['--port', '0', '--no-mdns', '--data=/x', '--name', 'lobby'] });
    expect(headlessArgs([])).toEqual({ args: [] });
    expect(headlessArgs(['--role', 'screen']).problem).toMatch(/A screen needs the Electron app/);
  });
});
