/** A searchable document: one FAQ entry, already flattened to its text fields. */
export interface SearchDoc {
  id: string;
  title: string;
  alternatives: readonly string[];
  tags: readonly string[];
  body: string;
}

/** One ranked result. `score` is the calibrated confidence in [0, 1]. */
export interface SearchHit {
  id: string;
  score: number;
  /** Share of the query's (IDF-weighted) terms the document matched, in [0, 1]. */
  coverage: number;
  /** Fuzzy similarity (fuse.js) of the query to the best title/alternative, in [0, 1]. */
  phrase: number;
}

export interface SearchOptions {
  /** How many candidates the stem filter hands to fuse.js for re-ranking. */
  candidates: number;
  /** Weight of term coverage in the confidence. */
  coverageWeight: number;
  /** Weight of BM25F relative to the best candidate (scaled by coverage); the rest is phrase similarity. */
  bm25Weight: number;
  /** How phrase similarity is measured: fuse.js Bitap over stemmed phrasings, or term F1. */
  phrase: 'fuse' | 'terms';
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { candidates: 12, coverageWeight: 0.5, bm25Weight: 0.2, phrase: 'terms' };
