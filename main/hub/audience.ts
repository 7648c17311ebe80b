/**
 * Who joined: counts by country (the flag the hub picked), language and operating system, and the
 * peak number of phones on the wall. Counted once per new phone (a resume is not a new join).
 * Nothing personal is kept: only the three labels, added to counters.
 */
import type { AudienceStats, OperatorStateMsg } from '../../shared/protocol/hub-messages';
import type { Hub } from './hub';
import { countWaiting } from './hub-queries';

/** Most phones listed in the console (newest first); the counts always cover all of them. */
const MAX_LISTED_PHONES = 500;

/** Operating system family from a User-Agent header. Order matters: iPadOS says "Macintosh". */
export function osFromUserAgent(ua: string | undefined): string {
  if (!ua) return 'unknown';
  if (/iPhone|iPad|iPod/.test(ua)) return 'iOS';
  if (/Android/.test(ua)) return 'Android';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Macintosh|Mac OS X/.test(ua)) return /Mobile\//.test(ua) ? 'iOS' : 'macOS';
  if (/Linux/.test(ua)) return 'Linux';
  return 'other';
}

/** What a screen runs: "flagwall 0.1.0 (Electron 45)" in the app, else the browser and version. */
export function versionFromUserAgent(ua: string | undefined): string {
  if (!ua) return 'unknown';
  const app = /flagwall\/([\w.-]+)/.exec(ua);
  const electron = /Electron\/(\d+)/.exec(ua);
  if (app) return `flagwall ${app[1]}${electron ? ` (Electron ${electron[1]})` : ''}`;
  if (electron) return `Electron ${electron[1]}`;
  // Most specific first: Edge and headless Chrome also say "Chrome", Chrome also says "Safari".
  for (const [token, name] of [
    ['Edg', 'Edge'],
    ['HeadlessChrome', 'HeadlessChrome'],
    ['Firefox', 'Firefox'],
    ['Chrome', 'Chrome'],
    ['Version', 'Safari'],
  ] as const) {
    const m = new RegExp(`\\b${token}/(\\d+)`).exec(ua);
    if (m) return `${name} ${m[1]}`;
  }
  return 'browser';
}

/** Primary language subtag of a BCP 47 tag or Accept-Language header ("de-CH,de;q=0.9" → "de"). */
export function languageOf(tag: string | undefined): string | null {
  const first = tag?.split(',')[0]?.split(';')[0]?.trim().split(/[-_]/)[0]?.toLowerCase();
  return first && /^[a-z]{2,3}$/.test(first) ? first : null;
}

export class Audience {
  private peak = 0;
  private joins = 0;
  private readonly byCountry = new Map<string, number>();
  private readonly byLanguage = new Map<string, number>();
  private readonly byOs = new Map<string, number>();

  /** A new phone: its flag, language tag (hello or Accept-Language) and User-Agent. */
  recordJoin(flag: string, lang: string | undefined, userAgent: string | undefined): void {
    this.joins++;
    bump(this.byCountry, flag);
    bump(this.byLanguage, languageOf(lang) ?? 'unknown');
    bump(this.byOs, osFromUserAgent(userAgent));
  }

  /** Remembers the highest number of phones on the wall at once. */
  observe(connected: number): void {
    if (connected > this.peak) this.peak = connected;
  }

  stats(connected: number, dozing: number, waiting: number): AudienceStats {
    this.observe(connected);
    return {
      connected,
      dozing,
      waiting,
      peak: this.peak,
      joins: this.joins,
      byCountry: Object.fromEntries(this.byCountry),
      byLanguage: Object.fromEntries(this.byLanguage),
      byOs: Object.fromEntries(this.byOs),
    };
  }
}

const bump = (m: Map<string, number>, key: string): void => {
  m.set(key, (m.get(key) ?? 0) + 1);
};

/** The console's phone list and audience counts, from the hub's phones and sessions. */
export function phonesAndAudience(
  hub: Hub,
  audience: Audience,
): Pick<OperatorStateMsg, 'phones' | 'audience'> {
  let connected = 0;
  let dozing = 0;
  const phones: OperatorStateMsg['phones'] = [];
  for (const p of hub.phones.values()) {
    if (p.dozing) dozing++;
    else connected++;
    phones.push({ id: p.id, flag: p.flag, name: p.name, dozing: p.dozing });
  }
  phones.sort((a, b) => b.id - a.id);
  return {
    phones: phones.slice(0, MAX_LISTED_PHONES),
    audience: audience.stats(connected, dozing, countWaiting(hub.sessions)),
  };
}
