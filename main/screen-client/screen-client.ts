/**
 * A screen without the rendering: finds the hub (mDNS, or a given URL), connects, keeps the
 * clock and the scene store, and reports every state change. The CLI prints these as JSON
 * lines (`flagwall screen`); the Electron screen role and the multi-host tests drive it too.
 *
 * States: discovering → found → connecting → live → converged; after a drop: reconnecting →
 * live → converged again; refused after a close code that must not be retried.
 */
import { pino } from 'pino';
import { BinTag, decodeHubFrame } from '../../shared/protocol/binary';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { SCREEN_BACKOFF, type BackoffPolicy } from '../../shared/net/backoff';
import { SceneStore } from '../../shared/scene/store';
import { WallBrowser } from '../discovery/browse';
import { chooseWall, SETTLE_MS } from '../discovery/choose-wall';
import type { WallAnnouncement } from '../discovery/wall-record';
import type { Logger } from '../hub/logger';
import { HubLink } from './hub-link';
import { ScreenClock, type ScreenClockStats } from './screen-clock';

export type ScreenState =
  'discovering' | 'found' | 'connecting' | 'live' | 'converged' | 'reconnecting' | 'refused';

export interface ScreenEvent {
  state: ScreenState;
  /** ms since this process started (performance.now()). */
  t: number;
  wall?: string;
  hubId?: string;
  url?: string;
  detail?: string;
  retryInMs?: number;
  phones?: number;
  clock?: ScreenClockStats;
  /** Hubs visible on the network while discovering. */
  walls?: string[];
}

export interface ScreenClientOptions {
  /** Wall to join by name; default: the only wall on the network. */
  wall?: string;
  /** Hub base URL (http://host:port): skips discovery. */
  hubUrl?: string;
  /** Wall key (screens need it). */
  key: string;
  name?: string;
  onEvent(event: ScreenEvent): void;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** Without --wall: wait this long after the first hub answers for others, ms (SETTLE_MS). */
  settleMs?: number;
}

const STATS_INTERVAL_MS = 2000;

export class ScreenClient {
  readonly store = new SceneStore();
  private link: HubLink | null = null;
  private browser: WallBrowser | null = null;
  private readonly clock: ScreenClock;
  private hub: WallAnnouncement | null = null;
  private lastReason = '';
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private settled = false;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private converged = false;
  private hubId: string | undefined;
  private wallName: string | undefined;
  private readonly log: Logger;

  constructor(private readonly opts: ScreenClientOptions) {
    this.log = opts.log ?? pino({ level: 'silent' });
    this.clock = new ScreenClock((ping) => this.link?.send(ping) ?? false);
  }

  start(): void {
    if (this.opts.hubUrl) return this.connect(this.opts.hubUrl);
    this.emit({ state: 'discovering', ...(this.opts.wall ? { wall: this.opts.wall } : {}) });
    this.browser = new WallBrowser({
      log: this.log,
      onChange: () => this.onWallsChanged(),
      onHeard: (fqdn) => {
        if (this.hub?.fqdn === fqdn) this.link?.retryNow();
      },
    });
    this.browser.keepQuerying(true);
  }

  async stop(): Promise<void> {
    this.clock.stop();
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.link?.stop();
    await this.browser?.stop();
  }

  private onWallsChanged(): void {
    if (!this.hub && this.opts.wall === undefined && !this.settled) {
      // Give every hub on the LAN a moment to answer before calling one "the only wall".
      this.settleTimer ??= setTimeout(() => {
        this.settled = true;
        this.decide();
      }, this.opts.settleMs ?? SETTLE_MS);
      return;
    }
    this.decide();
  }

  private decide(): void {
    const hubs = this.browser?.list ?? [];
    const choice = chooseWall(hubs, this.opts.wall ?? this.hub?.wall, this.hub?.hubId);
    if (choice.kind === 'wait') {
      if (!this.hub && choice.reason !== this.lastReason) {
        this.lastReason = choice.reason;
        this.emit({
          state: 'discovering',
          detail: choice.reason,
          walls: [...new Set(hubs.map((h) => h.wall))].sort(),
        });
      }
      return;
    }
    const hub = choice.hub;
    const changed = !this.hub || this.hub.url !== hub.url || this.hub.hubId !== hub.hubId;
    this.hub = hub;
    if (!changed) return;
    this.emit({
      state: 'found',
      wall: hub.wall,
      hubId: hub.hubId,
      url: hub.url,
      ...(choice.note ? { detail: choice.note } : {}),
    });
    const wsUrl = toWsUrl(hub.url, hub.wsPath);
    if (!this.link) return this.connect(wsUrl);
    // The hub came back elsewhere (restart on a new port, new address): follow it now.
    this.link.setUrl(wsUrl);
    this.link.retryNow();
  }

  private connect(url: string): void {
    const wsUrl = url.startsWith('ws') ? url : toWsUrl(url, '/ws');
    this.emit({ state: 'connecting', url: wsUrl });
    this.link = new HubLink({
      url: wsUrl,
      backoff: this.opts.backoff ?? SCREEN_BACKOFF,
      hello: () => ({
        type: 'hello',
        proto: PROTOCOL_VERSION,
        role: 'screen',
        key: this.opts.key,
        ...(this.opts.name ? { screen: { name: this.opts.name } } : {}),
      }),
      onMessage: (msg) => this.onMessage(msg),
      onBinary: (data) => this.onBinary(data),
      onState: (state, detail, retryInMs) => {
        if (state === 'live') return; // reported with the snapshot, below
        if (state !== 'connecting') {
          this.clock.stop();
          this.converged = false;
        }
        // While away, ask the network every second: a restarted hub answers at once.
        if (state === 'reconnecting') this.browser?.keepQuerying(true);
        this.emit({
          state,
          url: this.link?.currentUrl ?? wsUrl,
          ...(detail ? { detail } : {}),
          ...(retryInMs !== undefined ? { retryInMs: Math.round(retryInMs) } : {}),
        });
      },
    });
    this.link.start();
    this.statsTimer ??= setInterval(() => this.sendStats(), STATS_INTERVAL_MS);
    this.statsTimer.unref?.();
  }

  private onMessage(msg: HubMessage): void {
    switch (msg.type) {
      case 'welcome':
        this.hubId = msg.hubId;
        this.wallName = msg.wall;
        this.converged = false;
        this.clock.seed(msg.hubTime);
        this.clock.start();
        return;
      case 'snapshot':
        this.store.applySnapshot(msg, this.clock.now());
        this.browser?.keepQuerying(false);
        this.emit({ state: 'live', url: this.link?.currentUrl, phones: this.store.phoneCount });
        return;
      case 'roster':
        return this.store.applyRoster(msg);
      case 'settings':
        this.store.playoutDelayMs = msg.playoutDelayMs;
        return;
      default:
        return;
    }
  }

  private onBinary(data: Uint8Array): void {
    const frame = decodeHubFrame(data);
    if (!frame) return;
    if (frame.tag === BinTag.PONG) {
      this.clock.onPong(frame);
      const stats = this.clock.stats();
      if (stats.converged && !this.converged) {
        this.converged = true;
        this.emit({ state: 'converged', clock: roundStats(stats) });
      }
    } else if (frame.tag === BinTag.TICK) {
      this.store.applyTick(frame);
    }
  }

  private sendStats(): void {
    if (this.link?.state !== 'live') return;
    const { offsetMs, errorMs, rttMs, converged } = this.clock.stats();
    // The hub rejects non-finite numbers (no estimate yet: the bound is Infinity).
    if (![offsetMs, errorMs, rttMs].every(Number.isFinite)) return;
    this.link.send(
      JSON.stringify({ type: 'stats', clock: { offsetMs, errorMs, rttMs, converged }, fps: 0 }),
    );
  }

  private emit(e: Omit<ScreenEvent, 't'>): void {
    const wall = e.wall ?? this.wallName ?? this.hub?.wall;
    const hubId = e.hubId ?? this.hubId ?? this.hub?.hubId;
    this.opts.onEvent({
      t: Math.round(performance.now() * 10) / 10,
      ...e,
      ...(wall ? { wall } : {}),
      ...(hubId ? { hubId } : {}),
    } as ScreenEvent);
  }
}

function toWsUrl(base: string, path: string): string {
  const u = new URL(base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = path;
  u.search = '';
  return u.toString();
}

const roundStats = (s: ScreenClockStats): ScreenClockStats => ({
  ...s,
  offsetMs: Math.round(s.offsetMs * 1000) / 1000,
  errorMs: Math.round(s.errorMs * 1000) / 1000,
  rttMs: Math.round(s.rttMs * 1000) / 1000,
});
