/**
 * "That's me": rings that pulse around one phone's flag and follow it as it moves, when the phone
 * joins or asks to be located. DOM rings over the canvas, positioned every frame from the view.
 */
import type { Slice } from '../../shared/geometry/slice';
import type { SceneView } from '../../shared/scene/store';
import { wallToViewport } from './wall-frame';

/** How long one pulse lasts once its flag is on screen, ms. */
export const PULSE_MS = 2600;
/** A pulse whose flag never shows up (it has not moved yet, or is on another screen) expires. */
export const PULSE_WAIT_MS = 30_000;

interface Pulse {
  id: number;
  /** Counting starts when the flag is first seen, so a join pulse is not spent off-screen. */
  until: number | null;
  expires: number;
  el: HTMLElement;
}

export class PulseLayer {
  private readonly pulses = new Map<number, Pulse>();
  /** Phone ids pulsed so far (tests read this). */
  readonly log: { id: number; at: number }[] = [];

  constructor(private readonly parent: HTMLElement) {}

  pulse(id: number, now: number): void {
    this.log.push({ id, at: now });
    if (this.log.length > 100) this.log.shift();
    const existing = this.pulses.get(id);
    if (existing) {
      existing.until = null;
      existing.expires = now + PULSE_WAIT_MS;
      return;
    }
    const el = document.createElement('div');
    el.className = 'pulse';
    el.append(document.createElement('span'), document.createElement('span'));
    el.hidden = true;
    this.parent.append(el);
    this.pulses.set(id, { id, until: null, expires: now + PULSE_WAIT_MS, el });
  }

  /** Called every frame: moves rings to their flags, removes finished ones. */
  frame(view: SceneView, slice: Slice, flagSize: number, now: number): void {
    if (this.pulses.size === 0) return;
    const w = window.innerWidth;
    const h = window.innerHeight;
    // Flags are flagSize wall heights wide, centred on the cursor.
    const size = Math.max(60, (flagSize / slice.h) * h * 1.7);
    for (const p of this.pulses.values()) {
      const c = view.cursors.find((x) => x.id === p.id);
      if (now > (p.until ?? p.expires)) {
        p.el.remove();
        this.pulses.delete(p.id);
        continue;
      }
      if (!c) {
        p.el.hidden = true;
        continue;
      }
      p.until ??= now + PULSE_MS;
      const [x, y] = wallToViewport(slice, w, h, c.x, c.y);
      p.el.hidden = false;
      p.el.style.width = p.el.style.height = `${size}px`;
      p.el.style.transform = `translate(${x - size / 2}px, ${y - size / 2}px)`;
    }
  }
}
