import { stems } from '../text/stemmer.js';
import { synonymsOf } from '../text/synonyms.js';
import { deletes1, editDistance } from './edit-distance.js';
import type { SearchDoc } from './search.types.js';

/** Field weights: a match in the question itself counts more than one in the answer text. */
export const FIELD_WEIGHTS = { title: 3, alternatives: 2.6, tags: 2, body: 1 } as const;
const MAX_FIELD_WEIGHT = FIELD_WEIGHTS.title;

/** How much an expanded term counts compared with the exact stem. */
export const EXPANSION_WEIGHTS = { exact: 1, synonym: 0.85, typo: 0.75, prefix: 0.6, compound: 0.55 } as const;

const MIN_TYPO_LEN = 4;
/** Endings the stemmer leaves on some nouns (definite singular and plural). */
const INFLECTION_ENDINGS = ['erne', 'ene', 'en', 'et', 'er', 'n'];
const MIN_PREFIX_LEN = 4;
const MAX_PREFIX_EXPANSIONS = 24;

interface Posting {
  docs: number[];
  /** Best field weight of the term in each doc, normalised to [0, 1]. */
  weights: number[];
  /** BM25F term factor in each doc (field-weighted frequency, saturated, length-normalised). */
  bm25: number[];
}

/** BM25 parameters: term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.5;

export interface Expansion {
  term: string;
  weight: number;
}

/**
 * Inverted index over Danish stems with typo (SymSpell-style deletes), prefix, compound and
 * synonym expansion. It selects candidates cheaply so fuse.js only re-ranks a handful.
 */
export class TermIndex {
  readonly size: number;
  private readonly postings = new Map<string, Posting>();
  private readonly vocabulary: string[];
  private readonly deleteMap = new Map<string, string[]>();
  private readonly scores: Float64Array;
  private readonly termBest: Float64Array;
  private readonly bmScores: Float64Array;
  private readonly termBm: Float64Array;

  constructor(docs: readonly SearchDoc[]) {
    this.size = docs.length;
    const lengths: number[] = [];
    docs.forEach((doc, i) => {
      const best = new Map<string, number>();
      const tf = new Map<string, number>();
      let length = 0;
      const add = (text: string, w: number) => {
        for (const s of stems(text)) {
          if ((best.get(s) ?? 0) < w) best.set(s, w);
          tf.set(s, (tf.get(s) ?? 0) + w);
          length += w;
        }
      };
      add(doc.body, FIELD_WEIGHTS.body);
      add(doc.tags.join(' '), FIELD_WEIGHTS.tags);
      add(doc.alternatives.join(' . '), FIELD_WEIGHTS.alternatives);
      add(doc.title, FIELD_WEIGHTS.title);
      lengths.push(length);
      for (const [s, w] of best) {
        let p = this.postings.get(s);
        if (!p) this.postings.set(s, (p = { docs: [], weights: [], bm25: [] }));
        p.docs.push(i);
        p.weights.push(w / MAX_FIELD_WEIGHT);
        p.bm25.push(tf.get(s)!);
      }
    });
    const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(lengths.length, 1);
    for (const p of this.postings.values()) {
      for (let k = 0; k < p.docs.length; k++) {
        const f = p.bm25[k]!;
        p.bm25[k] = (f * (K1 + 1)) / (f + K1 * (1 - B + (B * lengths[p.docs[k]!]!) / avgLength));
      }
    }
    this.vocabulary = [...this.postings.keys()].sort();
    for (const term of this.vocabulary) {
      if (term.length < MIN_TYPO_LEN) continue;
      for (const d of deletes1(term)) {
        const list = this.deleteMap.get(d);
        if (list) list.push(term);
        else this.deleteMap.set(d, [term]);
      }
    }
    this.scores = new Float64Array(docs.length);
    this.termBest = new Float64Array(docs.length);
    this.bmScores = new Float64Array(docs.length);
    this.termBm = new Float64Array(docs.length);
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Inverse document frequency; unknown terms count as the rarest possible. */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + this.size / Math.max(df, 1));
  }

  /** Index terms a query stem should match, each with how much it counts. */
  expand(q: string): Expansion[] {
    const out = new Map<string, number>();
    const put = (term: string, weight: number) => {
      if (this.postings.has(term) && (out.get(term) ?? 0) < weight) out.set(term, weight);
    };
    put(q, EXPANSION_WEIGHTS.exact);
    for (const s of synonymsOf(q)) put(s, EXPANSION_WEIGHTS.synonym);
    // The stemmer keeps some definite and plural endings ("videoen", "stuen"): the bare noun is the same word.
    for (const end of INFLECTION_ENDINGS) {
      if (q.endsWith(end) && q.length - end.length >= 3) put(q.slice(0, -end.length), EXPANSION_WEIGHTS.synonym);
    }
    if (q.length >= MIN_PREFIX_LEN) {
      let i = lowerBound(this.vocabulary, q);
      for (let n = 0; i < this.vocabulary.length && n < MAX_PREFIX_EXPANSIONS; i++, n++) {
        const t = this.vocabulary[i]!;
        if (!t.startsWith(q)) break;
        put(t, EXPANSION_WEIGHTS.prefix);
      }
    }
    if (!this.postings.has(q) && q.length >= MIN_TYPO_LEN) {
      // A typo in a short word is more likely a different word ("maan" vs "maal"), so it counts less.
      const typoWeight = EXPANSION_WEIGHTS.typo * (q.length <= 4 ? 0.6 : q.length <= 6 ? 0.85 : 1);
      for (const t of this.typoCandidates(q)) put(t, typoWeight);
      if (q.length >= 7) {
        for (let cut = 3; cut <= q.length - 3; cut++) {
          const head = q.slice(0, cut);
          const tail = q.slice(cut);
          if (this.postings.has(head) && this.postings.has(tail)) {
            put(head, EXPANSION_WEIGHTS.compound);
            put(tail, EXPANSION_WEIGHTS.compound);
          }
        }
      }
    }
    for (const s of [...out.keys()]) if (s !== q) for (const syn of synonymsOf(s)) put(syn, EXPANSION_WEIGHTS.synonym * (out.get(s) ?? 0));
    return [...out].map(([term, weight]) => ({ term, weight }));
  }

  private typoCandidates(q: string): Set<string> {
    const found = new Set<string>();
    // Short words get one typo, long words two: "vejr" must not match "ved", "supportberretiget" should match.
    const max = q.length >= 8 ? 2 : 1;
    const consider = (list: readonly string[] | undefined) => {
      for (const t of list ?? []) if (!found.has(t) && editDistance(q, t, max) <= max) found.add(t);
    };
    consider(this.deleteMap.get(q));
    for (const d of deletes1(q)) {
      if (this.postings.has(d) && d.length >= MIN_TYPO_LEN) found.add(d);
      consider(this.deleteMap.get(d));
    }
    return found;
  }

  /**
   * Score documents for the query stems and return the `limit` best by BM25F. Each result also
   * carries coverage = matched IDF mass / total IDF mass of the query, in [0, 1], which is what
   * the confidence is built on (BM25 is unbounded).
   */
  match(queryStems: readonly string[], limit: number, expanded?: Map<string, Expansion[]>): TermMatch[] {
    const unique = [...new Set(queryStems)];
    if (unique.length === 0 || this.size === 0) return [];
    const touched: number[] = [];
    let totalIdf = 0;
    for (const q of unique) {
      const expansions = this.expand(q);
      expanded?.set(q, expansions);
      let idf = this.idf(q);
      if (!this.postings.has(q) && expansions.length) idf = Math.max(...expansions.map((e) => this.idf(e.term)));
      totalIdf += idf;
      const termTouched: number[] = [];
      for (const { term, weight } of expansions) {
        const p = this.postings.get(term)!;
        for (let k = 0; k < p.docs.length; k++) {
          const d = p.docs[k]!;
          if (this.termBest[d] === 0) termTouched.push(d);
          const v = weight * p.weights[k]!;
          if (v > this.termBest[d]!) this.termBest[d] = v;
          const bm = weight * p.bm25[k]!;
          if (bm > this.termBm[d]!) this.termBm[d] = bm;
        }
      }
      for (const d of termTouched) {
        if (this.scores[d] === 0) touched.push(d);
        this.scores[d]! += idf * this.termBest[d]!;
        this.bmScores[d]! += idf * this.termBm[d]!;
        this.termBest[d] = 0;
        this.termBm[d] = 0;
      }
    }
    const results: TermMatch[] = touched.map((d) => ({ doc: d, coverage: this.scores[d]! / totalIdf, bm25: this.bmScores[d]! }));
    for (const d of touched) {
      this.scores[d] = 0;
      this.bmScores[d] = 0;
    }
    return topK(results, limit);
  }
}

export interface TermMatch {
  doc: number;
  coverage: number;
  bm25: number;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k best by BM25F (ties by doc order), in one pass without sorting everything. */
function topK(items: readonly TermMatch[], k: number): TermMatch[] {
  const best: TermMatch[] = [];
  const better = (a: TermMatch, b: TermMatch) => a.bm25 > b.bm25 || (a.bm25 === b.bm25 && a.doc < b.doc);
  for (const item of items) {
    if (best.length === k && !better(item, best[k - 1]!)) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && better(item, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
  }
  return best;
}
