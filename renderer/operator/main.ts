/**
 * The operator console: connects as role "operator" with the wall key, shows what the hub pushes
 * (screens, layout, settings, audience) and sends commands, each followed until it is confirmed.
 * Connection state is always on screen; data shown while disconnected is marked stale.
 */
import { HubConnection, type ConnectionState } from '../common/connection';
import { SCREEN_BACKOFF } from '../../shared/net/backoff';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { OperatorStateMsg } from '../../shared/protocol/hub-messages';
import type { OperatorCommand } from '../../shared/protocol/messages';
import { CommandChannel, type Activity } from './commands';
import { byId, fill, h } from './dom';
import { renderScreens } from './screens-panel';
import { renderAudience } from './audience-panel';
import { SettingsPanel } from './settings-panel';
import { LayoutEditor } from './layout-editor';
import { LayoutForm } from './layout-form';
import { wireCommands } from './commands-panel';
import { renderPhones } from './phones-panel';
import { renderPairing, showPairingAck, wirePairing } from './pairing-panel';
import { BanOptions, BlocklistEditor, renderBans } from './moderation-panel';
import { renderNames } from './names-panel';

const KEY_STORE = 'flagwall-operator-key';
const params = new URLSearchParams(location.search);
let key = params.get('key') ?? sessionStorage.getItem(KEY_STORE) ?? '';
let state: OperatorStateMsg | null = null;
let lastUpdate = 0;
const activities: Activity[] = [];
/** Activities replaced by a newer one of the same kind: their late updates are not shown. */
const superseded = new WeakSet<Activity>();

const countryNames = displayNames('region');
const languageNames = displayNames('language');

const connection = new HubConnection({
  hello: () => ({ type: 'hello', proto: PROTOCOL_VERSION, role: 'operator', key }),
  backoff: SCREEN_BACKOFF,
  onBinary: () => {},
  onMessage: (msg) => {
    if (msg.type === 'welcome') {
      sessionStorage.setItem(KEY_STORE, key);
      if (params.has('key')) history.replaceState(null, '', location.pathname);
    } else if (msg.type === 'operator-state') {
      state = msg;
      lastUpdate = Date.now();
      render(msg);
      channel.onState(msg);
    } else if (msg.type === 'operator-ack') {
      channel.onAck(msg);
    }
  },
  onState: (s, detail) => showConnection(s, detail),
});

const channel = new CommandChannel(
  (text) => connection.send(text),
  (a) => logActivity(a),
);
export const run = (label: string, command: OperatorCommand): Activity =>
  channel.run(label, command);

const settings = new SettingsPanel(byId('settings-form'), (patch) =>
  run(`Settings: ${Object.keys(patch).join(', ')}`, { cmd: 'settings', patch }),
);
const editor = new LayoutEditor(
  byId<HTMLCanvasElement>('layout-canvas'),
  (layout) => run('Layout change', { cmd: 'layout', layout }),
  () => layoutForm.show(),
);
const layoutForm = new LayoutForm(byId('layout-form'), byId('unplaced'), editor, (layout, label) =>
  run(label, { cmd: 'layout', layout }),
);
wireCommands(run, () => state);
wirePairing(run);
const banOptions = new BanOptions(byId('ban-options'));
const blocklist = new BlocklistEditor(byId('blocklist'), (flags) =>
  run(`Blocked flags: ${flags.join(', ') || 'none'}`, { cmd: 'blocklist', flags }),
);

function render(s: OperatorStateMsg): void {
  document.title = `${s.wall} · flagwall operator`;
  byId('wall-name').textContent = s.wall;
  byId('hub-version').textContent = `hub ${s.version}`;
  byId('phone-url').textContent = s.phoneUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const ok = s.screens.filter((x) => x.status === 'ok').length;
  byId('screens-summary').textContent = `${ok} of ${s.screens.length} ok`;
  byId('screens-summary').className = `summary ${ok < s.screens.length ? 'warn' : 'good'}`;
  renderScreens(byId('screens-body'), s.screens, s.rev);
  editor.update(s.layout, s.screens);
  layoutForm.update(s);
  settings.update(s.settings, s.playoutDelayMs);
  renderAudience(byId('audience'), s.audience, countryNames, languageNames);
  renderPhones(
    byId('phones'),
    s.phones,
    countryNames,
    (id, label) => run(`Kick ${label}`, { cmd: 'kick', phoneId: id }),
    {
      act: (id, label) => {
        const c = banOptions.choice;
        run(`Ban ${label} (${banOptions.describe(c)})`, { cmd: 'ban', phoneId: id, ...c });
      },
      describe: () => banOptions.describe(),
    },
  );
  renderPairing(s.pairing, run);
  renderBans(byId('bans'), s.moderation, (id, label) =>
    run(`Unban ${label}`, { cmd: 'unban', banId: id }),
  );
  blocklist.update(s.moderation?.blockedFlags ?? []);
  renderNames(byId('names-queue'), s.settings.names, s.names, (phoneId, approve, label) =>
    run(`${approve ? 'Approve' : 'Reject'} name ${label}`, { cmd: 'name', phoneId, approve }),
  );
  setToggle('cmd-blackout', s.show.blackout, 'Blackout is ON — lift', 'Blackout…');
  setToggle('cmd-pause', s.show.paused, 'Paused — resume', 'Pause');
  byId('show-state').textContent =
    [
      s.show.blackout && 'BLACKOUT',
      s.show.paused && 'PAUSED',
      s.show.message && `message: “${s.show.message}”`,
      s.show.identifyLeftMs > 0 && `identifying (${Math.ceil(s.show.identifyLeftMs / 1000)} s)`,
    ]
      .filter(Boolean)
      .join(' · ') || 'wall running normally';
  (window as unknown as { flagwallOperator: unknown }).flagwallOperator = {
    state: s,
    activities,
    layoutBox: (name: string) => editor.boxPx(name),
  };
}

function setToggle(id: string, on: boolean, onText: string, offText: string): void {
  const b = byId<HTMLButtonElement>(id);
  b.classList.toggle('active', on);
  b.dataset.on = String(on);
  if (!b.classList.contains('armed')) b.textContent = on ? onText : offText;
}

function showConnection(s: ConnectionState, detail?: string): void {
  const pill = byId('conn');
  pill.className = `conn ${s}`;
  pill.textContent = {
    connecting: 'connecting…',
    live: 'live',
    reconnecting: 'reconnecting…',
    refused: 'refused',
  }[s];
  document.body.classList.toggle('stale', s !== 'live');
  const banner = byId('conn-banner');
  if (s === 'reconnecting') {
    channel.onDisconnect();
    const when = lastUpdate ? new Date(lastUpdate).toLocaleTimeString() : 'never';
    banner.textContent = `Connection to the hub lost${detail ? ` (${detail})` : ''}. Reconnecting… Figures below are from ${when}.`;
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
  byId('refused').hidden = s !== 'refused';
  if (s === 'refused') {
    byId('refused-reason').textContent = detail
      ? `The hub refused this console: ${detail}.`
      : 'The hub refused this console.';
  }
}

function logActivity(a: Activity): void {
  if (superseded.has(a)) return;
  if (!activities.includes(a)) {
    // A dragged slider sends every 100 ms: keep one line for it, not a screenful.
    const top = activities[0];
    if (top && top.cmd === 'settings' && top.label === a.label && a.cmd === 'settings') {
      superseded.add(top);
      activities.shift();
    }
    activities.unshift(a);
  }
  activities.splice(12);
  const icon = { sending: '…', waiting: '…', ok: '✓', warn: '!', failed: '✕' };
  fill(
    byId('activity'),
    ...activities.map((x) =>
      h(
        'li',
        { class: `act ${x.state}` },
        h('span', { class: 'icon' }, icon[x.state]),
        h('span', { class: 'what' }, x.label),
        h('span', { class: 'text' }, x.text),
      ),
    ),
  );
  if (a.cmd === 'admit-screen' || a.cmd === 'revoke-screen')
    showPairingAck(a.state, `${icon[a.state]} ${a.text}`);
  if (a.cmd === 'settings') {
    const el = byId('settings-ack');
    el.className = `ack ${a.state}`;
    el.textContent = `${icon[a.state]} ${a.text}`;
  }
}

function displayNames(type: 'region' | 'language'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([navigator.language, 'en'], { type });
  } catch {
    return null;
  }
}

byId('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  key = byId<HTMLInputElement>('key-input').value.trim();
  if (!key) return;
  byId('refused').hidden = true;
  connection.start();
});

if (key) connection.start();
else {
  showConnection('refused', 'no wall key given');
}
