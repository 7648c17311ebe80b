/**
 * `npm run audit:electron` as a test: @doyensec/electronegativity over main/electron and the built
 * bundle must report no HIGH or MEDIUM finding (LOW ones are listed in docs/electron.md).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');

describe('electronegativity', () => {
  it('finds no high or medium issue in the Electron code', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(root, 'build', 'audit-electron.mjs')],
      {
        cwd: root,
      },
    ).catch((err: { stdout: string; code: number }) => {
      throw new Error(`audit failed (exit ${err.code}):\n${err.stdout}`);
    });
    expect(stdout).toMatch(/^electronegativity [\d.]+: 0 high\/medium, \d+ low\/informational$/m);
    expect(stdout).not.toMatch(/parse error/);
    // The bundle is audited too when it has been built (npm test builds first).
    if (existsSync(join(root, 'dist', 'main', 'electron', 'app.cjs')))
      expect(stdout).toContain('dist/main/electron/app.js');
    // Every inline suppression is printed, and there is exactly the reviewed one.
    expect(stdout.match(/reviewed, suppressed inline/g)).toHaveLength(1);
  });
});
