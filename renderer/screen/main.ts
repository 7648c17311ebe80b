/**
 * The screen page: one WebSocket to the hub, a local copy of the scene, and a render loop that
 * draws scene(state, t) at the hub time t this page estimates. On a drop it keeps drawing the
 * last state and reconnects; the hub's fresh snapshot replaces it.
 *
 * URL: /screen?key=WALLKEY[&name=left][&x=&y=&w=&h=] (slice of the wall in fractions; default
 * the whole wall). Without a key the screen pairs (screen-auth.ts); `&pair=1` forgets its
 * credential and pairs again. Test-only clock skew parameters: see renderer/common/local-clock.ts.
 */
import { decodeHubFrame, BinTag } from '../../shared/protocol/binary';
import type { HubMessage } from '../../shared/protocol/hub-messages';
import type { HelloMsg } from '../../shared/protocol/messages';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { SCREEN_BACKOFF } from '../../shared/net/backoff';
import { sliceFromParams, WHOLE_WALL } from '../../shared/geometry/slice';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/scene/settings';
import { SceneStore, type SceneView } from '../../shared/scene/store';
import { HubConnection } from '../common/connection';
import { HubClock } from '../common/hub-clock';
import { localClockAt } from '../common/local-clock';
import { installDebugHook } from './debug-hook';
import { JitterMeter } from './jitter-meter';
import { statsMessage } from './stats-message';
import { StatusBadge } from './status-badge';
import { WallRenderer } from './wall-renderer';
import { WallOverlay } from './wall-overlay';
import { browserLanguages } from '../common/languages';
import { PairingView } from './pairing-view';
import { credentialStore, ScreenAuth } from './screen-auth';

const STATS_EVERY_MS = 2000;

const params = new URLSearchParams(location.search);
const badge = new StatusBadge(document.getElementById('status')!);
const parsedSlice = sliceFromParams((k) => params.get(k));
const slice = parsedSlice ?? WHOLE_WALL;
// Clipped to what the hub accepts, so a long value is refused for what it is, not as malformed.
const name = (params.get('name') ?? defaultName()).slice(0, 64);
const key = (params.get('key') ?? '').slice(0, 200);

const localAt = localClockAt(params);
const local = (): number => localAt(performance.now());
const store = new SceneStore();
const jitter = new JitterMeter();
let settings: Settings = { ...DEFAULT_SETTINGS };
const pairingView = new PairingView(document.body, browserLanguages());
const credentials = credentialStore();
/** Set before the first connection when the page has no key (startLink). */
let auth: ScreenAuth | null = null;

const connection = new HubConnection({
  hello: (): HelloMsg => ({
    type: 'hello',
    proto: PROTOCOL_VERSION,
    role: 'screen',
    ...(key ? { key } : (auth?.helloFields() ?? {})),
    screen: { name, slice: { ...slice } },
  }),
  backoff: SCREEN_BACKOFF,
  onMessage,
  onBinary,
  onState: (state, detail, code) => {
    if (state !== 'live') welcomed = false;
    if (state === 'reconnecting' || state === 'refused') auth?.onClose(code);
    badge.show(state, detail);
    if (!parsedSlice) badge.warn('bad slice parameters: showing the whole wall');
  },
});
/**
 * Pings wait for the welcome: until then the hub budgets this socket as a stranger's (a screen
 * pairing, or proving its credential), and a clock's 5 ms burst would get it closed.
 */
let welcomed = false;
const clock = new HubClock({ send: (bytes) => welcomed && connection.send(bytes) }, local);
const wall = new WallRenderer(document.getElementById('wall') as HTMLCanvasElement, slice);
const overlay = new WallOverlay({
  root: document.getElementById('overlay')!,
  name,
  ownSlice: slice,
  store,
  setSlice: (s) => wall.setSlice(s),
  send: (text) => connection.send(text),
});

function onMessage(msg: HubMessage): void {
  auth?.onMessage(msg);
  overlay.onMessage(msg);
  switch (msg.type) {
    case 'welcome':
      welcomed = true;
      clock.seed(msg.hubTime);
      settings = { ...msg.settings };
      break;
    case 'snapshot':
      store.applySnapshot(msg, clock.now());
      break;
    case 'roster':
      store.applyRoster(msg);
      break;
    case 'settings':
      settings = { ...msg.settings };
      store.playoutDelayMs = msg.playoutDelayMs;
      break;
    default:
      break;
  }
}

function onBinary(data: Uint8Array): void {
  const frame = decodeHubFrame(data);
  if (!frame) return;
  if (frame.tag === BinTag.PONG) clock.onPong(frame);
  else if (frame.tag === BinTag.TICK) {
    jitter.add(local(), frame.hubTime);
    store.applyTick(frame);
  }
}

// ---- render loop and stats ---------------------------------------------------------------------

let frames = 0;
let fps = 0;
let framesAtLastStats = 0;
let lastStatsAt = performance.now();
let lastView: SceneView = { t: 0, cursors: [], ripples: [] };
/** performance.now() when the last frame read the clock: the instant its scene time is for. */
let frameReadAt = 0;

function frame(): void {
  // The clock first: with the next frame registered before it, ~1 % of frames read it up to 5 ms
  // after their callback began (the clock e2e's p99 at callback start was 1.2–5 ms; now ≤ 1 ms).
  frameReadAt = performance.now();
  requestAnimationFrame(frame);
  lastView = store.view(overlay.sceneTime(clock.nowAt(localAt(frameReadAt))));
  wall.draw(lastView, settings);
  overlay.frameDrawn(lastView, settings);
  frames++;
}

function reportStats(): void {
  // A screen waiting to be paired has no role yet: anything but PING would close it.
  if (connection.state !== 'live') return;
  const now = performance.now();
  fps = ((frames - framesAtLastStats) * 1000) / Math.max(1, now - lastStatsAt);
  framesAtLastStats = frames;
  lastStatsAt = now;
  connection.send(JSON.stringify(statsMessage(clock.stats(), fps, jitter.jitterMs())));
}

function defaultName(): string {
  return parsedSlice && parsedSlice !== WHOLE_WALL
    ? `screen ${slice.x.toFixed(2)},${slice.y.toFixed(2)}`
    : 'screen';
}

const hook = installDebugHook({
  view: () => lastView,
  frames: () => frames,
  frameAt: () => performance.timeOrigin + frameReadAt,
  state: () => connection.state,
  get slice() {
    return overlay.currentSlice;
  },
  settings: () => settings,
  playoutDelayMs: () => store.playoutDelayMs,
  fps: () => fps,
  drawMs: () => wall.drawMs,
  clock: () => clock.stats(),
  flagsReady: () => wall.atlas.ready,
  readPixels: (x, y, half) => wall.readPixels(x, y, half),
});

// Names drawn under the flags last frame, and the names with a tile in the name atlas.
Object.defineProperty(hook, 'names', { get: () => wall.names.drawn });
Object.defineProperty(hook, 'nameTiles', { get: () => wall.names.atlas.names });

// Operator-driven state for tests and devtools: window.flagwall.operator.
Object.defineProperty(hook, 'operator', {
  get: () => ({
    wallState: overlay.wallState,
    settings,
    settingsTrace: overlay.settingsTrace,
    pulses: overlay.pulses.log,
  }),
});

// Pairing state for tests and devtools: window.flagwall.pairing.
Object.defineProperty(hook, 'pairing', {
  get: () => ({ view: pairingView.state, screenId: auth?.paired?.screenId ?? null }),
});

/** Without a key: load this screen's credential (or forget it on &pair=1) before connecting. */
async function startLink(): Promise<void> {
  if (!key) {
    if (params.has('pair')) await credentials.forget().catch(() => undefined);
    const record = await credentials.load().catch(() => null);
    auth = new ScreenAuth(
      {
        store: credentials,
        view: pairingView,
        send: (text) => connection.send(text),
        refuseHub: () => connection.stop(),
      },
      record,
    );
  }
  connection.start();
}

badge.show('connecting');
if (!parsedSlice) badge.warn('bad slice parameters: showing the whole wall');
void startLink();
clock.start();
setInterval(reportStats, STATS_EVERY_MS);
requestAnimationFrame(frame);
