/** A searchable document: one FAQ entry, already flattened to its text fields. */
export interface SearchDoc {
  id: string;
  title: string;
  alternatives: readonly string[];
  tags: readonly string[];
  body: string;
  /** The entry's category (`erfaringer` holds experiences from the roll-out, told in the past). */
  category?: string;
  /** Who the entry is written for (`parents`, `staff`, …); absent means everyone. */
  audience?: readonly string[];
  /** Phrasings the entry must not answer (front matter `not_for`, when the schema has it). */
  notFor?: readonly string[];
  /** The kinds of question the entry answers (front matter `asks`: hvem, hvornår, hvor-mange, hvordan, hvor, hvorfor, problem, ja-nej, hvad). */
  asks?: readonly string[];
}

/** One ranked result. `score` is the calibrated confidence in [0, 1]. */
export interface SearchHit {
  id: string;
  score: number;
  /** Share of the query's (IDF-weighted) terms the document matched, in [0, 1]. */
  coverage: number;
  /** Fuzzy similarity (fuse.js) of the query to the best title/alternative, in [0, 1]. */
  phrase: number;
  /** Share of the best-matching phrasing's words that the question has (is the entry about more than was asked?), in [0, 1]. */
  precision: number;
  /** Whether the entry answers the kind of question asked (hvem / hvornår / hvor mange / problem …) and is not excluded by `notFor`. */
  fit: boolean;
  /** The entry answers only part of the kind of question asked (a "hvordan" question, an entry about whether one may). */
  partial: boolean;
  /** Share of the query's (IDF-weighted) content words found in the entry's title, alternatives or tags, in [0, 1]. */
  content: number;
  /** Whom the entry is written for. */
  side: 'parent' | 'staff' | 'both';
  /** Systems and devices the entry's title names (`mitid`, `unilogin`, …). */
  names: readonly string[];
}

/** Per-question context for ranking. */
export interface SearchContext {
  /** The asker's role when known (directory, an earlier answer, or the question itself). */
  role?: 'staff' | 'parent';
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
  /** Confidence is multiplied by this when the entry does not answer the kind of question asked. */
  misfitFactor: number;
  /** ... and by this when it answers only part of it (a "hvordan" question, an entry about a problem). */
  weakFitFactor: number;
  /** Confidence is scaled from this (no content word in the entry's phrasings) to 1 (all of them). */
  contentFloor: number;
  /** Confidence is multiplied by this when the entry is written only for the other side (parents vs staff). */
  otherSideFactor: number;
  /** Whether a content word found only in the answer text counts (half) towards `content`. */
  bodyContent: boolean;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { candidates: 12, coverageWeight: 0.5, bm25Weight: 0.2, phrase: 'terms', misfitFactor: 0.6, weakFitFactor: 0.8, contentFloor: 1, otherSideFactor: 0.6, bodyContent: true };
