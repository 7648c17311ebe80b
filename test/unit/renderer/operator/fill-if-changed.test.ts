/**
 * The console's lists (phones with kick buttons, unplaced screens with place buttons) are redrawn
 * from every hub push; a button swapped out between press and release gets no click, so they are
 * rebuilt only when what they show changed.
 */
import { describe, expect, it } from 'vitest';
import { fillIfChanged } from '../../../../renderer/operator/dom';

/** Just what fill() touches, recording the children it is given; no DOM needed. */
function fakeElement(): { el: Element; children: unknown[]; fills: number } {
  const rec = { children: [] as unknown[], fills: 0 };
  const el = {
    replaceChildren: () => {
      rec.fills++;
      rec.children = [];
    },
    append: (c: unknown) => rec.children.push(c),
  } as unknown as Element;
  return Object.assign(rec, { el });
}

describe('fillIfChanged', () => {
  it('fills the first time, then again only when the key changes', () => {
    const list = fakeElement();
    let builds = 0;
    const build = (text: string) => () => (builds++, [text]);

    expect(fillIfChanged(list.el, '["a"]', build('a'))).toBe(true);
    expect(list.children).toEqual(['a']);
    // The same state pushed again: the children (and any button being pressed) stay.
    expect(fillIfChanged(list.el, '["a"]', build('a again'))).toBe(false);
    expect(list.children).toEqual(['a']);
    expect(builds).toBe(1);
    expect(list.fills).toBe(1);

    expect(fillIfChanged(list.el, '["b"]', build('b'))).toBe(true);
    expect(list.children).toEqual(['b']);
    expect(fillIfChanged(list.el, '["a"]', build('a'))).toBe(true); // back is a change too
    expect(list.fills).toBe(3);
  });

  it('keeps one key per element', () => {
    const phones = fakeElement();
    const screens = fakeElement();
    fillIfChanged(phones.el, 'k', () => ['phones']);
    expect(fillIfChanged(screens.el, 'k', () => ['screens'])).toBe(true);
    expect(screens.children).toEqual(['screens']);
    expect(fillIfChanged(phones.el, 'k', () => ['other'])).toBe(false);
  });
});
