import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
vi.mock('../../../main/electron/shell', () => ({
  startShell: vi.fn(async () => {
    throw new Error('cannot start');
  }),
}));

describe('main/electron/app.ts', () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
    Reflect.deleteProperty(process, 'defaultApp');
  });

  it('passes the flags after the app path to the shell, and exits (no dialog) if it cannot start', async () => {
    fake.resetFakeElectron();
    process.argv = [
      '/usr/lib/electron',
      '/srv/flagwall',
      '--role',
      'screen',
      '--hub',
      'http://h:1',
    ];
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { startShell } = await import('../../../main/electron/shell');
    await import('../../../main/electron/app');
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1));
    expect(startShell).toHaveBeenCalledWith({
      argv: ['--role', 'screen', '--hub', 'http://h:1'],
      findHub: expect.any(Function), // mDNS discovery from main/discovery
    });
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(
      /flagwall: could not start: Error: cannot start/,
    );
    stderr.mockRestore();
  });
});
