/**
 * The profanity filter for names drawn on the wall. @2toad/profanity (maintained; en de es fr it
 * pt ja zh) matches whole words, so "Scunthorpe" or "Arsenal" pass; the LDNOOBW lists of
 * naughty-words add Dutch (which the library lacks) and human-made Japanese and Chinese words
 * (the library's are machine translations of the English list). Chinese and Japanese have no
 * spaces between words, so those are matched inside a name, not only as whole words.
 * A profane word is masked, not dropped: "Fuck Ada" → "F*** Ada", so the operator and the
 * audience can see a name was there. Evasions by case, full-width letters, simple leet
 * (f4ck, 5h1t, @ss) and stretched letters (fuuuuck) are caught; spelled-out ones (f.u.c.k,
 * f u c k) are not: the operator's approval mode is the answer to a determined crowd.
 */
import { createRequire } from 'node:module';
import type { Profanity as ProfanityClass } from '@2toad/profanity';

const require = createRequire(import.meta.url);
const { Profanity } = require('@2toad/profanity') as { Profanity: typeof ProfanityClass };
/** The library's own lists, by language (its package has no exports map: this path is stable). */
const builtInWords = (
  require('@2toad/profanity/dist/data') as { profaneWords: Map<string, string[]> }
).profaneWords;
const naughty = (lang: string): string[] => require(`naughty-words/${lang}.json`) as string[];

/**
 * Entries of the LDNOOBW Dutch list that are ordinary words or first names, which a wall of
 * names would mask for nothing (Anita, "asbak" ashtray, "pot", "muts" hat, "schatje" darling…).
 */
const NL_NOT_PROFANE = new Set([
  'anita', 'asbak', 'balen', 'bekken', 'beurt', 'del', 'gat', 'griet', 'hol', 'johny', 'knor',
  'matje', 'muts', 'naakt', 'paal', 'palen', 'poot', 'pot', 'schatje', 'spuiten', 'standje',
  'stootje', 'toeter', 'watje', 'zuigen', 'zaadje', 'kanen', 'boemelen', 'buffelen', 'slempen',
  'raaskallen', 'reutelen', 'remsporen', 'vergallen', 'engerd', 'sufferd', 'dombo', 'klojo',
]); // prettier-ignore

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

interface Filters {
  /** Whole words, ASCII word boundaries: fast, and never misses what `exact` finds. */
  quick: ProfanityClass;
  /** Whole words, Unicode word boundaries ("culo" is not a word of "vehículo"): slow, rare. */
  exact: ProfanityClass;
  /** CJK words anywhere in the name. */
  cjk: ProfanityClass;
}

function buildFilters(): Filters {
  // The library's ja and zh lists are machine translations of its English one ("ログイン" login,
  // "ベスト" best, "质量" quality): they would mask innocent names, so CJK comes from LDNOOBW.
  const languages = ['en', 'de', 'es', 'fr', 'it', 'pt'];
  const dutch = naughty('nl').filter((w) => !NL_NOT_PROFANE.has(w));
  const wordFilter = (unicodeWordBoundaries: boolean): ProfanityClass => {
    const f = new Profanity({ languages, wholeWord: true, unicodeWordBoundaries });
    f.addWords(dutch);
    return f;
  };
  // Only human-listed CJK words of two characters or more (a single 乳 is in 牛乳, milk).
  const cjk = new Profanity({ languages: ['ja'], wholeWord: false, unicodeWordBoundaries: true });
  cjk.removeWords([...(builtInWords.get('ja') ?? [])]);
  cjk.addWords(
    [...naughty('ja'), ...naughty('zh')].filter((w) => CJK.test(w) && [...w].length >= 2),
  );
  return { quick: wordFilter(false), exact: wordFilter(true), cjk };
}

let filters: ReturnType<typeof buildFilters> | null = null;

/** Leet digits and symbols read as the letters they stand for (same length: positions hold). */
const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's',
  '!': 'i', '|': 'i', '€': 'e',
}; // prettier-ignore

/** The spellings of `text` the filter checks: as typed, leet read as letters, stretches shrunk. */
function variants(text: string): string[] {
  const plain = text.normalize('NFKC').toLowerCase();
  const leet = plain.replace(/[0134578@$!|€]/g, (c) => LEET[c] ?? c);
  const out = new Set([plain, leet]);
  for (const v of [plain, leet]) {
    out.add(v.replace(/(\p{L})\1{2,}/gu, '$1')); // fuuuuck → fuck
    out.add(v.replace(/(\p{L})\1{2,}/gu, '$1$1')); // asssss → ass
  }
  return [...out];
}

function isProfane(text: string): boolean {
  filters ??= buildFilters();
  // One pass over every spelling at once: a line break is a word boundary, and no listed
  // phrase has one, so nothing matches across two spellings.
  const all = variants(text).join('\n');
  if (filters.cjk.exists(all)) return true;
  return filters.quick.exists(all) && filters.exact.exists(all);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** "Fuck" → "F***"; words of three graphemes or fewer (and CJK ones) are all stars. */
function maskWord(word: string): string {
  const g = Array.from(graphemes.segment(word), (s) => s.segment);
  if (g.length >= 4 && !CJK.test(word)) return g[0] + '*'.repeat(g.length - 1);
  return '*'.repeat(g.length);
}

/** Recent answers, so a crowd rejoining with the same names costs one lookup each. */
const cache = new Map<string, string>();
const CACHE_SIZE = 1024;

/**
 * The name as the wall may show it: unchanged when clean, else each profane word masked (every
 * word when only the whole name is profane, as in a phrase). `name` is already sanitized
 * (flags.ts: one line, ≤ 24 graphemes), so the work per call is bounded.
 */
export function maskName(name: string): string {
  if (name === '') return '';
  const known = cache.get(name);
  if (known !== undefined) return known;
  let masked = name;
  if (isProfane(name)) {
    const parts = name.split(' ');
    const hits = parts.map(isProfane);
    const any = hits.some(Boolean);
    masked = parts.map((w, i) => (!any || hits[i] ? maskWord(w) : w)).join(' ');
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(name, masked);
  return masked;
}
