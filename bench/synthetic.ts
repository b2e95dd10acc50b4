import type { SearchDoc } from '../src/search/search.types.js';

/** Small deterministic PRNG (mulberry32) so every run builds the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ne', 'bo', 'ri', 'sta', 'ler', 'un', 'der', 'for', 'vi', 'ge', 'lse', 'hed', 'mo', 'tra', 'sk', 'ø', 'æl', 'å', 'ven', 'gen', 'ing', 'ter', 'pa', 'lu'];
const REAL_WORDS = [
  'adgangskode', 'printer', 'netværk', 'forbindelse', 'besked', 'forælder', 'medarbejder', 'kalender', 'billede', 'login',
  'fejl', 'skole', 'dagtilbud', 'kommune', 'institution', 'gruppe', 'samtykke', 'notifikation', 'app', 'telefon',
];

/** Synthetic Danish-like FAQ entries: 6–9-word titles, 30–60-word bodies, Zipf-distributed words. */
export function syntheticDocs(n: number, seed = 42, vocabularySize = 30_000): SearchDoc[] {
  const rnd = prng(seed);
  const vocab: string[] = [];
  const seen = new Set<string>();
  while (vocab.length < vocabularySize) {
    const len = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < len; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      vocab.push(w);
    }
  }
  // Zipf: rank r chosen with probability ∝ 1/r, sampled through the cumulative table.
  const cumulative = new Float64Array(vocab.length);
  let sum = 0;
  for (let r = 0; r < vocab.length; r++) cumulative[r] = sum += 1 / (r + 1);
  const word = () => {
    if (rnd() < 0.05) return REAL_WORDS[Math.floor(rnd() * REAL_WORDS.length)]!;
    const x = rnd() * sum;
    let lo = 0;
    let hi = vocab.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  const sentence = (min: number, max: number) => Array.from({ length: min + Math.floor(rnd() * (max - min + 1)) }, word).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    id: `syn-${i}`,
    title: `${sentence(6, 9)}?`,
    alternatives: [],
    tags: [word(), word()],
    body: sentence(30, 60),
  }));
}
