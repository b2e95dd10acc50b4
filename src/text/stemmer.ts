import { stemmer as danishStemmer } from '@orama/stemmers/danish';
import { stopwords as oramaStopwords } from '@orama/stopwords/danish';
import { danishWords, fold } from './normalize.js';

/** Words that carry no meaning for FAQ matching (folded). */
const EXTRA_STOPWORDS = [
  'hvordan', 'hvornaar', 'hvilken', 'hvilke', 'hvorfor', 'hvem', 'kan', 'jeg', 'man', 'faa', 'goer',
  'gør', 'gøre', 'få', 'hej', 'tak', 'venligst', 'please', 'mon', 'lige', 'egentlig', 'saa', 'så',
  'naar', 'hvis', 'ogsaa', 'skal', 'skulle', 'maa', 'må', 'noget', 'nogen', 'gerne', 'bare', 'the',
  'faar', 'får', 'fik', 'faaet', 'fået', 'kunne', 'kan', 'ville', 'vil', 'bliver', 'blev', 'hvad', 'hvem', 'der',
  'vores', 'jeres', 'mine', 'sin', 'os', 'vi', 'de', 'dem', 'nogle', 'stadig', 'altid', 'aldrig', 'ingen',
];

export const STOPWORDS: ReadonlySet<string> = new Set([...oramaStopwords, ...EXTRA_STOPWORDS].map(fold));

const cache = new Map<string, string>();

/** Folded Snowball Danish stem of one lowercase word (Danish letters or ASCII digraphs), memoised. */
export function stem(token: string): string {
  let s = cache.get(token);
  if (s === undefined) {
    const native = /[æøå]/.test(token) ? token : token.replace(/aa/g, 'å').replace(/ae/g, 'æ').replace(/oe/g, 'ø');
    s = fold(native.length <= 3 || /^\d+$/.test(native) ? native : danishStemmer(native));
    if (cache.size > 200_000) cache.clear();
    cache.set(token, s);
  }
  return s;
}

/** Text → folded, stop-word-free stems in order (duplicates kept). */
export function stems(text: string, keepStopwords = false): string[] {
  const out: string[] = [];
  for (const w of danishWords(text)) {
    if (!keepStopwords && STOPWORDS.has(fold(w))) continue;
    out.push(stem(w));
  }
  return out;
}
