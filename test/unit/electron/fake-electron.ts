/**
 * A stand-in for the `electron` module (its binary cannot be downloaded here). It records what
 * the shell asks for — windows with their options, loaded URLs, handlers, power blockers — and
 * lets a test play the OS: attach displays, crash renderers, press keys, send IPC.
 * Use in a test file: `vi.mock('electron', () => import('./fake-electron'))`.
 */
import { EventEmitter } from 'node:events';

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

export function display(
  id: number,
  x: number,
  y: number,
  width = 1920,
  height = 1080,
): FakeDisplay {
  return { id, bounds: { x, y, width, height }, workArea: { x, y, width, height: height - 40 } };
}

class FakeEvent {
  defaultPrevented = false;
  constructor(readonly extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextRoutingId = 1;

export class FakeFrame {
  readonly processId = 7;
  readonly routingId = nextRoutingId++;
  constructor(public url: string) {}
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  loads: string[] = [];
  reloads = 0;
  insertedCss: string[] = [];
  crashedByShell = 0;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  mainFrame = new FakeFrame('');
  destroyed = false;
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async loadURL(url: string): Promise<void> {
    this.url = url;
    this.mainFrame.url = url;
    this.loads.push(url);
  }
  reload(): void {
    this.reloads += 1;
  }
  async insertCSS(css: string): Promise<string> {
    this.insertedCss.push(css);
    return `css-${this.insertedCss.length}`;
  }
  zoomLimits: [number, number] | null = null;
  async setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
  }
  forcefullyCrashRenderer(): void {
    this.crashedByShell += 1;
  }
  setWindowOpenHandler(handler: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires a cancellable event the way Electron does; returns whether it was prevented. */
  fire(name: string, extra: Record<string, unknown> = {}, ...args: unknown[]): boolean {
    const event = new FakeEvent(extra);
    this.emit(name, event, ...args);
    return event.defaultPrevented;
  }
  /** Simulates a finished page load. */
  finishLoad(): void {
    this.emit('did-finish-load');
  }
  pressKey(input: Partial<KeyInput> & { key: string }): boolean {
    return this.fire(
      'before-input-event',
      {},
      {
        type: 'keyDown',
        code: '',
        isAutoRepeat: false,
        isComposing: false,
        shift: false,
        control: false,
        alt: false,
        meta: false,
        location: 0,
        modifiers: [],
        ...input,
      },
    );
  }
}

interface KeyInput {
  type: string;
  key: string;
  shift: boolean;
  control: boolean;
  alt: boolean;
  meta: boolean;
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  bounds: { x: number; y: number; width: number; height: number };
  visible = false;
  focused = false;
  kiosk: boolean;
  alwaysOnTop: boolean;
  destroyed = false;
  minimized = false;
  constructor(
    readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> },
  ) {
    super();
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
    this.kiosk = options.kiosk === true;
    this.alwaysOnTop = options.alwaysOnTop === true;
    BrowserWindow.all.push(this);
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  setBounds(b: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...b };
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  minimize(): void {
    this.minimized = true;
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setKiosk(on: boolean): void {
    this.kiosk = on;
  }
  setAlwaysOnTop(on: boolean): void {
    this.alwaysOnTop = on;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  close(): void {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
}

class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [];
  primaryId = 0;
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    const d = this.displays.find((x) => x.id === this.primaryId) ?? this.displays[0];
    if (!d) throw new Error('fake screen: no displays');
    return d;
  }
  set(displays: FakeDisplay[], primaryId = displays[0]?.id ?? 0): void {
    this.displays = displays;
    this.primaryId = primaryId;
  }
  plug(d: FakeDisplay): void {
    this.displays = [...this.displays, d];
    this.emit('display-added', {}, d);
  }
  unplug(id: number): void {
    const d = this.displays.find((x) => x.id === id);
    this.displays = this.displays.filter((x) => x.id !== id);
    this.emit('display-removed', {}, d);
  }
}
export const screen = new FakeScreen();

class FakePowerSaveBlocker {
  private next = 1;
  active = new Map<number, string>();
  start(type: string): number {
    const id = this.next++;
    this.active.set(id, type);
    return id;
  }
  stop(id: number): void {
    this.active.delete(id);
  }
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
  types(): string[] {
    return [...this.active.values()];
  }
}
export const powerSaveBlocker = new FakePowerSaveBlocker();

type Handler = (...args: never[]) => unknown;
class FakeSession {
  permissionRequest: Handler | null = null;
  permissionCheck: Handler | null = null;
  devicePermission: Handler | null = null;
  beforeRequest: Handler | null = null;
  headersReceived: Handler | null = null;
  setPermissionRequestHandler(h: Handler): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: Handler): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: Handler): void {
    this.devicePermission = h;
  }
  webRequest = {
    onBeforeRequest: (h: Handler): void => {
      this.beforeRequest = h;
    },
    onHeadersReceived: (h: Handler): void => {
      this.headersReceived = h;
    },
  };
}
export const session = { defaultSession: new FakeSession() };

class FakeIpcMain {
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as ipcRenderer.invoke from `sender`/`frame` would. */
  async invoke(
    channel: string,
    sender: FakeWebContents,
    frame: FakeFrame | null,
    ...args: unknown[]
  ): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    return fn({ sender, senderFrame: frame }, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

class FakeApp extends EventEmitter {
  isPackaged = false;
  userData = '/nonexistent';
  lockHeld = true;
  quitCalls = 0;
  exitCode: number | null = null;
  loginItems: { openAtLogin: boolean }[] = [];
  sandboxEnabled = false;
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.lockHeld;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app: getPath(${name})`);
    return this.userData;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getAppPath(): string {
    return '/app';
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  setLoginItemSettings(s: { openAtLogin: boolean }): void {
    this.loginItems.push(s);
  }
}
export const app = new FakeApp();

export const Menu = { setApplicationMenu: (_menu: unknown): void => undefined };

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};
export const ipcRenderer = {
  invoked: [] as string[],
  invoke(channel: string, ..._args: unknown[]): Promise<unknown> {
    this.invoked.push(channel);
    return Promise.resolve({ channel });
  },
};

/** Back to a fresh machine: no windows, no handlers, one 1920×1080 display. */
export function resetFakeElectron(): void {
  BrowserWindow.all = [];
  screen.removeAllListeners();
  screen.set([display(1, 0, 0)]);
  powerSaveBlocker.active.clear();
  session.defaultSession = new FakeSession();
  ipcMain.handlers.clear();
  app.removeAllListeners();
  app.isPackaged = false;
  app.sandboxEnabled = false;
  app.lockHeld = true;
  app.quitCalls = 0;
  app.exitCode = null;
  app.loginItems = [];
  contextBridge.exposed.clear();
  ipcRenderer.invoked = [];
}
resetFakeElectron();

export default {
  app,
  BrowserWindow,
  screen,
  powerSaveBlocker,
  session,
  ipcMain,
  Menu,
  contextBridge,
  ipcRenderer,
};
