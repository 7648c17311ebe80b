/**
 * The operator console (`urls.operator`) in an ordinary window on the primary display. Hub role:
 * shown at start. Hub+screen role: the primary display belongs to the wall, so it waits hidden
 * until the operator chord brings it above the kiosk windows. Closing it only hides it; Ctrl+Q /
 * Cmd+Q in this window quits the app (the kiosk windows swallow those keys).
 */
import { screen, type BrowserWindow, type Input } from 'electron';
import { matchesChord, type Chord } from './kiosk';
import { lockNavigation, createSecureWindow, type TrustedOrigin } from './security';

export interface OperatorWindowOptions {
  url: string;
  show: boolean;
  preload: string;
  trust: TrustedOrigin;
  chord: Chord;
  log: { warn(obj: object, msg: string): void };
  isQuitting(): boolean;
  quit(): void;
}

export function openOperatorWindow(opts: OperatorWindowOptions): BrowserWindow {
  const area = screen.getPrimaryDisplay().workArea;
  const win = createSecureWindow(
    {
      x: area.x + Math.round(area.width * 0.1),
      y: area.y + Math.round(area.height * 0.1),
      width: Math.round(area.width * 0.8),
      height: Math.round(area.height * 0.8),
      show: false,
      title: 'flagwall operator',
      autoHideMenuBar: true,
    },
    opts.preload,
  );
  lockNavigation(win.webContents, opts.trust, opts.log);
  win.webContents.on('before-input-event', (event: { preventDefault(): void }, input: Input) => {
    if (matchesChord(input, opts.chord)) {
      event.preventDefault();
      win.hide();
    } else if (
      input.type === 'keyDown' &&
      (input.control || input.meta) &&
      input.key.toLowerCase() === 'q'
    ) {
      event.preventDefault();
      opts.quit();
    }
  });
  win.on('close', (event: { preventDefault(): void }) => {
    if (opts.isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  if (opts.show) win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url).catch(() => undefined);
  return win;
}

/** Brings the console above the kiosk windows (they are always-on-top too), or hides it. */
export function toggleOperatorWindow(win: BrowserWindow, mode: 'toggle' | 'show' = 'toggle'): void {
  if (mode === 'toggle' && win.isVisible() && win.isFocused()) {
    win.hide();
    return;
  }
  win.setAlwaysOnTop(true, 'screen-saver');
  win.show();
  win.focus();
}
