import type { KnowledgeSnapshot } from '../knowledge/knowledge.store.js';
import type { FaqEntry } from '../knowledge/entry.schema.js';
import { clean } from '../privacy/clean.js';
import { isBusy } from '../store/sqlite/database.js';
import type { BusyRetryQueue } from '../util/busy-retry.js';
import type { Answer, AskContext, AskResult, Suggestion } from './answer.types.js';
import type { QuestionLog } from './question-log.port.js';
import { isSmallTalk } from './small-talk.js';

export interface FaqThresholds {
  /** At or above: answer (if the best match also stands out, see `margin`). */
  answer: number;
  /** At or above (and not answered): offer "Mente du …?" suggestions. Below: no answer. */
  suggest: number;
  /** The best match must lead the runner-up by this much to be answered outright ... */
  margin: number;
  /** ... unless it is at least this confident. */
  sure: number;
  /** Share of the question's content words the entry's own phrasings must cover to be answered outright. */
  content: number;
  /** Candidates this close to the best, written for parents and for staff, make the bot ask who is asking. */
  roleMargin: number;
  /** A very short question is answered outright only when the best match leads by this much. */
  shortLead: number;
  /** ... or by this much when the question covers the whole of the entry's phrasing ("aula engelsk"). */
  shortLeadExact: number;
  /** Share of the entry's best phrasing the question must match (an entry about more than was asked is not answered). */
  precision: number;
  /** A best match below `precision` but at least `loosePrecision` is answered only when it leads the runner-up by `looseLead`. */
  loosePrecision: number;
  looseLead: number;
}

/**
 * Calibrated on the even half of the blind everyday set (test/eval/everyday; the odd half is the
 * report) and on test/eval/questions-a.json (questions-b.json is held out). Even half: 73.8 % right,
 * 1.9 % confidently wrong, 0 of 54 out-of-scope answered; questions-a 84.7 % right / 2.3 % wrong,
 * questions-b 76.4 % / 2.3 %; 1 of 72 old out-of-scope questions answered (test/eval/answer-quality.test.ts).
 * Re-tuned after the subject, "se", not_for and product checks (r1): a grid over answer 0.5–0.6,
 * margin 0.07–0.15, sure 0.65–1.01, content 0.5–0.7 and precision 0.6–0.67 found no setting that
 * removes a wrong answer on the even half without costing more right ones and taking questions-b
 * below its 0.75 floor, so the values are unchanged; the remaining wrong answers are high-scoring
 * neighbours, which the checks in src/search/question-type.ts address instead of the thresholds.
 * Re-tuned after 108 everyday entries (r2), once not_for, the "hvor" type fit and the subject check had
 * removed most wrong answers: margin 0.07 → 0.05, content 0.5 → 0.45, roleMargin 0.15 → 0.12 (a parent
 * entry 0.12–0.15 behind a staff one no longer makes the bot ask who is asking), shortLeadExact 0.1 → 0.07.
 * Even half 70.1 % → 72.4 % right, confident wrong 2.3 % (5) both before and after, 0 of 54 out of
 * scope answered. Rejected: margin 0.04 (one more wrong), answer 0.45 (a wrong and an out-of-scope
 * answer), sure 0.75 (two fewer right), roleMargin 0.08 (one more right, but a weaker role question).
 * After the type, subject and inflection changes that followed: answer 0.5 → 0.48 (even half +2 right,
 * old set +4, no new wrong answer); 0.45 answers one out-of-scope question and one wrong, so it stays above.
 * Re-calibrated after about 1,600 everyday phrasings were added to the existing entries (helpers D1–D4,
 * who never saw an evaluation set): with the old values the new phrasings raised right answers on the
 * held-out sets but also confident wrong ones (even half 7.9 % wrong). A grid over sure, margin, content
 * and precision on the even half and questions-a (a confident wrong answer counted three times a right
 * one), with the odd half as validation to pick among the best, chose sure 0.65 → 0.9 (a high score no
 * longer stands in for a lead over the runner-up), margin 0.05 → 0.03, content 0.45 → 0.5, precision
 * 0.6 → 0.67 (two of an entry's three phrasing words are no longer enough) and shortLeadExact 0.07 → 0.15.
 * Even half 70.1 % right / 2.3 % wrong (was 72.9 / 7.9 with the old values), questions-a 84.7 / 2.3,
 * questions-b 78.7 / 2.3, odd half 66.4 / 7.5 (was 69.6 / 12.6); precision 0.6 instead costs 5.1 % wrong
 * on the even half and 4.2 % of out-of-scope questions answered. The fresh set (test/eval/fresh) was not
 * used for any choice.
 */
export const DEFAULT_THRESHOLDS: FaqThresholds = { answer: 0.48, suggest: 0.35, margin: 0.03, sure: 0.9, content: 0.5, roleMargin: 0.12, shortLead: 0.2, shortLeadExact: 0.15, precision: 0.67, loosePrecision: 0.5, looseLead: 0.2 };

export const MAX_SUGGESTIONS = 3;
/** Offered when a question says nothing about what it is about ("hvordan virker det"). */
const OVERVIEW_ENTRIES = ['om-aula-hvad-er-aula', 'login-hvem-kontakte-ved-loginproblemer', 'app-hvilken-app', 'supportmodel-hjaelp-til-foraeldre-og-medarbejdere'];

/** A runner-up within `SWAP_WINDOW` whose phrasing the question matches this much more closely is answered instead. */
const SWAP_PRECISION = 0.3;
const SWAP_WINDOW = 0.05;

/** How many ranked candidates the answer decision looks at. */
const CANDIDATES = 6;

export function entryAnswer(e: FaqEntry): Answer {
  return { id: e.id, title: e.title, text: e.body, sources: e.sources, ...(e.asOf ? { asOf: e.asOf } : {}) };
}

/** Answers questions from the current knowledge snapshot: data tables first, then FAQ search. */
export class FaqService {
  constructor(
    private readonly snapshot: () => KnowledgeSnapshot,
    private readonly thresholds: FaqThresholds = DEFAULT_THRESHOLDS,
  ) {}

  ask(question: string, context: AskContext = {}): AskResult {
    if (isSmallTalk(question)) return { outcome: 'unanswered', answer: null, suggestions: [], score: 0 };
    const snap = this.snapshot();
    const data = snap.data.answer(question);
    if (data) return { outcome: 'answered', answer: data, suggestions: [], score: 1 };
    const t = this.thresholds;
    const { profile: asked, hits } = snap.search.analyse(question, CANDIDATES, context);
    const first = hits[0];
    if (!first || first.score < t.suggest) {
      return { outcome: 'unanswered', answer: null, suggestions: [], score: round(first?.score ?? 0) };
    }
    let best = first;
    const toSuggestion = (id: string): Suggestion => ({ id, title: snap.byId.get(id)?.title ?? id });
    if (asked.content.length === 0) {
      // "hvordan virker det": nothing says what about. Ask, offering the broadest everyday entries.
      const suggestions = OVERVIEW_ENTRIES.filter((id) => snap.byId.has(id)).map(toSuggestion);
      return { outcome: 'suggested', answer: null, suggestions, score: round(best.score), clarify: 'topic' };
    }
    if (!asked.role) {
      // Close candidates written only for parents and only for staff: the answer depends on who asks.
      const close = hits.filter((h) => h.fit && h.score >= t.suggest && h.score >= best.score - t.roleMargin);
      if (close.some((h) => h.side === 'parent') && close.some((h) => h.side === 'staff')) {
        // Ask only when the answer really depends on it: a parent would be answered otherwise than staff.
        const forParent = this.ask(question, { role: 'parent' });
        const forStaff = this.ask(question, { role: 'staff' });
        const differs = (forParent.answer?.id ?? null) !== (forStaff.answer?.id ?? null);
        if (differs && (forParent.outcome === 'answered' || forStaff.outcome === 'answered')) {
          return { outcome: 'suggested', answer: null, suggestions: [], score: round(best.score), clarify: 'role' };
        }
      }
    }
    // Two entries about equally likely: the one whose own phrasing the question matches more closely
    // ("er aula nede" → the entry about Aula being down, not a story about an outage) is the answer.
    const second = hits[1];
    if (second && second.fit && best.score - second.score < SWAP_WINDOW && second.precision >= best.precision + SWAP_PRECISION && second.content >= best.content) {
      hits[0] = second;
      hits[1] = best;
      best = second;
    }
    const lead = best.score - (hits[1]?.score ?? 0);
    // A topic or a fragment ("billeder", "unilogin", "glemt kode") is not yet a question: offer a choice
    // unless one entry clearly stands out.
    const short = asked.content.length <= 1 ? asked.types.length === 0 || asked.words <= 3 : asked.words <= 2;
    const topicOnly = short && lead < (best.precision >= 1 ? t.shortLeadExact : t.shortLead);
    // "min adgangskode" without saying which: the best entry names MitID, a close one UNI-Login.
    const unnamed = asked.names.length === 0 && best.names.length > 0 && hits.some((h) => h !== best && h.score >= t.suggest && h.score >= best.score - t.roleMargin && h.names.length > 0 && !h.names.some((n) => best.names.includes(n)));
    // An entry whose best phrasing says much more than was asked answers only when nothing else comes close.
    const precise = best.precision >= t.precision || (best.precision >= t.loosePrecision && lead >= t.looseLead && asked.content.length >= 2);
    const fits = best.fit && !best.partial && best.content >= t.content && precise && !topicOnly && !unnamed;
    if (fits && best.score >= t.answer && (lead >= t.margin || best.score >= t.sure)) {
      const entry = snap.byId.get(best.id)!;
      return { outcome: 'answered', answer: entryAnswer(entry), suggestions: [], score: round(best.score) };
    }
    const suggestions = hits.filter((h) => h.score >= t.suggest).slice(0, MAX_SUGGESTIONS).map((h) => toSuggestion(h.id));
    return { outcome: 'suggested', answer: null, suggestions, score: round(best.score) };
  }

  /** Candidate ids best first, regardless of thresholds (for evaluation and benchmarks). */
  rank(question: string, limit = 3, context: AskContext = {}): string[] {
    const snap = this.snapshot();
    const data = snap.data.answer(question);
    const hits = snap.search.search(question, limit, context).map((h) => h.id);
    return (data ? [data.id, ...hits] : hits).slice(0, limit);
  }

  /** The answer behind a suggestion button or an id typed by the operator. */
  byId(id: string): Answer | undefined {
    const e = this.snapshot().byId.get(id);
    return e ? entryAnswer(e) : undefined;
  }
}

/** Ask and keep a record: every question is logged (masked), unanswered ones show up in the log. */
export class LoggedFaq {
  constructor(private readonly faq: FaqService, private readonly log: QuestionLog, private readonly retry?: BusyRetryQueue) {}

  /** The answer never waits for the log: while another process holds the write lock, the entry is retried later. */
  ask(question: string, identity: string | null, channel: string, context: AskContext = {}): AskResult & { questionId: number } {
    const result = this.faq.ask(question, context);
    const record = { question: clean(question), outcome: result.outcome, entryId: result.answer?.id ?? null, score: result.score, identity, channel };
    let questionId = 0;
    // While earlier entries wait for another process's lock, trying again would only block.
    if (this.retry?.waiting) {
      this.retry.later('question-log', () => this.log.record(record));
      return { ...result, questionId };
    }
    try {
      questionId = this.log.record(record);
    } catch (err) {
      if (!this.retry || !isBusy(err)) throw err;
      this.retry.later('question-log', () => this.log.record(record));
    }
    return { ...result, questionId };
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
