/**
 * Names held for approval: each with what the wall would show (after the filter) and Approve /
 * Reject buttons. Rebuilt only when the queue changed, so a button is never replaced between
 * press and release by the twice-a-second refresh. Empty outside approval mode.
 */
import type { OperatorStateMsg } from '../../shared/protocol/hub-messages';
import type { NamesMode } from '../../shared/scene/settings';
import { fillIfChanged, h } from './dom';

export function renderNames(
  el: HTMLElement,
  mode: NamesMode,
  queue: OperatorStateMsg['names'],
  decide: (phoneId: number, approve: boolean, label: string) => void,
): void {
  const pending = queue?.pending ?? [];
  const overflow = queue?.overflow ?? 0;
  fillIfChanged(el, JSON.stringify([mode, pending, overflow]), () => {
    if (mode === 'off')
      return [h('div', { class: 'muted' }, 'Names are off: the wall shows none.')];
    if (mode === 'filtered')
      return [h('div', { class: 'muted' }, 'Every name is shown after the profanity filter.')];
    if (pending.length === 0)
      return [h('div', { class: 'muted' }, 'No names waiting for approval.')];
    return [
      h(
        'ul',
        { class: 'phones names-queue' },
        ...pending.map((p) => {
          const label = `“${p.name}” (#${p.phoneId})`;
          return h(
            'li',
            { 'data-phone': p.phoneId },
            h('img', { src: `/flags/${p.flag}.svg`, alt: '', class: 'mini-flag' }),
            h('span', { class: 'id mono' }, `#${p.phoneId}`),
            h(
              'span',
              { class: 'name', title: p.name },
              p.name,
              p.shown !== p.name && h('span', { class: 'tag' }, `wall: ${p.shown}`),
            ),
            h(
              'button',
              {
                class: 'small',
                'data-approve': p.phoneId,
                onclick: () => decide(p.phoneId, true, label),
              },
              'Approve',
            ),
            h(
              'button',
              {
                class: 'small danger',
                'data-reject': p.phoneId,
                onclick: () => decide(p.phoneId, false, label),
              },
              'Reject',
            ),
          );
        }),
      ),
      overflow > 0 &&
        h('div', { class: 'muted' }, `and ${overflow} more waiting for a place in this list`),
    ];
  });
}
