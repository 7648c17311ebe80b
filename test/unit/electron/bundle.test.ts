/**
 * The bundle Electron actually runs (dist/main/electron/app.cjs, CJS) started against the fake
 * electron module: it must load (no ESM-only code left), find the package root, and point windows
 * at the preload that the build wrote beside it. Needs `node build/bundle.mjs` (npm test builds).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fake-electron';

const root = join(__dirname, '..', '..', '..');
const bundle = join(root, 'dist', 'main', 'electron', 'app.cjs');

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

describe('dist/main/electron/app.cjs', () => {
  const originalLoad = loader._load;
  const argv = process.argv;
  let userData = '';
  afterEach(() => {
    loader._load = originalLoad;
    process.argv = argv;
    Reflect.deleteProperty(process, 'defaultApp');
    vi.unstubAllEnvs();
    rmSync(userData, { recursive: true, force: true });
  });

  it('starts a screen instance against a mocked electron, with the built preload', async () => {
    if (!existsSync(bundle))
      throw new Error('dist/main/electron/app.cjs is missing: run `node build/bundle.mjs` first');
    fake.resetFakeElectron();
    userData = mkdtempSync(join(tmpdir(), 'flagwall-bundle-'));
    writeFileSync(
      join(userData, 'config.json'),
      JSON.stringify({ autostart: false, key: 'wall-key-123' }),
    );
    fake.app.userData = userData;
    vi.stubEnv('FLAGWALL_LOG', 'silent');
    loader._load = function (request, parent, isMain) {
      return request === 'electron' ? fake : originalLoad.call(this, request, parent, isMain);
    };
    process.argv = [
      '/usr/lib/electron/electron',
      root,
      '--role',
      'screen',
      '--hub',
      'http://127.0.0.1:9',
    ];
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });

    createRequire(bundle)(bundle);
    await vi.waitFor(() => expect(fake.BrowserWindow.all).toHaveLength(1));
    const win = fake.BrowserWindow.all[0]!;
    const preload = String(win.options.webPreferences?.preload);
    expect(preload).toBe(join(root, 'dist', 'main', 'electron', 'preload.cjs'));
    expect(existsSync(preload)).toBe(true);
    expect(win.webContents.url).toBe('http://127.0.0.1:9/screen?key=wall-key-123&x=0&y=0&w=1&h=1');

    const quit = {
      defaultPrevented: false,
      preventDefault(): void {
        this.defaultPrevented = true;
      },
    };
    fake.app.emit('before-quit', quit);
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1));
    expect(win.destroyed).toBe(true);
  });
});
