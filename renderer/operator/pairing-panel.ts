/**
 * Screen pairing in the console: screens waiting to be admitted (code, name, address, since),
 * each admitted with one click, or by typing the code a screen shows; paired screens (name,
 * paired at, last seen), each revocable after a confirming click. Lists are rebuilt only when
 * they changed, never while a revoke waits for its second click.
 */
import type { OperatorStateMsg, PendingScreenInfo } from '../../shared/protocol/hub-messages';
import type { OperatorCommand } from '../../shared/protocol/messages';
import { confirmButton } from './confirm';
import { byId, fill, fillIfChanged, h } from './dom';

type Run = (label: string, command: OperatorCommand) => void;
type Pairing = NonNullable<OperatorStateMsg['pairing']>;

/** When this console first saw each pending screen (the hub sends "ms since", which moves). */
const firstSeen = new Map<string, number>();

const spaced = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;
const time = (epochMs: number): string => new Date(epochMs).toLocaleString();

export function wirePairing(run: Run): void {
  byId('pair-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId<HTMLInputElement>('pair-code');
    const code = input.value.trim();
    if (!code) return;
    run(`Admit screen with code ${code}`, { cmd: 'admit-screen', code });
    input.value = '';
  });
}

export function renderPairing(p: Pairing | undefined, run: Run): void {
  const pairing: Pairing = p ?? { pending: [], paired: [] };
  byId('pairing-summary').textContent =
    `${pairing.pending.length} waiting · ${pairing.paired.length} paired`;
  const now = Date.now();
  for (const s of pairing.pending) if (!firstSeen.has(s.id)) firstSeen.set(s.id, now - s.sinceMs);
  for (const id of firstSeen.keys())
    if (!pairing.pending.some((s) => s.id === id)) firstSeen.delete(id);
  const pendingBody = byId('pending-body');
  fillIfChanged(
    pendingBody,
    JSON.stringify(pairing.pending.map((s) => [s.id, s.code, s.name, s.address])),
    () =>
      pairing.pending.length === 0
        ? [row(5, 'No screen is waiting. A screen opened without a key shows a code here.')]
        : pairing.pending.map((s) => pendingRow(s, run)),
  );
  const paired = byId('paired-body');
  if (paired.querySelector('.armed')) return;
  fillIfChanged(paired, JSON.stringify(pairing.paired), () =>
    pairing.paired.length === 0
      ? [row(5, 'No paired screens.')]
      : pairing.paired.map((s) =>
          h(
            'tr',
            { 'data-screen-id': s.screenId, class: 'paired-row' },
            h('td', { class: 'name' }, s.name),
            h(
              'td',
              {},
              h(
                'span',
                { class: `pill ${s.online ? 'ok' : 'gone'}` },
                s.online ? 'online' : 'offline',
              ),
            ),
            h('td', {}, time(s.pairedAt)),
            h('td', {}, s.lastSeenAt === null ? 'never' : time(s.lastSeenAt)),
            h(
              'td',
              {},
              confirmButton(
                'Revoke',
                `Revoke “${s.name}”?`,
                () =>
                  run(`Revoke screen ${s.name}`, { cmd: 'revoke-screen', screenId: s.screenId }),
                'small danger',
              ),
            ),
          ),
        ),
  );
}

/** Shows the outcome of the latest admit / revoke beside the code field. */
export function showPairingAck(state: string, text: string): void {
  const el = byId('pair-ack');
  el.className = `ack ${state}`;
  fill(el, text);
}

function pendingRow(s: PendingScreenInfo, run: Run): HTMLElement {
  return h(
    'tr',
    { 'data-pending-id': s.id, class: 'pending-row' },
    h('td', { class: 'mono code' }, spaced(s.code)),
    h('td', { class: 'name' }, s.name),
    h('td', { class: 'mono' }, s.address),
    h('td', {}, new Date(firstSeen.get(s.id) ?? Date.now()).toLocaleTimeString()),
    h(
      'td',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'small admit',
          onclick: () =>
            run(`Admit screen ${s.name} (${spaced(s.code)})`, {
              cmd: 'admit-screen',
              pendingId: s.id,
            }),
        },
        'Admit',
      ),
    ),
  );
}

const row = (span: number, text: string): HTMLElement =>
  h('tr', {}, h('td', { colSpan: span, class: 'empty' }, text));
