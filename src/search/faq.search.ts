import Fuse from 'fuse.js';
import { MAX_QUERY_CHARS } from '../text/normalize.js';
import { stems } from '../text/stemmer.js';
import { TermIndex, type Expansion } from './term.index.js';
import { DEFAULT_SEARCH_OPTIONS, type SearchDoc, type SearchHit, type SearchOptions } from './search.types.js';

interface Phrase {
  doc: number;
  text: string;
  terms: string[];
}

/**
 * Danish FAQ search: a stem index picks candidates (fast, typo- and inflection-tolerant), then
 * fuse.js scores how closely the query resembles each candidate's question phrasings.
 */
export class FaqSearch {
  private readonly index: TermIndex;
  private readonly phrases: Phrase[][];
  private readonly options: SearchOptions;

  constructor(private readonly docs: readonly SearchDoc[], options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    this.index = new TermIndex(docs);
    this.phrases = docs.map((d, i) =>
      [d.title, ...d.alternatives].map((p) => {
        const terms = [...new Set(stems(p))];
        return { doc: i, text: terms.join(' '), terms };
      }).filter((p) => p.terms.length > 0),
    );
  }

  get size(): number {
    return this.docs.length;
  }

  /** Best matches for a free-text question, most confident first. Never throws on odd input. */
  search(query: string, limit = 5): SearchHit[] {
    const queryStems = stems(String(query).slice(0, MAX_QUERY_CHARS));
    if (queryStems.length === 0) return [];
    const expanded = new Map<string, Expansion[]>();
    const candidates = this.index.match(queryStems, Math.max(limit, this.options.candidates), expanded);
    if (candidates.length === 0) return [];
    const phraseScore = this.options.phrase === 'fuse' ? this.phraseSimilarity(queryStems.join(' '), candidates.map((c) => c.doc)) : this.termOverlap(expanded, candidates.map((c) => c.doc));
    const { coverageWeight: wc, bm25Weight: wb } = this.options;
    const maxBm = Math.max(...candidates.map((c) => c.bm25));
    return candidates
      .map(({ doc, coverage, bm25 }) => {
        const phrase = phraseScore.get(doc) ?? 0;
        const relative = maxBm > 0 ? bm25 / maxBm : 0;
        // Confidence mixes absolute evidence (coverage, phrase) with rank among candidates (BM25F).
        return { id: this.docs[doc]!.id, coverage, phrase, score: wc * coverage + wb * relative * coverage + (1 - wc - wb) * phrase };
      })
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }

  /** Best F1 of query terms (with their expansions) against each candidate's phrasings. */
  private termOverlap(expanded: ReadonlyMap<string, Expansion[]>, docs: readonly number[]): Map<number, number> {
    // term → [query term index, weight] pairs, built once per query to keep the inner loop allocation-free.
    const byTerm = new Map<string, number[]>();
    let qi = 0;
    for (const list of expanded.values()) {
      for (const e of list) {
        const pairs = byTerm.get(e.term);
        if (pairs) pairs.push(qi, e.weight);
        else byTerm.set(e.term, [qi, e.weight]);
      }
      qi++;
    }
    const queryCount = Math.max(qi, 1);
    const best = new Float64Array(queryCount);
    const out = new Map<number, number>();
    for (const d of docs) {
      let top = 0;
      for (const p of this.phrases[d] ?? []) {
        best.fill(0);
        let hits = 0;
        for (const t of p.terms) {
          const pairs = byTerm.get(t);
          if (!pairs) continue;
          hits++;
          for (let k = 0; k < pairs.length; k += 2) if (pairs[k + 1]! > best[pairs[k]!]!) best[pairs[k]!] = pairs[k + 1]!;
        }
        if (hits === 0) continue;
        let recall = 0;
        for (let k = 0; k < queryCount; k++) recall += best[k]!;
        recall /= queryCount;
        const precision = hits / p.terms.length;
        const f1 = (2 * recall * precision) / (recall + precision);
        if (f1 > top) top = f1;
      }
      out.set(d, top);
    }
    return out;
  }

  private phraseSimilarity(queryText: string, docs: readonly number[]): Map<number, number> {
    const list = docs.flatMap((d) => this.phrases[d] ?? []);
    const fuse = new Fuse(list, { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 1, shouldSort: false });
    const best = new Map<number, number>();
    for (const r of fuse.search(queryText.slice(0, 64))) {
      const sim = 1 - (r.score ?? 1);
      if (sim > (best.get(r.item.doc) ?? 0)) best.set(r.item.doc, sim);
    }
    return best;
  }
}
