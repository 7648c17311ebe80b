/**
 * One fullscreen kiosk window per chosen display, each showing its slice of the wall. Follows
 * displays being plugged and unplugged (windows added, removed, re-sliced), keeps the display
 * awake while any window shows, and reloads crashed renderers with backoff.
 */
import {
  powerSaveBlocker,
  screen,
  type BrowserWindow,
  type Input,
  type WebContents,
} from 'electron';
import type { AppConfig } from '../config/app-config';
import { planScreens, screenUrl, type ScreenPlan } from './displays';
import { isKioskEscape, matchesChord, parseChord } from './kiosk';
import { watchRenderer, type RecoveryOptions, type RecoveryState } from './recovery';
import { lockNavigation, createSecureWindow, type TrustedOrigin } from './security';

export interface ScreenWallOptions {
  config: Pick<AppConfig, 'displays' | 'wallRegion' | 'operatorChord'>;
  /** Hub base URL and key the screen pages load from. */
  hubBase: string;
  key: string | null;
  preload: string;
  trust: TrustedOrigin;
  log: RecoveryOptions['log'];
  recovery?: Omit<RecoveryOptions, 'log'>;
  /** Called when the operator chord is pressed on a screen window. */
  onOperatorChord(win: BrowserWindow): void;
}

export interface ScreenWindow {
  win: BrowserWindow;
  plan: ScreenPlan;
  url: string;
  recovery: RecoveryState;
}

export class ScreenWall {
  private readonly windows = new Map<number, ScreenWindow>();
  private blockerId: number | null = null;
  private readonly chord;
  private readonly onDisplaysChanged = (): void => this.sync();
  private running = false;

  constructor(private readonly opts: ScreenWallOptions) {
    this.chord = parseChord(opts.config.operatorChord);
  }

  start(): void {
    this.running = true;
    screen.on('display-added', this.onDisplaysChanged);
    screen.on('display-removed', this.onDisplaysChanged);
    screen.on('display-metrics-changed', this.onDisplaysChanged);
    this.sync();
  }

  stop(): void {
    this.running = false;
    screen.off('display-added', this.onDisplaysChanged);
    screen.off('display-removed', this.onDisplaysChanged);
    screen.off('display-metrics-changed', this.onDisplaysChanged);
    for (const entry of [...this.windows.values()]) entry.win.destroy();
    this.windows.clear();
    this.updatePower();
  }

  /** Points every window at another hub (discovery found a new one). */
  setHub(hubBase: string, key: string | null): void {
    this.opts.hubBase = hubBase;
    this.opts.key = key;
    this.sync();
  }

  list(): readonly ScreenWindow[] {
    return [...this.windows.values()];
  }

  /** The screen window owning these contents, if it is one of ours. */
  find(contents: WebContents): ScreenWindow | undefined {
    return this.list().find((w) => !w.win.isDestroyed() && w.win.webContents === contents);
  }

  /** Reconciles windows with the displays now attached. */
  sync(): void {
    if (!this.running) return;
    const displays = screen.getAllDisplays();
    // With every display unplugged there may be no primary to ask for.
    const primaryId = displays.length ? screen.getPrimaryDisplay().id : -1;
    const { plans, missing } = planScreens(
      displays,
      primaryId,
      this.opts.config.displays,
      this.opts.config.wallRegion,
    );
    if (missing.length)
      this.opts.log.warn({ missing }, 'configured displays not attached; using the others');
    const wanted = new Set(plans.map((p) => p.displayId));
    for (const [id, entry] of this.windows) {
      if (!wanted.has(id)) {
        this.opts.log.info({ display: id }, 'display gone; closing its screen window');
        this.windows.delete(id);
        entry.win.destroy();
      }
    }
    for (const plan of plans) {
      const url = screenUrl(this.opts.hubBase, this.opts.key, plan.slice);
      const entry = this.windows.get(plan.displayId);
      if (!entry) this.open(plan, url);
      else {
        entry.plan = plan;
        entry.win.setBounds(plan.bounds);
        if (entry.url !== url) {
          entry.url = url;
          void entry.win.loadURL(url).catch((err: Error) => this.loadFailed(plan, err));
        }
      }
    }
    this.updatePower();
  }

  private open(plan: ScreenPlan, url: string): void {
    const win = createSecureWindow(
      {
        ...plan.bounds,
        show: false,
        frame: false,
        fullscreen: true,
        kiosk: true,
        alwaysOnTop: true,
        autoHideMenuBar: true,
        backgroundColor: '#000000',
        title: `flagwall screen ${plan.index}`,
      },
      this.opts.preload,
    );
    const label = `screen window (display ${plan.index}, id ${plan.displayId})`;
    const contents = win.webContents;
    lockNavigation(contents, this.opts.trust, this.opts.log);
    const recovery = watchRenderer(
      contents,
      label,
      () => {
        const current = this.windows.get(plan.displayId);
        if (current?.win === win)
          void win.loadURL(current.url).catch((err: Error) => this.loadFailed(plan, err));
      },
      { ...this.opts.recovery, log: this.opts.log },
    );
    const entry: ScreenWindow = { win, plan, url, recovery };
    this.windows.set(plan.displayId, entry);
    contents.on('did-finish-load', () => {
      // A touch screen must not pinch-zoom the wall out of its slice.
      void contents.setVisualZoomLevelLimits(1, 1);
      // A literal (not a variable) so the audit can see it is a constant stylesheet.
      void contents.insertCSS('html, body, * { cursor: none !important; }', { cssOrigin: 'user' });
    });
    contents.on('before-input-event', (event: { preventDefault(): void }, input: Input) => {
      if (matchesChord(input, this.chord)) {
        event.preventDefault();
        this.opts.onOperatorChord(win);
      } else if (win.isKiosk() && isKioskEscape(input)) event.preventDefault();
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (this.windows.get(plan.displayId)?.win === win) this.windows.delete(plan.displayId);
      this.updatePower();
    });
    void win.loadURL(url).catch((err: Error) => this.loadFailed(plan, err));
  }

  /** A failed load is logged and retried by watchRenderer (did-fail-load); this only records it. */
  private loadFailed(plan: ScreenPlan, err: Error): void {
    this.opts.log.info({ display: plan.displayId, err: err.message }, 'screen page load rejected');
  }

  /** Holds 'prevent-display-sleep' exactly while at least one screen window exists. */
  private updatePower(): void {
    const showing = this.windows.size > 0;
    if (showing && this.blockerId === null) {
      this.blockerId = powerSaveBlocker.start('prevent-display-sleep');
    } else if (!showing && this.blockerId !== null) {
      if (powerSaveBlocker.isStarted(this.blockerId)) powerSaveBlocker.stop(this.blockerId);
      this.blockerId = null;
    }
  }

  get powerBlockerId(): number | null {
    return this.blockerId;
  }
}
