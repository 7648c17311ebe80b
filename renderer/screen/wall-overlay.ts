/**
 * What the operator drives on a screen, above the WebGL wall: the slice from the layout, identify,
 * blackout, pause, message banner, join banner, reload, clear ripples, and the "that's me" pulse.
 * After applying a wall-state it answers `applied` with its revision, so the console can say
 * honestly that the change is on screen.
 */
import type { HubMessage, WallStateMsg } from '../../shared/protocol/hub-messages';
import type { AppliedMsg } from '../../shared/protocol/messages';
import type { Slice } from '../../shared/geometry/slice';
import type { Settings } from '../../shared/scene/settings';
import type { SceneStore, SceneView } from '../../shared/scene/store';
import { Blackout, IdentifyOverlay, MessageBar } from './identify';
import { JoinBanner } from './join-banner';
import { PulseLayer } from './pulse-layer';

export interface OverlayHost {
  root: HTMLElement;
  name: string;
  /** The slice the page was opened with (used while the layout does not place this screen). */
  ownSlice: Slice;
  store: SceneStore;
  setSlice(slice: Slice): void;
  send(text: string): boolean;
}

/** When a settings change first reached the screen and first went out in a drawn frame. */
export interface SettingsTrace {
  receivedAt: number;
  drawnAt: number | null;
  settings: Settings;
}

export class WallOverlay {
  private readonly banner: JoinBanner;
  private readonly identify: IdentifyOverlay;
  private readonly message: MessageBar;
  private readonly blackout: Blackout;
  readonly pulses: PulseLayer;
  wallState: WallStateMsg | null = null;
  private slice: Slice;
  private known = new Set<number>();
  private frozenAt: number | null = null;
  private lastSettings: Settings | null = null;
  /** Recent settings arrivals (tests measure operator → screen latency with Date.now()). */
  readonly settingsTrace: SettingsTrace[] = [];

  constructor(private readonly host: OverlayHost) {
    this.slice = host.ownSlice;
    this.pulses = new PulseLayer(host.root);
    this.message = new MessageBar(host.root);
    this.banner = new JoinBanner(host.root);
    this.blackout = new Blackout(host.root);
    this.identify = new IdentifyOverlay(host.root);
  }

  onMessage(msg: HubMessage): void {
    switch (msg.type) {
      case 'snapshot':
        this.known = new Set(msg.phones.map((p) => p.id));
        break;
      case 'roster':
        for (const p of msg.upsert) {
          // A phone new to this screen just joined: pulse it so its owner finds it.
          if (!this.known.has(p.id)) this.pulses.pulse(p.id, performance.now());
          this.known.add(p.id);
        }
        for (const id of msg.remove) this.known.delete(id);
        break;
      case 'settings':
        this.settingsTrace.push({ receivedAt: Date.now(), drawnAt: null, settings: msg.settings });
        if (this.settingsTrace.length > 50) this.settingsTrace.shift();
        break;
      case 'pulse':
        this.pulses.pulse(msg.id, performance.now());
        break;
      case 'clear-ripples':
        this.host.store.clearRipples();
        break;
      case 'reload':
        location.reload();
        break;
      case 'wall-state':
        void this.apply(msg);
        break;
      default:
        break;
    }
  }

  /** Scene time to draw: frozen while the operator has the wall paused. */
  sceneTime(hubNow: number): number {
    const paused = this.wallState?.paused ?? false;
    if (paused && this.frozenAt === null) this.frozenAt = hubNow;
    if (!paused) this.frozenAt = null;
    return this.frozenAt ?? hubNow;
  }

  /** After each drawn frame: follow pulsing flags, note when new settings first hit the glass. */
  frameDrawn(view: SceneView, settings: Settings): void {
    if (settings !== this.lastSettings) {
      this.lastSettings = settings;
      const trace = this.settingsTrace.at(-1);
      if (trace && trace.drawnAt === null) trace.drawnAt = Date.now();
    }
    this.pulses.frame(view, this.slice, settings.flagSize, performance.now());
  }

  get currentSlice(): Slice {
    return this.slice;
  }

  private async apply(ws: WallStateMsg): Promise<void> {
    this.wallState = ws;
    const slice = ws.slice ?? this.host.ownSlice;
    if (!sameSlice(slice, this.slice)) {
      this.slice = slice;
      this.host.setSlice(slice);
    }
    this.identify.set(ws.identify, ws.number, ws.color, this.host.name);
    this.blackout.set(ws.blackout);
    this.message.set(ws.message);
    document.documentElement.dataset.paused = String(ws.paused);
    await this.banner.set(ws.banner);
    // Only the latest revision is confirmed; an older one finishing late says nothing.
    if (this.wallState === ws) {
      const applied: AppliedMsg = { type: 'applied', rev: ws.rev };
      this.host.send(JSON.stringify(applied));
    }
  }
}

const sameSlice = (a: Slice, b: Slice): boolean =>
  a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
