import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, SHELL_API_KEY } from '../../../main/electron/ipc';
import { TrustedOrigin } from '../../../main/electron/security';
import * as fake from './fake-electron';
import { HUB, launch, type Launched } from './launch';

vi.mock('electron', () => import('./fake-electron'));

let running: Launched | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const EXPECTED_PREFS = {
  preload: '/fake/preload.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
};

async function hubPlusScreens(): Promise<Launched> {
  // A real hub on an ephemeral loopback port, in this process, as the hub roles run it.
  return launch({
    config: { role: 'hub+screen', key: 'wall-key-123' },
    argv: ['--port', '0'],
    displays: [fake.display(1, 0, 0), fake.display(2, 1920, 0)],
    shell: {
      startHub: async (o) => {
        const { startHub } = await import('../../../main/hub/start-hub');
        return startHub({ ...o, host: '127.0.0.1' });
      },
    },
  });
}

describe('every window is locked down', () => {
  it('screen and operator windows all get the checklist webPreferences', async () => {
    running = await hubPlusScreens();
    expect(fake.app.sandboxEnabled).toBe(true);
    // The URL a screen window loads is one the real hub serves (its screen page).
    const page = await fetch(running.screens()[0]!.webContents.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const windows = fake.BrowserWindow.getAllWindows();
    expect(windows).toHaveLength(3);
    for (const w of windows) {
      expect(w.options.webPreferences).toMatchObject(EXPECTED_PREFS);
      expect(w.options.webPreferences).not.toHaveProperty('enableRemoteModule');
    }
  });

  it('navigation away from the hub, new windows and webviews are refused', async () => {
    running = await launch({ config: { role: 'screen', hubUrl: HUB, key: 'wall-key-123' } });
    const c = running.screens()[0]!.webContents;
    expect(c.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(c.fire('will-redirect', { url: 'http://10.1.2.3:9999/' })).toBe(true);
    expect(
      c.fire('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false }),
    ).toBe(true);
    expect(c.fire('will-navigate', { url: `${HUB}/screen?key=x` })).toBe(false);
    expect(c.windowOpenHandler?.({ url: `${HUB}/` })).toEqual({ action: 'deny' });
    expect(c.fire('will-attach-webview')).toBe(true);
    expect(running.logs.messages()).toContain('blocked navigation away from the hub');
  });

  it('the session denies every permission but fullscreen for the hub, and adds a CSP to hub pages only', async () => {
    running = await launch({ config: { role: 'screen', hubUrl: HUB, key: 'wall-key-123' } });
    const s = fake.session.defaultSession;
    const ask = (permission: string, url: string): boolean => {
      let granted: boolean | null = null;
      (
        s.permissionRequest as unknown as (c: unknown, p: string, cb: (ok: boolean) => void) => void
      )({ getURL: () => url }, permission, (ok) => (granted = ok));
      return granted!;
    };
    expect(ask('fullscreen', `${HUB}/screen`)).toBe(true);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'openExternal',
    ])
      expect(ask(p, `${HUB}/screen`)).toBe(false);
    expect(ask('fullscreen', 'https://elsewhere.example/')).toBe(false);
    const check = s.permissionCheck as unknown as (
      c: unknown,
      p: string,
      origin: string,
    ) => boolean;
    expect(check(null, 'fullscreen', HUB)).toBe(true);
    expect(check(null, 'media', HUB)).toBe(false);
    expect((s.devicePermission as unknown as () => boolean)()).toBe(false);

    type Headers = Record<string, string[]>;
    const headersFor = (url: string, given: Headers): Headers | undefined => {
      let out: { responseHeaders?: Headers } = {};
      (s.headersReceived as unknown as (d: object, cb: (r: object) => void) => void)(
        { url, responseHeaders: given },
        (r) => (out = r),
      );
      return out.responseHeaders;
    };
    const hubCsp = "default-src 'self'";
    const mine = headersFor(`${HUB}/screen`, { 'content-security-policy': [hubCsp] })!;
    expect(mine['content-security-policy']).toEqual([hubCsp]); // the hub's own is kept
    expect(mine['Content-Security-Policy']![0]).toMatch(
      /object-src 'none'.*frame-ancestors 'none'/,
    );
    expect(headersFor('https://elsewhere.example/', {})).toBeUndefined();

    const cancel = (url: string): boolean => {
      let out = { cancel: false };
      (s.beforeRequest as unknown as (d: object, cb: (r: { cancel: boolean }) => void) => void)(
        { url },
        (r) => (out = r),
      );
      return out.cancel;
    };
    expect(cancel(`${HUB}/screen/main.js`)).toBe(false);
    expect(cancel('ws://10.1.2.3:8080/ws')).toBe(false);
    expect(cancel('https://cdn.example/lib.js')).toBe(true);
    expect(cancel('ws://10.1.2.3:9000/ws')).toBe(true);
    expect(cancel('data:image/png;base64,AA')).toBe(false);
  });
});

describe('IPC', () => {
  it('answers our windows’ main frames and ignores foreign frames, subframes and strangers', async () => {
    running = await hubPlusScreens();
    const screen = running.screens()[0]!;
    const info = (await fake.ipcMain.invoke(
      IPC_CHANNELS.shellInfo,
      screen.webContents,
      screen.webContents.mainFrame,
    )) as { kind: string; display: { id: number; index: number } };
    expect(info).toMatchObject({ kind: 'screen', role: 'hub+screen', version: '0.1.0-test' });
    expect(info.display.index).toBe(0);
    const op = running.operator()!;
    expect(
      await fake.ipcMain.invoke(IPC_CHANNELS.shellInfo, op.webContents, op.webContents.mainFrame),
    ).toMatchObject({ kind: 'operator', display: null });

    // Our window, but a subframe; our window navigated off-origin; a window we never made; no frame.
    const sub = new fake.FakeFrame(screen.webContents.url);
    await expect(
      fake.ipcMain.invoke(IPC_CHANNELS.shellInfo, screen.webContents, sub),
    ).rejects.toThrow('refused');
    screen.webContents.mainFrame.url = 'https://evil.example/';
    await expect(
      fake.ipcMain.invoke(IPC_CHANNELS.shellInfo, screen.webContents, screen.webContents.mainFrame),
    ).rejects.toThrow('refused');
    const stranger = new fake.FakeWebContents();
    stranger.mainFrame.url = running.shell!.hubBase + '/';
    await expect(
      fake.ipcMain.invoke(IPC_CHANNELS.shellInfo, stranger, stranger.mainFrame),
    ).rejects.toThrow('refused');
    await expect(fake.ipcMain.invoke(IPC_CHANNELS.shellInfo, op.webContents, null)).rejects.toThrow(
      'refused',
    );
    expect(
      running.logs.messages().filter((m) => m === 'ignored IPC from a frame we did not create'),
    ).toHaveLength(4);
  });

  it('the preload exposes only the typed API, calling the shared channel', async () => {
    fake.resetFakeElectron();
    await import('../../../main/electron/preload'); // first import in this file: runs now
    expect([...fake.contextBridge.exposed.keys()]).toEqual([SHELL_API_KEY]);
    const api = fake.contextBridge.exposed.get(SHELL_API_KEY) as Record<
      string,
      () => Promise<unknown>
    >;
    expect(Object.keys(api)).toEqual(['info', 'pairing']);
    expect(Object.isFrozen(api.pairing)).toBe(true);
    await api.info!();
    expect(fake.ipcRenderer.invoked).toEqual([IPC_CHANNELS.shellInfo]);
  });
});

describe('TrustedOrigin', () => {
  it('allows the hub page and its socket, nothing else', () => {
    const t = new TrustedOrigin('http://10.0.0.1:8080/screen?key=1');
    expect(t.allows('http://10.0.0.1:8080/operator')).toBe(true);
    expect(t.allows('ws://10.0.0.1:8080/ws')).toBe(true);
    expect(t.allows('wss://10.0.0.1:8080/ws')).toBe(false);
    expect(t.allows('https://10.0.0.1:8080/')).toBe(false);
    expect(t.allows('http://10.0.0.1:8081/')).toBe(false);
    expect(t.allows('file:///etc/passwd')).toBe(false);
    expect(t.allows('not a url')).toBe(false);
  });
});
