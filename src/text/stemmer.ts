import { stemmer as danishStemmer } from '@orama/stemmers/danish';
import { stopwords as oramaStopwords } from '@orama/stopwords/danish';
import { fold, words } from './normalize.js';

/** Words that carry no meaning for FAQ matching (folded). */
const EXTRA_STOPWORDS = [
  'hvordan', 'hvornaar', 'hvilken', 'hvilke', 'hvorfor', 'hvem', 'kan', 'jeg', 'man', 'faa', 'gore', 'goer',
  'gør', 'gøre', 'få', 'aula', 'hej', 'tak', 'venligst', 'please', 'mon', 'lige', 'egentlig', 'saa', 'så',
  'naar', 'hvis', 'ogsaa', 'skal', 'skulle', 'maa', 'må', 'noget', 'nogen', 'gerne', 'bare', 'the',
];

export const STOPWORDS: ReadonlySet<string> = new Set([...oramaStopwords, ...EXTRA_STOPWORDS].map(fold));

const cache = new Map<string, string>();

/** Snowball Danish stem of one folded token, memoised (the vocabulary is small). */
export function stem(token: string): string {
  let s = cache.get(token);
  if (s === undefined) {
    s = token.length <= 3 || /^\d+$/.test(token) ? token : danishStemmer(token);
    if (cache.size > 200_000) cache.clear();
    cache.set(token, s);
  }
  return s;
}

/** Text → folded, stop-word-free stems in order (duplicates kept). */
export function stems(text: string, keepStopwords = false): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (!keepStopwords && STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}
