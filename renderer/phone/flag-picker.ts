/**
 * The phone's flag picker and "locate me": a flag button opens a sheet of every country, named in
 * the phone's own language (Intl.DisplayNames) and searchable; one tap picks and closes. An
 * optional short name goes under the flag on the wall. "Locate me" makes this phone's flag pulse.
 * Flag images load lazily, so opening the sheet costs only what is on screen.
 */
import { FALLBACK_FLAG, flagUrl } from '../common/flags';
import { flagNamer } from './flag-names';
import type { PhoneStrings } from './i18n';
import { SHORT_NAME_MAX, sanitizeShortName } from './short-name';

/** ISO 3166-1 alpha-2 codes with art in flag-icons (plus a few it also draws, e.g. xk). */
const CODES = (
  'ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br ' +
  'bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ' +
  'ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw ' +
  'gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky ' +
  'kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv ' +
  'mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py ' +
  'qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg ' +
  'th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws xk ye yt za ' +
  'zm zw'
).split(' ');

export interface PickerHost {
  readonly flag: string;
  setFlag(code: string): void;
  setName(name: string): void;
  locate(): boolean;
}

export interface Country {
  code: string;
  name: string;
}

/** Every flag with its name in the given locale, sorted the way that locale sorts. */
export function countries(locale: string): Country[] {
  const name = flagNamer(locale);
  const list = CODES.map((code) => ({ code, name: name(code) }));
  const collator = new Intl.Collator(locale);
  list.sort((a, b) => collator.compare(a.name, b.name));
  return [{ code: FALLBACK_FLAG, name: name(FALLBACK_FLAG) }, ...list];
}

export class FlagPicker {
  private readonly button = el('button', 'flag-button');
  private readonly buttonFlag = document.createElement('img');
  private readonly locateButton = el('button', 'locate-button');
  private readonly sheet = el('div', 'picker');
  private readonly list = el('ul', 'picker-list');
  private readonly search = document.createElement('input');
  private readonly nameInput = document.createElement('input');
  private readonly toast = el('div', 'toast');
  private built = false;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    controls: HTMLElement,
    private readonly host: PickerHost,
    private readonly t: PhoneStrings,
    private readonly locale = navigator.language || 'en',
  ) {
    this.button.type = 'button';
    this.button.setAttribute('aria-label', t.changeLabel);
    this.buttonFlag.alt = '';
    this.button.append(this.buttonFlag, text('span', t.change));
    this.button.addEventListener('click', () => this.open());
    this.locateButton.type = 'button';
    this.locateButton.setAttribute('aria-label', t.findMeLabel);
    this.locateButton.append(text('span', t.findMe));
    this.locateButton.addEventListener('click', () => this.locate());
    controls.append(this.locateButton, this.button);
    this.sheet.hidden = true;
    this.sheet.setAttribute('role', 'dialog');
    this.sheet.setAttribute('aria-label', t.chooseFlag);
    document.body.append(this.sheet, this.toast);
    this.toast.hidden = true;
    this.showCurrent();
  }

  /** Keeps the button's flag in step with what the hub settled on. */
  showCurrent(): void {
    this.buttonFlag.src = flagUrl(this.host.flag);
  }

  open(): void {
    if (!this.built) this.build();
    this.sheet.hidden = false;
    this.markCurrent();
  }

  close(): void {
    this.sheet.hidden = true;
  }

  pick(code: string): void {
    this.host.setFlag(code);
    this.showCurrent();
    this.close();
    this.say(this.t.flagChanged);
  }

  private locate(): void {
    this.say(this.host.locate() ? this.t.pulsing : this.t.notConnected);
  }

  private say(message: string): void {
    this.toast.textContent = message;
    this.toast.hidden = false;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast.hidden = true), 2600);
  }

  private build(): void {
    this.built = true;
    const head = el('div', 'picker-head');
    const close = el('button', 'picker-close');
    close.type = 'button';
    close.textContent = this.t.done;
    close.addEventListener('click', () => this.close());
    head.append(text('h2', this.t.chooseFlag), close);

    const nameRow = el('form', 'picker-name');
    this.nameInput.type = 'text';
    // Room to type; sanitizeShortName collapses spaces first, then caps at SHORT_NAME_MAX.
    this.nameInput.maxLength = SHORT_NAME_MAX * 3;
    this.nameInput.placeholder = this.t.shortName;
    this.nameInput.setAttribute('autocomplete', 'nickname');
    this.nameInput.enterKeyHint = 'done';
    const save = el('button', 'picker-save');
    save.type = 'submit';
    save.textContent = this.t.setName;
    nameRow.append(this.nameInput, save);
    nameRow.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = sanitizeShortName(this.nameInput.value);
      this.nameInput.value = name;
      this.host.setName(name);
      this.nameInput.blur();
      this.say(name ? this.t.nameShown(name) : this.t.nameRemoved);
    });

    this.search.type = 'search';
    this.search.placeholder = this.t.search;
    this.search.className = 'picker-search';
    this.search.addEventListener('input', () => this.filter());

    const all = countries(this.locale);
    for (const c of all) {
      const li = document.createElement('li');
      const b = el('button', 'country');
      b.type = 'button';
      b.dataset.code = c.code;
      b.dataset.search = `${c.name} ${c.code}`.toLowerCase();
      const img = document.createElement('img');
      img.loading = 'lazy';
      img.alt = '';
      img.src = flagUrl(c.code);
      b.append(img, text('span', c.name));
      b.addEventListener('click', () => this.pick(c.code));
      li.append(b);
      this.list.append(li);
    }
    this.sheet.append(head, nameRow, this.search, this.list);
  }

  private filter(): void {
    const q = this.search.value.trim().toLowerCase();
    for (const li of this.list.children) {
      const b = li.firstElementChild as HTMLElement;
      (li as HTMLElement).hidden = q !== '' && !(b.dataset.search ?? '').includes(q);
    }
  }

  private markCurrent(): void {
    for (const b of this.list.querySelectorAll<HTMLElement>('.country'))
      b.classList.toggle('current', b.dataset.code === this.host.flag);
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

function text(tag: 'span' | 'h2', content: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = content;
  return e;
}
