/**
 * Every word the phone page shows, in one language. Functions where a number or a name goes in;
 * the compiler makes every language fill in every entry. `*word*` marks the word the hint shows
 * in bold (phone-view.ts), wherever the language puts it.
 */
export interface PhoneStrings {
  /** BCP 47 tag these strings are written in, for <html lang> and plural rules. */
  lang: string;
  status: {
    connecting: string;
    live: string;
    reconnecting: string;
    waiting: string;
    refused: string;
  };
  /** The hub closed this phone for good; `detail` is the hub's own reason (English), maybe ''. */
  refused(detail: string): string;
  /** The operator removed this phone's flag. */
  kicked: string;
  /** The operator banned this phone; `minutes` until it may return, null: the rest of the show. */
  banned(minutes: number | null): string;
  /** Closed for holding a place without moving; a button offers to rejoin. */
  idle: string;
  /** The rejoin button's label. */
  rejoin: string;
  /** The page speaks an older protocol than the hub. */
  outdated: string;
  lostForAMoment: string;
  /**
   * Closed for sending too much too fast (RATE_LIMITED); the page rejoins by itself after the
   * cooldown. `seconds` until then, as the hub told (null: it did not say).
   */
  rateLimited(seconds: number | null): string;
  /** Over capacity; `position` 0 means unknown. */
  full(position: number): string;
  /** `plural` is Intl.PluralRules(lang).select(n). */
  flagsOnWall(n: number, plural: Intl.LDMLPluralRule): string;
  /** Under the country name. */
  tagline: string;
  /** Under the little map of the wall. */
  youOnWall: string;
  hintDrag: string;
  hintTap: string;
  padLabel: string;
  change: string;
  changeLabel: string;
  findMe: string;
  findMeLabel: string;
  chooseFlag: string;
  done: string;
  shortName: string;
  setName: string;
  search: string;
  flagChanged: string;
  pulsing: string;
  notConnected: string;
  nameShown(name: string): string;
  nameRemoved: string;
}
