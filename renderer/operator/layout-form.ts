/**
 * Beside the layout canvas: the selected screen's position, panel size and bezels in mm (with
 * the diagonal, to check against the spec sheet), screens waiting to be placed, and the Wi-Fi
 * name for the join banner.
 */
import { placeNew, type ScreenPlacement, type WallLayout } from '../../shared/geometry/layout';
import type { OperatorStateMsg } from '../../shared/protocol/hub-messages';
import { fill, fillIfChanged, h } from './dom';
import type { LayoutEditor } from './layout-editor';

type NumKey = 'xMm' | 'yMm' | 'widthMm' | 'heightMm' | 'left' | 'right' | 'top' | 'bottom';
const FIELDS: [NumKey, string][] = [
  ['xMm', 'X'],
  ['yMm', 'Y'],
  ['widthMm', 'Panel width'],
  ['heightMm', 'Panel height'],
  ['left', 'Bezel left'],
  ['right', 'Bezel right'],
  ['top', 'Bezel top'],
  ['bottom', 'Bezel bottom'],
];

export class LayoutForm {
  private readonly inputs = new Map<NumKey, HTMLInputElement>();
  private readonly title = h('h3', {}, '');
  private readonly diagonal = h('div', { class: 'muted' }, '');
  private readonly fields = h('div', { class: 'mm-grid' });
  private readonly wifi = h('input', {
    type: 'text',
    maxLength: 64,
    placeholder: 'e.g. Venue-Guest',
    id: 'wifi-input',
  });

  constructor(
    private readonly el: HTMLElement,
    private readonly unplaced: HTMLElement,
    private readonly editor: LayoutEditor,
    private readonly send: (layout: WallLayout, label: string) => void,
  ) {
    for (const [k, label] of FIELDS) {
      const input = h('input', {
        type: 'number',
        step: 1,
        min: k.endsWith('Mm') && k !== 'xMm' && k !== 'yMm' ? 10 : k.length < 7 ? 0 : -100000,
        id: `mm-${k}`,
      });
      input.addEventListener('change', () => this.edit(k, Number(input.value)));
      this.inputs.set(k, input);
      this.fields.append(h('label', {}, h('span', {}, `${label} (mm)`), input));
    }
    const remove = h('button', { class: 'small ghost', type: 'button' }, 'Remove from layout');
    remove.addEventListener('click', () => {
      const name = this.editor.selected;
      if (!name) return;
      const layout = structuredClone(this.editor.layout);
      layout.screens = layout.screens.filter((s) => s.name !== name);
      this.send(layout, `Remove ${name} from the layout`);
    });
    this.wifi.addEventListener('change', () => {
      const layout = structuredClone(this.editor.layout);
      layout.wifi = this.wifi.value.trim();
      this.send(layout, layout.wifi ? `Wi-Fi name “${layout.wifi}”` : 'Wi-Fi name removed');
    });
    fill(
      el,
      h('div', { class: 'selected-screen' }, this.title, this.diagonal, this.fields, remove),
      h(
        'label',
        { class: 'field wifi' },
        h('span', { class: 'name' }, 'Wi-Fi on join banner'),
        this.wifi,
      ),
    );
    this.show();
  }

  update(s: OperatorStateMsg): void {
    if (document.activeElement !== this.wifi) this.wifi.value = s.layout.wifi;
    const placed = new Set(s.layout.screens.map((p) => p.name));
    const waiting = s.screens.filter((x) => !placed.has(x.name) && x.sentRev > 0);
    // Rebuilt only when the list changed: a button replaced mid-press gets no click.
    const key = JSON.stringify(waiting.map((x) => [x.name, x.number, x.color]));
    fillIfChanged(this.unplaced, key, () => [
      waiting.length === 0
        ? h('span', { class: 'muted' }, 'Every connected screen is placed.')
        : h(
            'ul',
            {},
            ...waiting.map((x) =>
              h(
                'li',
                {},
                h('span', { class: 'badge', style: `background:${x.color}` }, x.number),
                h('span', { class: 'name' }, x.name),
                h(
                  'button',
                  {
                    class: 'small',
                    type: 'button',
                    'data-place': x.name,
                    onclick: () => {
                      const layout = structuredClone(this.editor.layout);
                      layout.screens.push(placeNew(layout, x.name));
                      this.editor.selected = x.name;
                      this.send(layout, `Place ${x.name} on the wall`);
                    },
                  },
                  'Place on wall',
                ),
              ),
            ),
          ),
    ]);
    this.show();
  }

  /** Shows the selected screen's numbers (not over a field the operator is typing in). */
  show(): void {
    const p = this.current();
    this.el.querySelector('.selected-screen')?.classList.toggle('none', !p);
    if (!p) {
      this.title.textContent = 'Select a screen on the wall to edit it';
      this.diagonal.textContent = '';
      return;
    }
    this.title.textContent = p.name;
    const inches = Math.hypot(p.widthMm, p.heightMm) / 25.4;
    this.diagonal.textContent = `visible ${Math.round(p.widthMm)} × ${Math.round(p.heightMm)} mm · ${inches.toFixed(1)}″ diagonal`;
    for (const [k] of FIELDS) {
      const input = this.inputs.get(k)!;
      if (input !== document.activeElement) input.value = String(Math.round(read(p, k)));
    }
  }

  private current(): ScreenPlacement | undefined {
    return this.editor.layout.screens.find((s) => s.name === this.editor.selected);
  }

  private edit(k: NumKey, v: number): void {
    const layout = structuredClone(this.editor.layout);
    const p = layout.screens.find((s) => s.name === this.editor.selected);
    if (!p || !Number.isFinite(v)) return;
    const min =
      k === 'widthMm' || k === 'heightMm' ? 10 : k === 'xMm' || k === 'yMm' ? -100_000 : 0;
    const value = Math.min(100_000, Math.max(min, v));
    if (k === 'left' || k === 'right' || k === 'top' || k === 'bottom') p.bezelMm[k] = value;
    else p[k] = value;
    this.send(layout, `${p.name}: ${FIELDS.find(([f]) => f === k)![1].toLowerCase()} ${value} mm`);
  }
}

const read = (p: ScreenPlacement, k: NumKey): number =>
  k === 'left' || k === 'right' || k === 'top' || k === 'bottom' ? p.bezelMm[k] : p[k];
