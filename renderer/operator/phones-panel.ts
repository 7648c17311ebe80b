/**
 * Phones on the wall, newest first, each with kick and ban buttons that ask before they act (a
 * ban lasts as chosen in moderation-panel.ts). The list is rebuilt only when it changed, and not
 * while a button waits for its confirming click.
 */
import type { OperatorStateMsg } from '../../shared/protocol/hub-messages';
import { fillIfChanged, h } from './dom';
import { armOnClick, confirmButton } from './confirm';

const SHOWN = 40;

export function renderPhones(
  el: HTMLElement,
  phones: OperatorStateMsg['phones'],
  names: Intl.DisplayNames | null,
  kick: (id: number, label: string) => void,
  /** With the duration it will use ("10 min"), for the confirming question. */
  ban?: { act: (id: number, label: string) => void; describe: () => string },
): void {
  // Keep an armed (awaiting confirmation) button alive across refreshes.
  if (el.querySelector('.armed')) return;
  // The key is the data the rows are built from (the locale's country names do not change).
  const shown = phones.slice(0, SHOWN);
  fillIfChanged(el, JSON.stringify([phones.length, shown]), () =>
    phones.length === 0
      ? [h('div', { class: 'muted' }, 'No phones on the wall yet.')]
      : [
          h(
            'ul',
            { class: 'phones' },
            ...shown.map((p) => {
              const label = `#${p.id}${p.name ? ` “${p.name}”` : ''}`;
              const country =
                p.flag === 'eo' ? 'Esperanto' : (names?.of(p.flag.toUpperCase()) ?? p.flag);
              return h(
                'li',
                { class: p.dozing ? 'dozing' : '', 'data-phone': p.id },
                h('img', { src: `/flags/${p.flag}.svg`, alt: '', class: 'mini-flag' }),
                h('span', { class: 'id mono' }, `#${p.id}`),
                h('span', { class: 'name' }, p.name || country),
                p.dozing && h('span', { class: 'tag' }, 'dozing'),
                act(
                  confirmButton('Kick', `Kick ${label}?`, () => kick(p.id, label), 'small danger'),
                  'kick',
                ),
                ban && banButton(label, () => ban.act(p.id, label), ban.describe),
              );
            }),
          ),
          phones.length > SHOWN &&
            h('div', { class: 'muted' }, `and ${phones.length - SHOWN} more`),
        ],
  );
}

const act = (b: HTMLButtonElement, name: string): HTMLButtonElement => {
  b.dataset.act = name;
  return b;
};

/** Asks with the duration chosen at click time: "Ban #12 (1 hour + address)?". */
function banButton(
  label: string,
  onConfirm: () => void,
  describe: () => string,
): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'small danger', 'data-act': 'ban' }, 'Ban');
  armOnClick(b, () => `Ban ${label} (${describe()})?`, onConfirm);
  return b;
}
