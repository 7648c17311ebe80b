/** Audience: how many phones, and who joined (country, language, OS), largest groups first. */
import type { AudienceStats } from '../../shared/protocol/hub-messages';
import { fill, h } from './dom';

const TOP = 6;

export function renderAudience(
  el: HTMLElement,
  a: AudienceStats,
  names: Intl.DisplayNames | null,
  langs: Intl.DisplayNames | null,
): void {
  fill(
    el,
    h(
      'div',
      { class: 'counts' },
      count('On the wall', a.connected, 'audience-connected'),
      count('Dozing', a.dozing, 'audience-dozing'),
      count('Waiting', a.waiting, 'audience-waiting', a.waiting > 0 ? 'warn' : ''),
      count('Peak', a.peak, 'audience-peak'),
      count('Joins', a.joins, 'audience-joins'),
    ),
    h(
      'div',
      { class: 'breakdowns' },
      breakdown('Countries', a.byCountry, a.joins, (code) =>
        h(
          'span',
          { class: 'label' },
          h('img', { src: `/flags/${code}.svg`, alt: '', class: 'mini-flag' }),
          code === 'eo' ? 'Esperanto' : (safe(() => names?.of(code.toUpperCase())) ?? code),
        ),
      ),
      breakdown('Languages', a.byLanguage, a.joins, (code) =>
        h(
          'span',
          { class: 'label' },
          code === 'unknown' ? 'unknown' : (safe(() => langs?.of(code)) ?? code),
        ),
      ),
      breakdown('Systems', a.byOs, a.joins, (os) => h('span', { class: 'label' }, os)),
    ),
  );
}

function count(label: string, value: number, id: string, cls = ''): HTMLElement {
  return h(
    'div',
    { class: `count ${cls}` },
    h('div', { class: 'value', id }, value),
    h('div', { class: 'caption' }, label),
  );
}

function breakdown(
  title: string,
  counts: Record<string, number>,
  total: number,
  label: (k: string) => HTMLElement,
): HTMLElement {
  const rows = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP);
  return h(
    'div',
    { class: 'breakdown' },
    h('h3', {}, title),
    rows.length === 0
      ? h('div', { class: 'muted' }, 'no joins yet')
      : h(
          'ul',
          {},
          ...rows.map(([k, n]) =>
            h(
              'li',
              {},
              label(k),
              h(
                'span',
                { class: 'bar' },
                h('span', { style: `width:${total ? (100 * n) / total : 0}%` }),
              ),
              h('span', { class: 'n' }, n),
            ),
          ),
        ),
  );
}

function safe(f: () => string | undefined): string | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
