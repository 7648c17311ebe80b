/**
 * Electron's security checklist, applied in one place: locked-down webPreferences for every
 * window, a session that denies permissions and adds a CSP to the hub's pages, navigation and new
 * windows pinned to the hub's origin, and IPC accepted only from frames we created.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron';

/** The one origin our windows may show (the hub's). Mutable: discovery may find a new hub. */
export class TrustedOrigin {
  private value: string;
  constructor(url: string) {
    this.value = new URL(url).origin;
  }
  get origin(): string {
    return this.value;
  }
  set(url: string): void {
    this.value = new URL(url).origin;
  }
  /** True when `url` is on the hub's origin (http(s) page, or its ws(s) socket). */
  allows(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    const hub = new URL(this.value);
    const scheme = parsed.protocol.replace(/^ws/, 'http');
    return scheme === hub.protocol && parsed.host === hub.host;
  }
}

/**
 * Every flagwall window is made here, with the checklist's webPreferences written out literally
 * (so electronegativity can see them) and no way for a caller to loosen them.
 */
export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // Reviewed (docs/electron.md, audit): the preload exposes one read-only call via contextBridge.
      preload /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in new windows; nothing on our pages needs it.
      disableBlinkFeatures: 'Auxclick',
      // No alert/confirm dialog can stall an unattended kiosk.
      disableDialogs: true,
      safeDialogs: true,
      spellcheck: false,
    },
  });
}

/** A screen may go fullscreen; nothing else (camera, mic, notifications, HID…) is ever granted. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen']);

export function hardenSession(session: Session, trust: TrustedOrigin): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && trust.allows(contents.getURL()));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      ALLOWED_PERMISSIONS.has(permission) && trust.allows(requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  // Nothing but the hub is ever fetched: no remote content in our windows.
  session.webRequest.onBeforeRequest((details, callback) => {
    const scheme = details.url.split(':', 1)[0] ?? '';
    const network = ['http', 'https', 'ws', 'wss'].includes(scheme);
    callback({ cancel: network && !trust.allows(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!trust.allows(details.url)) return callback({});
    // Our CSP joins the hub's own (every CSP header applies, so the stricter wins). A literal on
    // purpose, so electronegativity can evaluate it; in CSP 3 'self' covers the hub's ws:// socket.
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          ...(details.responseHeaders?.['Content-Security-Policy'] ?? []),
        ],
      },
    });
  });
}

export interface NavigationLog {
  warn(obj: object, msg: string): void;
}

/** Pins a WebContents to the hub origin: no navigating away, no new windows, no webviews. */
export function lockNavigation(
  contents: WebContents,
  trust: TrustedOrigin,
  log: NavigationLog,
): void {
  const guard = (event: { preventDefault(): void; url: string }): void => {
    if (trust.allows(event.url)) return;
    event.preventDefault();
    log.warn({ url: event.url }, 'blocked navigation away from the hub');
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // Subframes too (the main frame is already covered by will-navigate).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guard(event);
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'blocked a new window');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * IPC is answered only for the main frame of a window we created, showing a hub page: not for a
 * subframe, not for a page that somehow navigated elsewhere, not for a window we do not know.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  isOurs: (contents: WebContents) => boolean,
  trust: TrustedOrigin,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !isOurs(event.sender)) return false;
  // Compared by id: frame objects are wrappers, identity is not promised.
  const main = event.sender.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return trust.allows(frame.url);
}
