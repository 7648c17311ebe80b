/**
 * The console's moderation tools: how long a ban from the phone list lasts and whether it covers
 * the phone's address (with the NAT warning next to it), the bans in force with unban, and the
 * flag blocklist editor. The hub enforces all of it (main/hub/moderation.ts); this only asks.
 */
import type { OperatorModeration } from '../../shared/protocol/hub-messages';
import { fillIfChanged, h } from './dom';

export interface BanChoice {
  /** Null: the rest of the show (until the hub restarts or an unban). */
  minutes: number | null;
  address: boolean;
}

const DURATIONS: [label: string, minutes: number | null][] = [
  ['10 min', 10],
  ['1 hour', 60],
  ['rest of the show', null],
];

/** The duration and address choice the phone list's Ban buttons use. */
export class BanOptions {
  private readonly duration = h('select', { id: 'ban-duration' });
  private readonly address = h('input', { type: 'checkbox', id: 'ban-address' });

  constructor(el: HTMLElement) {
    DURATIONS.forEach(([label], i) => this.duration.append(h('option', { value: i }, label)));
    el.append(
      h('label', { class: 'field' }, h('span', { class: 'name' }, 'Ban for'), this.duration),
      h('label', { class: 'check' }, this.address, 'also ban its address'),
      h(
        'div',
        { class: 'muted note' },
        'Venue Wi-Fi often puts many phones behind one address (NAT): an address ban can shut ' +
          'out everyone on that network. Ban the address only when the phone keeps coming back.',
      ),
    );
  }

  get choice(): BanChoice {
    const [, minutes] = DURATIONS[Number(this.duration.value)] ?? DURATIONS[0]!;
    return { minutes, address: this.address.checked };
  }

  /** "10 min", "1 hour + address": for the ban button's question and the activity log. */
  describe(c: BanChoice = this.choice): string {
    const span = DURATIONS.find(([, m]) => m === c.minutes)?.[0] ?? `${c.minutes} min`;
    return c.address ? `${span} + address` : span;
  }
}

/** "9 min left", "rest of the show". */
function ends(endsInMs: number | null): string {
  if (endsInMs === null) return 'rest of the show';
  const min = Math.max(1, Math.ceil(endsInMs / 60_000));
  return min < 90 ? `${min} min left` : `${Math.round(min / 60)} h left`;
}

export function renderBans(
  el: HTMLElement,
  m: OperatorModeration | undefined,
  unban: (id: number, label: string) => void,
): void {
  const bans = m?.bans ?? [];
  // Keyed by what is shown ("9 min left"), not the ms: a list rebuilt at every push would swap
  // the Unban button between press and release.
  const rows = bans.map(({ id, label, address, endsInMs }) => ({
    id,
    label,
    address,
    left: ends(endsInMs),
  }));
  fillIfChanged(el, JSON.stringify([m?.banCount, rows]), () =>
    rows.length === 0
      ? [h('div', { class: 'muted' }, 'No bans.')]
      : [
          h(
            'ul',
            { class: 'bans' },
            ...rows.map((b) =>
              h(
                'li',
                { 'data-ban': b.id },
                h('span', { class: 'name' }, b.label),
                b.address !== null && h('span', { class: 'tag mono' }, b.address),
                h('span', { class: 'muted' }, b.left),
                h(
                  'button',
                  { type: 'button', class: 'small', onclick: () => unban(b.id, b.label) },
                  'Unban',
                ),
              ),
            ),
          ),
          (m?.banCount ?? 0) > rows.length &&
            h('div', { class: 'muted' }, `and ${(m?.banCount ?? 0) - rows.length} more`),
        ],
  );
}

/** Blocked flags: add codes ("ru", or several: "ru, by"), remove each; sends the whole list. */
export class BlocklistEditor {
  private flags: string[] = [];
  private readonly list = h('div', { class: 'blocked-flags' });
  private readonly input = h('input', {
    type: 'text',
    id: 'block-flag-input',
    placeholder: 'flag code, e.g. ru',
    maxlength: 80,
  });
  private readonly error = h('div', { class: 'muted' });

  constructor(
    el: HTMLElement,
    private readonly send: (flags: string[]) => void,
  ) {
    const form = h(
      'form',
      { class: 'message', id: 'block-flag-form' },
      this.input,
      h('button', { type: 'submit' }, 'Block'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const codes = this.input.value
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean);
      const bad = codes.filter((c) => !/^[a-z]{2}$/.test(c));
      if (bad.length > 0 || codes.length === 0) {
        this.error.textContent = `Not a two-letter flag code: ${bad.join(', ') || '(empty)'}`;
        return;
      }
      this.error.textContent = '';
      this.input.value = '';
      this.send([...new Set([...this.flags, ...codes])]);
    });
    el.append(
      h('div', { class: 'muted note' }, 'Phones asking for a blocked flag get the Esperanto flag.'),
      form,
      this.error,
      this.list,
    );
  }

  update(flags: readonly string[]): void {
    this.flags = [...flags];
    fillIfChanged(this.list, flags.join(','), () =>
      flags.length === 0
        ? [h('div', { class: 'muted' }, 'No flag is blocked.')]
        : flags.map((f) =>
            h(
              'span',
              { class: 'tag blocked', 'data-flag': f },
              h('img', { src: `/flags/${f}.svg`, alt: '', class: 'mini-flag' }),
              h('span', { class: 'mono' }, f),
              h(
                'button',
                {
                  type: 'button',
                  class: 'small ghost',
                  title: `Unblock ${f}`,
                  onclick: () => this.send(this.flags.filter((x) => x !== f)),
                },
                '×',
              ),
            ),
          ),
    );
  }
}
