/**
 * The full-screen pairing view: the code in digits a tenth of the display high (readable across
 * a room) and one sentence saying what to do; or why this screen refuses the hub it found.
 * Above everything else the screen draws; gone once the screen is live.
 */
import { pairingStrings, spacedCode, type PairingStrings } from './pairing-strings';

export type PairingViewState =
  | { kind: 'hidden' }
  | { kind: 'waiting' }
  | { kind: 'code'; code: string }
  | { kind: 'refused'; text: string };

export class PairingView {
  private readonly root: HTMLElement;
  private readonly codeEl: HTMLElement;
  private readonly textEl: HTMLElement;
  private readonly words: PairingStrings;
  state: PairingViewState = { kind: 'hidden' };

  constructor(parent: HTMLElement, languages: readonly string[]) {
    this.words = pairingStrings(languages);
    this.root = document.createElement('div');
    this.root.id = 'pairing';
    Object.assign(this.root.style, {
      position: 'fixed',
      inset: '0',
      zIndex: '1000',
      display: 'none',
      flexDirection: 'column',
      alignItems: 'center',
      justifyContent: 'center',
      gap: '4vh',
      background: '#0b1020',
      color: '#fff',
      fontFamily: 'system-ui, sans-serif',
      textAlign: 'center',
      padding: '5vw',
    });
    this.codeEl = document.createElement('div');
    this.codeEl.className = 'pairing-code';
    Object.assign(this.codeEl.style, {
      fontSize: '18vh',
      fontWeight: '700',
      letterSpacing: '0.08em',
      fontVariantNumeric: 'tabular-nums',
      lineHeight: '1',
    });
    this.textEl = document.createElement('div');
    this.textEl.className = 'pairing-text';
    Object.assign(this.textEl.style, { fontSize: '4.5vh', maxWidth: '80vw', lineHeight: '1.3' });
    this.root.append(this.codeEl, this.textEl);
    parent.append(this.root);
  }

  show(state: PairingViewState): void {
    this.state = state;
    this.root.style.display = state.kind === 'hidden' ? 'none' : 'flex';
    this.root.dataset.state = state.kind;
    this.codeEl.textContent = state.kind === 'code' ? spacedCode(state.code) : '';
    this.textEl.textContent =
      state.kind === 'code'
        ? this.words.admit(spacedCode(state.code).replace(' ', '\u00a0')) // never split a code
        : state.kind === 'waiting'
          ? this.words.waiting
          : state.kind === 'refused'
            ? state.text
            : '';
  }

  get otherHubText(): string {
    return this.words.otherHub;
  }
}
