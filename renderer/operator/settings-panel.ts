/**
 * Live settings form. A slider sends while it moves (at most every 100 ms) and once on release;
 * values from the hub never overwrite a control the operator is holding.
 */
import { NAMES_MODES, type NamesMode, type Settings } from '../../shared/scene/settings';
import type { OperatorCommand } from '../../shared/protocol/messages';
import { h } from './dom';

type Patch = Extract<OperatorCommand, { cmd: 'settings' }>['patch'];

interface SliderField {
  key: 'cursorHz' | 'flagSize' | 'rippleStrength' | 'rippleSpeed' | 'waveSpeed';
  label: string;
  min: number;
  max: number;
  step: number;
  unit: string;
  digits: number;
}

const SLIDERS: SliderField[] = [
  {
    key: 'flagSize',
    label: 'Flag size',
    min: 0.02,
    max: 0.3,
    step: 0.005,
    unit: '× wall height',
    digits: 3,
  },
  { key: 'cursorHz', label: 'Cursor rate', min: 5, max: 60, step: 1, unit: 'Hz', digits: 0 },
  {
    key: 'rippleStrength',
    label: 'Ripple strength',
    min: 0,
    max: 3,
    step: 0.1,
    unit: '×',
    digits: 1,
  },
  {
    key: 'rippleSpeed',
    label: 'Ripple speed',
    min: 0.05,
    max: 2,
    step: 0.05,
    unit: 'wall h/s',
    digits: 2,
  },
  { key: 'waveSpeed', label: 'Wave speed', min: 0, max: 4, step: 0.1, unit: '×', digits: 1 },
];

const SEND_EVERY_MS = 100;

const NAMES_LABELS: Record<NamesMode, string> = {
  off: 'Off',
  filtered: 'Filtered (profanity masked)',
  approval: 'Held for my approval',
};

export class SettingsPanel {
  private readonly inputs = new Map<string, HTMLInputElement>();
  private readonly outputs = new Map<string, HTMLElement>();
  private lastSent = 0;
  private pending: Patch | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    form: HTMLElement,
    private readonly send: (patch: Patch) => void,
  ) {
    for (const f of SLIDERS) {
      const input = h('input', {
        type: 'range',
        min: f.min,
        max: f.max,
        step: f.step,
        id: `set-${f.key}`,
      });
      const out = h('output', { for: `set-${f.key}` });
      const show = (): void =>
        void (out.textContent = `${Number(input.value).toFixed(f.digits)} ${f.unit}`);
      input.addEventListener('input', () => {
        show();
        this.queue({ [f.key]: Number(input.value) });
      });
      this.inputs.set(f.key, input);
      this.outputs.set(f.key, out);
      form.append(
        h('label', { class: 'field' }, h('span', { class: 'name' }, f.label), input, out),
      );
    }
    // Playout delay: automatic (from measured jitter) or fixed.
    const auto = h('input', { type: 'checkbox', id: 'set-playout-auto' });
    const delay = h('input', {
      type: 'range',
      min: 0,
      max: 300,
      step: 5,
      id: 'set-playoutDelayMs',
    });
    const delayOut = h('output', {});
    const sendDelay = (): void => {
      delay.disabled = auto.checked;
      delayOut.textContent = auto.checked ? 'auto' : `${delay.value} ms`;
      this.queue({ playoutDelayMs: auto.checked ? null : Number(delay.value) });
    };
    auto.addEventListener('change', sendDelay);
    delay.addEventListener('input', sendDelay);
    this.inputs.set('playoutAuto', auto);
    this.inputs.set('playoutDelayMs', delay);
    this.outputs.set('playoutDelayMs', delayOut);
    form.append(
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'name' }, 'Playout delay'),
        delay,
        delayOut,
      ),
      h('label', { class: 'check' }, auto, 'Automatic (from measured jitter)'),
    );
    const maxPhones = h('input', {
      type: 'number',
      min: 0,
      max: 100000,
      step: 1,
      id: 'set-maxPhones',
    });
    maxPhones.addEventListener('change', () => {
      const v = Math.round(Number(maxPhones.value));
      if (Number.isFinite(v) && v >= 0 && v <= 100000) this.queue({ maxPhones: v });
    });
    this.inputs.set('maxPhones', maxPhones);
    form.append(
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'name' }, 'Max phones'),
        maxPhones,
        h('output', {}, 'on the wall; the rest wait'),
      ),
    );
    this.addIdlePlace(form);
    const banner = h('input', { type: 'checkbox', id: 'set-showBanner' });
    banner.addEventListener('change', () => this.queue({ showBanner: banner.checked }));
    this.inputs.set('showBanner', banner);
    form.append(
      h('label', { class: 'check' }, banner, 'Show the join banner (QR code) on the wall'),
    );
    const names = h(
      'select',
      { id: 'set-names' },
      ...NAMES_MODES.map((m) => h('option', { value: m }, NAMES_LABELS[m])),
    );
    names.addEventListener('change', () => this.queue({ names: names.value as NamesMode }));
    this.inputs.set('names', names as unknown as HTMLInputElement);
    form.append(
      h('label', { class: 'field' }, h('span', { class: 'name' }, 'Names on the wall'), names),
    );
  }

  /** Shows the hub's values, except in the control the operator is using right now. */
  update(s: Settings, playoutDelayMs: number): void {
    const busy = document.activeElement;
    for (const f of SLIDERS) {
      const input = this.inputs.get(f.key)!;
      if (input === busy) continue;
      input.value = String(s[f.key]);
      this.outputs.get(f.key)!.textContent = `${s[f.key].toFixed(f.digits)} ${f.unit}`;
    }
    const auto = this.inputs.get('playoutAuto')!;
    const delay = this.inputs.get('playoutDelayMs')!;
    if (auto !== busy && delay !== busy) {
      auto.checked = s.playoutDelayMs === null;
      delay.disabled = auto.checked;
      delay.value = String(s.playoutDelayMs ?? playoutDelayMs);
      this.outputs.get('playoutDelayMs')!.textContent =
        s.playoutDelayMs === null
          ? `auto (${Math.round(playoutDelayMs)} ms)`
          : `${s.playoutDelayMs} ms`;
    }
    const max = this.inputs.get('maxPhones')!;
    if (max !== busy) max.value = String(s.maxPhones);
    const banner = this.inputs.get('showBanner')!;
    if (banner !== busy) banner.checked = s.showBanner;
    const names = this.inputs.get('names')!;
    if (names !== busy) names.value = s.names;
    const idle = this.inputs.get('idlePlaceMs')!;
    if (idle !== busy) idle.value = String(s.idlePlaceMs / 60_000);
  }

  /** Minutes without a move before a phone's place is freed (main/hub/phone-admission.ts). */
  private addIdlePlace(form: HTMLElement): void {
    const idle = h('input', {
      type: 'number',
      min: 0,
      max: 1440,
      step: 0.5,
      id: 'set-idlePlaceMs',
    });
    idle.addEventListener('change', () => {
      const minutes = Number(idle.value);
      if (!Number.isFinite(minutes) || minutes < 0 || minutes > 1440) return;
      // The hub takes 0 (off) or at least 10 s.
      const ms = minutes === 0 ? 0 : Math.max(10_000, Math.round(minutes * 60_000));
      this.queue({ idlePlaceMs: ms });
    });
    this.inputs.set('idlePlaceMs', idle);
    form.append(
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'name' }, 'Free idle places'),
        idle,
        h('output', {}, 'min without a move (0 = never)'),
      ),
    );
  }

  /** Merges changes and sends at most every SEND_EVERY_MS, so a dragged slider stays live. */
  private queue(patch: Patch): void {
    this.pending = { ...this.pending, ...patch };
    const wait = this.lastSent + SEND_EVERY_MS - performance.now();
    if (wait <= 0) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending) return;
    this.lastSent = performance.now();
    const patch = this.pending;
    this.pending = null;
    this.send(patch);
  }
}
