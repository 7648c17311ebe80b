/**
 * Two-step buttons for destructive commands: the first click arms ("Confirm …?"), a second click
 * within a few seconds acts; otherwise it disarms. No modal dialogs on show night.
 */
import { h } from './dom';

export const ARM_MS = 4000;

export function confirmButton(
  label: string,
  question: string,
  act: () => void,
  cls = '',
): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls }, label);
  armOnClick(b, () => question, act);
  return b;
}

/** Makes an existing button two-step; `question` is read at click time (toggles change it). */
export function armOnClick(
  b: HTMLButtonElement,
  question: () => string | null,
  act: () => void,
): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let before = '';
  const disarm = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    b.classList.remove('armed');
    b.textContent = before;
  };
  b.addEventListener('click', () => {
    const q = question();
    if (q === null) return act(); // this direction needs no confirmation
    if (timer) {
      disarm();
      return act();
    }
    before = b.textContent ?? '';
    b.classList.add('armed');
    b.textContent = q;
    timer = setTimeout(disarm, ARM_MS);
  });
}
