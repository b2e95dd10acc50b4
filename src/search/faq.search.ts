import Fuse from 'fuse.js';
import { MAX_QUERY_CHARS, danishWords } from '../text/normalize.js';
import { stems } from '../text/stemmer.js';
import { TermIndex, type Expansion } from './term.index.js';
import { rewriteQuery } from './query-rewrite.js';
import { notForTerms } from './not-for.js';
import { aboutThePast, aboutChildCredentials, aboutSeeing, asksToSee, entrySubject, questionSubject, aboutOwnNotChild, audienceSide, entryTypes, nameMismatch, namedThings, productsNamed, questionTypes, roleCue, typeFit, type QuestionType } from './question-type.js';
import { DEFAULT_SEARCH_OPTIONS, type SearchContext, type SearchDoc, type SearchHit, type SearchOptions } from './search.types.js';

/** Words present in nearly every question about Aula; they say nothing about what is asked. */
const GENERIC = new Set(stems('aula virker virke fungerer fungere bruge bruger hjælp hjælpe ting gang sted spørgsmål det den'));
/** Expansions weaker than this (loose prefix or compound guesses) do not count a content word as covered. */
const MIN_CONTENT_WEIGHT = 0.55;
/** A content word found only in the answer text counts this much. */
const BODY_CONTENT_WEIGHT = 0.5;

/** What the search knows about one entry beyond its text: what it answers and for whom. */
interface DocProfile {
  types: Set<QuestionType>;
  side: 'parent' | 'staff' | 'both';
  /** Stems of the title, alternatives and tags: the entry's own question words. */
  questionTerms: Set<string>;
  /** Stems of the answer text. */
  bodyTerms: Set<string>;
  /** Phrasings the entry must not answer, as stems with the small words that say whom they are about ("jeg kan ikke svare"). */
  notFor: string[][];
  /** Systems and devices its title names (MitID, UNI-Login, iPhone …). */
  names: string[];
  /** About a child's login or password, which does not answer "min adgangskode". */
  childCredentials: boolean;
  /** Other products (Teams, Excel, …) mentioned anywhere in the entry. */
  products: Set<string>;
  /** Its title, alternatives or tags are about seeing, finding or showing something. */
  seeing: boolean;
  /** Its title is about the reader's own matter or about helping another person. */
  subject: 'own' | 'helper' | undefined;
  /** An experience from the roll-out (category `erfaringer`) whose title asks about the past: it does not answer a question about now. */
  past: boolean;
}

function hasNear(q: string, near: readonly Expansion[], terms: ReadonlySet<string>): boolean {
  if (terms.has(q)) return true;
  for (const e of near) if (e.weight >= MIN_CONTENT_WEIGHT && terms.has(e.term)) return true;
  return false;
}

/** What a query asks, computed once per search. */
export interface QueryProfile {
  types: QuestionType[];
  /** Content stems (no stop words, no words common to all Aula questions). */
  content: string[];
  role: 'staff' | 'parent' | undefined;
  /** How many words the question has (short ones are topics, not questions). */
  words: number;
  /** Systems and devices the question names. */
  names: string[];
  /** About the asker's own things, no child mentioned. */
  own: boolean;
  /** Other products the question is about (Teams, Excel, MinUddannelse …). */
  products: string[];
  /** Asks whether or how someone can see something. */
  see: boolean;
  /** About the asker's own matter or another person's. */
  subject: 'self' | 'other' | undefined;
  /** Asks about the past ("var Aula nede i 2019"), not about now. */
  past: boolean;
  /** The query's stems (stop words removed), after rewriting everyday phrasings. */
  stems: string[];
  /** The query's stems with stop words kept: `not_for` phrasings (which keep "jeg", "ikke", "hvem" …) are matched against these. */
  allStems: Set<string>;
}

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
  private readonly profiles: DocProfile[];

  constructor(private readonly docs: readonly SearchDoc[], options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    this.index = new TermIndex(docs);
    this.phrases = docs.map((d, i) =>
      [d.title, ...d.alternatives].map((p) => {
        const terms = [...new Set(stems(p))];
        return { doc: i, text: terms.join(' '), terms };
      }).filter((p) => p.terms.length > 0),
    );
    this.profiles = docs.map((d) => ({
      types: entryTypes(d.title, d.alternatives, Array.isArray(d.asks) ? d.asks : undefined),
      side: audienceSide(Array.isArray(d.audience) ? d.audience : undefined),
      questionTerms: new Set(stems([d.title, ...d.alternatives, ...d.tags].join(' . '))),
      bodyTerms: new Set(stems(d.body)),
      names: namedThings(d.title),
      childCredentials: aboutChildCredentials(d.title),
      subject: entrySubject(d.title),
      past: d.category === 'erfaringer' && aboutThePast(d.title),
      seeing: aboutSeeing([d.title, ...d.alternatives, ...d.tags]),
      products: new Set(productsNamed([d.title, ...d.alternatives, ...d.tags, d.body].join(' . '))),
      notFor: (Array.isArray(d.notFor) ? d.notFor : []).map((p) => notForTerms(String(p))).filter((t) => t.length > 0),
    }));
  }

  /** The question's type, content words and stated role. */
  profile(query: string, context: SearchContext = {}): QueryProfile {
    const text = rewriteQuery(String(query).slice(0, MAX_QUERY_CHARS));
    const queryStems = stems(text);
    return {
      types: questionTypes(text),
      content: [...new Set(queryStems)].filter((w) => !GENERIC.has(w)),
      role: roleCue(text) ?? context.role,
      words: danishWords(text).length,
      names: namedThings(text),
      own: aboutOwnNotChild(text),
      products: productsNamed(text),
      see: asksToSee(text),
      subject: questionSubject(text),
      past: aboutThePast(text),
      stems: queryStems,
      allStems: new Set(stems(text, true)),
    };
  }

  /** Best matches for a free-text question, most confident first. Never throws on odd input. */
  search(query: string, limit = 5, context: SearchContext = {}): SearchHit[] {
    return this.analyse(query, limit, context).hits;
  }

  /** {@link search} together with what the question asks (type, content words, role). */
  analyse(query: string, limit = 5, context: SearchContext = {}): { profile: QueryProfile; hits: SearchHit[] } {
    const profile = this.profile(query, context);
    return { profile, hits: this.rank(limit, profile) };
  }

  private rank(limit: number, profile: QueryProfile): SearchHit[] {
    const queryStems = profile.stems;
    if (queryStems.length === 0) return [];
    const expanded = new Map<string, Expansion[]>();
    const candidates = this.index.match(queryStems, Math.max(limit, this.options.candidates), expanded);
    if (candidates.length === 0) return [];
    const precisions = new Map<number, number>();
    const phraseScore = this.options.phrase === 'fuse' ? this.phraseSimilarity(queryStems.join(' '), candidates.map((c) => c.doc)) : this.termOverlap(expanded, candidates.map((c) => c.doc), precisions);
    const { coverageWeight: wc, bm25Weight: wb, misfitFactor, weakFitFactor, contentFloor, otherSideFactor } = this.options;
    const maxBm = Math.max(...candidates.map((c) => c.bm25));
    return candidates
      .map(({ doc, coverage, bm25 }): SearchHit => {
        const phrase = phraseScore.get(doc) ?? 0;
        const relative = maxBm > 0 ? bm25 / maxBm : 0;
        const p = this.profiles[doc]!;
        const excluded = p.notFor.some((terms) => terms.every((t) => profile.allStems.has(t)));
        // "kan jeg se …" is not answered by an entry whose phrasings never speak of seeing or finding.
        const blind = profile.see && !p.seeing;
        // "jeg kan ikke logge ind" is not answered by how a superuser helps someone who cannot, nor the reverse.
        const otherSubject = ((profile.subject === 'self' && p.subject === 'helper') || (profile.subject === 'other' && p.subject === 'own'));
        // "er aula nede lige nu" is not answered by how Aula went down in 2020, nor "appen virker ikke på min Samsung" by 2019's story.
        const history = p.past && !profile.past;
        const kind = excluded || blind || otherSubject || history || (p.childCredentials && profile.own) || nameMismatch(profile.names, p.names) || profile.products.some((x) => !p.products.has(x)) ? 'no' : typeFit(profile.types, p.types);
        const fit = kind !== 'no';
        const content = this.contentCoverage(profile.content, expanded, p);
        const otherSide = profile.role !== undefined && p.side !== 'both' && p.side !== profile.role;
        // Confidence mixes absolute evidence (coverage, phrase) with rank among candidates (BM25F),
        // then is lowered when the entry answers another kind of question, misses the question's
        // content words in its own phrasings, or is written for the other side.
        const base = wc * coverage + wb * relative * coverage + (1 - wc - wb) * phrase;
        const score = base * (kind === 'yes' ? 1 : kind === 'weak' ? weakFitFactor : misfitFactor) * (contentFloor + (1 - contentFloor) * content) * (otherSide ? otherSideFactor : 1);
        return { id: this.docs[doc]!.id, coverage, phrase, precision: precisions.get(doc) ?? phrase, fit, partial: kind === 'weak', content, side: p.side, names: p.names, score };
      })
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }

  /**
   * IDF-weighted share of the content stems whose (close enough) expansions occur in the entry:
   * fully in its own question words, half in its answer text only.
   */
  private contentCoverage(content: readonly string[], expanded: ReadonlyMap<string, Expansion[]>, p: DocProfile): number {
    if (content.length === 0) return 0;
    let total = 0;
    let found = 0;
    for (const q of content) {
      const idf = this.index.idf(q);
      total += idf;
      const near = expanded.get(q) ?? [];
      if (hasNear(q, near, p.questionTerms)) found += idf;
      else if (this.options.bodyContent && hasNear(q, near, p.bodyTerms)) found += idf * BODY_CONTENT_WEIGHT;
    }
    return total > 0 ? found / total : 0;
  }

  /** Best F1 of query terms (with their expansions) against each candidate's phrasings. */
  private termOverlap(expanded: ReadonlyMap<string, Expansion[]>, docs: readonly number[], precisions?: Map<number, number>): Map<number, number> {
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
      let topPrecision = 0;
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
        if (precision > topPrecision) topPrecision = precision;
      }
      out.set(d, top);
      precisions?.set(d, topPrecision);
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
