/** Tiny DOM helpers for the console: elements from tag, props and children; no framework. */
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string | number | boolean | EventListener>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'class') {
      el.className = String(value);
    } else if (key in el && key !== 'list' && key !== 'style') {
      (el as unknown as Record<string, unknown>)[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

const filledWith = new WeakMap<Element, string>();

/**
 * Like `fill`, but only when `key` (what the children show) differs from the last call's for
 * this element; returns whether it filled. The hub pushes a fresh state twice a second, and a
 * button swapped for an identical one between press and release gets no click at all.
 */
export function fillIfChanged(el: Element, key: string, children: () => Child[]): boolean {
  if (filledWith.get(el) === key) return false;
  filledWith.set(el, key);
  fill(el, ...children());
  return true;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`console page is missing #${id}`);
  return el as T;
};

/** "3 s ago", "2 min ago": how long since, for humans. */
export function ago(ms: number | null): string {
  if (ms === null) return 'never';
  if (ms < 1500) return 'now';
  if (ms < 90_000) return `${Math.round(ms / 1000)} s ago`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min ago`;
  return `${Math.round(ms / 3_600_000)} h ago`;
}

/** A number with a unit, or an honest dash when unknown. */
export const num = (v: number | null | undefined, digits: number, unit = ''): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(digits)}${unit}`;
