/** Phones on the wall, newest first, each with a kick button that asks before it acts. */
import type { OperatorStateMsg } from '../../shared/protocol/hub-messages';
import { fill, h } from './dom';
import { confirmButton } from './confirm';

const SHOWN = 40;

export function renderPhones(
  el: HTMLElement,
  phones: OperatorStateMsg['phones'],
  names: Intl.DisplayNames | null,
  kick: (id: number, label: string) => void,
): void {
  // Keep an armed (awaiting confirmation) button alive across refreshes.
  if (el.querySelector('.armed')) return;
  if (phones.length === 0) {
    fill(el, h('div', { class: 'muted' }, 'No phones on the wall yet.'));
    return;
  }
  fill(
    el,
    h(
      'ul',
      { class: 'phones' },
      ...phones.slice(0, SHOWN).map((p) => {
        const label = `#${p.id}${p.name ? ` “${p.name}”` : ''}`;
        const country = p.flag === 'eo' ? 'Esperanto' : (names?.of(p.flag.toUpperCase()) ?? p.flag);
        return h(
          'li',
          { class: p.dozing ? 'dozing' : '', 'data-phone': p.id },
          h('img', { src: `/flags/${p.flag}.svg`, alt: '', class: 'mini-flag' }),
          h('span', { class: 'id mono' }, `#${p.id}`),
          h('span', { class: 'name' }, p.name || country),
          p.dozing && h('span', { class: 'tag' }, 'dozing'),
          confirmButton('Kick', `Kick ${label}?`, () => kick(p.id, label), 'small danger'),
        );
      }),
    ),
    phones.length > SHOWN && h('div', { class: 'muted' }, `and ${phones.length - SHOWN} more`),
  );
}
