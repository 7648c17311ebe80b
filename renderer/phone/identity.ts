/**
 * What a phone remembers about itself. The resume token lives in sessionStorage: a reload keeps
 * the same flag on the wall, a new tab is a new phone. A flag the user picked is kept in
 * localStorage so it survives closing the tab. Storage can be unavailable (private modes): then
 * we simply forget.
 */
const RESUME_KEY = 'flagwall.resume';
const FLAG_KEY = 'flagwall.flag';

function get(store: () => Storage, key: string): string | undefined {
  try {
    return store().getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function set(store: () => Storage, key: string, value: string): void {
  try {
    store().setItem(key, value);
  } catch {
    /* storage unavailable: identity lasts as long as the page */
  }
}

export const identity = {
  resume: (): string | undefined => get(() => sessionStorage, RESUME_KEY),
  saveResume: (token: string): void => set(() => sessionStorage, RESUME_KEY, token),
  chosenFlag: (): string | undefined => get(() => localStorage, FLAG_KEY),
  saveChosenFlag: (code: string): void => set(() => localStorage, FLAG_KEY, code),
};
