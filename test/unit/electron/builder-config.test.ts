/**
 * The electron-builder config is checked with electron-builder's own loader and validator (the
 * same calls `electron-builder` makes before building), plus the things it cannot know: our
 * entry point, targets and icon files.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');

/** The parts of the config this test reads (electron-builder's full type is not a dependency). */
interface BuilderConfig {
  appId: string;
  productName: string;
  icon: string;
  files: string[];
  extraMetadata: { main: string };
  linux: { target: string[]; category: string };
  win: { target: string[] };
  mac: { target: string[]; category: string };
  [key: string]: unknown;
}
const require = createRequire(join(root, 'package.json'));
const { getConfig } = require('app-builder-lib/out/util/config/load') as {
  getConfig(
    req: object,
    path: string,
  ): Promise<{ result: BuilderConfig; configFile: string } | null>;
};
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: object, logger: object): Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => object;
};

async function load(): Promise<BuilderConfig> {
  const loaded = await getConfig(
    {
      packageKey: 'build',
      configFilename: 'electron-builder',
      projectDir: root,
      packageMetadata: null,
    },
    join(root, 'build', 'electron-builder.yml'),
  );
  if (!loaded) throw new Error('electron-builder could not read build/electron-builder.yml');
  return loaded.result;
}

describe('build/electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(
      validateConfiguration(await load(), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('the validator is real: a broken copy is rejected with the key named', async () => {
    const broken = { ...(await load()), linux: { target: 42 }, bogusKey: true };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/bogusKey/);
  });

  it('builds AppImage + deb, nsis and dmg, from the bundle, with our entry point and a 512 px icon', async () => {
    const c = await load();
    expect(c.appId).toBe('org.flagwall.app');
    expect(c.productName).toBe('flagwall');
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.linux.category).toBeTruthy();
    expect(c.mac.category).toMatch(/^public\.app-category\./);
    expect(c.extraMetadata.main).toBe('dist/main/electron/app.cjs');
    expect(c.files).toContain('dist/**/*');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe(c.extraMetadata.main);
    const png = readFileSync(join(root, c.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(readFileSync(join(root, 'build', 'icon.svg'), 'utf8')).toMatch(
      /^<svg [^>]*viewBox="0 0 512 512"/,
    );
  });
});
