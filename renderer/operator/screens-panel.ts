/** The live screens table: one row per screen, status first, numbers honest (— when unknown). */
import type { OperatorScreen } from '../../shared/protocol/hub-messages';
import type { Slice } from '../../shared/geometry/slice';
import { ago, fill, h, num } from './dom';

const STATUS_TEXT = { ok: 'ok', reconnecting: 'reconnecting', gone: 'gone' } as const;

export function renderScreens(body: HTMLElement, screens: OperatorScreen[], rev: number): void {
  if (screens.length === 0) {
    fill(
      body,
      h(
        'tr',
        {},
        h(
          'td',
          { colSpan: 11, class: 'empty' },
          'No screens yet. Open /screen?key=… on each display; they appear here.',
        ),
      ),
    );
    return;
  }
  fill(body, ...screens.map((s) => row(s, rev)));
}

function row(s: OperatorScreen, rev: number): HTMLElement {
  const behind = s.sentRev > 0 && s.appliedRev < rev;
  return h(
    'tr',
    { class: `screen-row status-${s.status}`, 'data-name': s.name },
    h('td', {}, h('span', { class: 'badge', style: `background:${s.color}` }, s.number)),
    h('td', { class: 'name' }, s.name, !s.placed && h('span', { class: 'tag' }, 'not placed')),
    h(
      'td',
      {},
      h('span', { class: `pill ${s.status}` }, STATUS_TEXT[s.status]),
      s.detail && h('div', { class: 'detail' }, s.detail),
    ),
    h('td', { class: 'mono' }, s.address ?? '—'),
    h('td', { class: 'mono' }, sliceText(s.slice)),
    h('td', {}, s.version || '—'),
    h('td', { class: `num ${s.fps !== null && s.fps < 50 ? 'bad' : ''}` }, num(s.fps, 0)),
    h(
      'td',
      { class: `num ${s.clockErrorMs !== null && s.clockErrorMs > 4 ? 'bad' : ''}` },
      num(s.clockErrorMs, 1, ' ms'),
    ),
    h('td', { class: 'num' }, num(s.rttMs, 1, ' ms')),
    h('td', { class: 'num' }, ago(s.lastSeenAgoMs)),
    h(
      'td',
      { class: behind ? 'bad' : 'good' },
      s.sentRev === 0 ? '—' : behind ? `rev ${s.appliedRev}/${rev}` : '✓ current',
    ),
  );
}

const pct = (v: number): string => `${Math.round(v * 1000) / 10}`;
function sliceText(s: Slice | null): string {
  if (!s) return 'own';
  return `${pct(s.x)},${pct(s.y)} ${pct(s.w)}×${pct(s.h)}%`;
}
