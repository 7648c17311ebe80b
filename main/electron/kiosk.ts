/**
 * Kiosk input rules. A screen window swallows every key combination that could leave the wall
 * (close, quit, reload, devtools, fullscreen toggles, menus), except the operator chord, which the
 * shell turns into "show the operator console" (hub) or "leave kiosk on this window" (screen).
 */
import type { Input } from 'electron';

export interface Chord {
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** Lower-case key name as in Input.key ('o', 'f9'). */
  key: string;
}

/** Parses an Electron-style accelerator ("Control+Alt+Shift+O"); validated by the config schema. */
export function parseChord(
  accelerator: string,
  platform: NodeJS.Platform = process.platform,
): Chord {
  const parts = accelerator.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const chord: Chord = { control: false, alt: false, shift: false, meta: false, key };
  for (const part of parts) {
    switch (part.toLowerCase()) {
      case 'control':
      case 'ctrl':
        chord.control = true;
        break;
      case 'alt':
        chord.alt = true;
        break;
      case 'shift':
        chord.shift = true;
        break;
      case 'meta':
      case 'super':
      case 'command':
      case 'cmd':
        chord.meta = true;
        break;
      case 'commandorcontrol':
      case 'cmdorctrl':
        if (platform === 'darwin') chord.meta = true;
        else chord.control = true;
        break;
    }
  }
  return chord;
}

export function matchesChord(input: Input, chord: Chord): boolean {
  return (
    input.type === 'keyDown' &&
    input.key.toLowerCase() === chord.key &&
    input.control === chord.control &&
    input.alt === chord.alt &&
    input.shift === chord.shift &&
    input.meta === chord.meta
  );
}

/**
 * Keys a kiosk window must not pass on: anything with Control, Alt or Meta held (Alt+F4, Ctrl+W,
 * Cmd+Q, Ctrl+R, Ctrl+Shift+I, Alt menu access…), the function keys (F11 fullscreen, F12
 * devtools, F5 reload), Escape (leaves fullscreen) and Tab. Plain typing reaches the page.
 */
export function isKioskEscape(input: Input): boolean {
  if (input.control || input.alt || input.meta) return true;
  if (/^F\d{1,2}$/.test(input.key)) return true;
  return (
    input.key === 'Escape' || input.key === 'Tab' || input.key === 'Alt' || input.key === 'Meta'
  );
}
