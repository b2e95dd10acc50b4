import type { KnowledgeSnapshot } from '../knowledge/knowledge.store.js';
import type { FaqEntry } from '../knowledge/entry.schema.js';
import { clean } from '../privacy/clean.js';
import { isBusy } from '../store/sqlite/database.js';
import type { BusyRetryQueue } from '../util/busy-retry.js';
import type { Answer, AskResult, Suggestion } from './answer.types.js';
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
}

/**
 * Calibrated on the evaluation set in test/eval; bench/results/search.md has the current figures:
 * about 85 % of in-scope questions answered outright and correctly,
 * under 4 % answered with the wrong entry, under 5 % of out-of-scope questions answered.
 */
export const DEFAULT_THRESHOLDS: FaqThresholds = { answer: 0.5, suggest: 0.35, margin: 0.05, sure: 0.7 };

export const MAX_SUGGESTIONS = 3;

export function entryAnswer(e: FaqEntry): Answer {
  return { id: e.id, title: e.title, text: e.body, sources: e.sources, ...(e.asOf ? { asOf: e.asOf } : {}) };
}

/** Answers questions from the current knowledge snapshot: data tables first, then FAQ search. */
export class FaqService {
  constructor(
    private readonly snapshot: () => KnowledgeSnapshot,
    private readonly thresholds: FaqThresholds = DEFAULT_THRESHOLDS,
  ) {}

  ask(question: string): AskResult {
    if (isSmallTalk(question)) return { outcome: 'unanswered', answer: null, suggestions: [], score: 0 };
    const snap = this.snapshot();
    const data = snap.data.answer(question);
    if (data) return { outcome: 'answered', answer: data, suggestions: [], score: 1 };
    const hits = snap.search.search(question, MAX_SUGGESTIONS + 1);
    const best = hits[0];
    if (!best || best.score < this.thresholds.suggest) {
      return { outcome: 'unanswered', answer: null, suggestions: [], score: round(best?.score ?? 0) };
    }
    const toSuggestion = (id: string): Suggestion => ({ id, title: snap.byId.get(id)?.title ?? id });
    const lead = best.score - (hits[1]?.score ?? 0);
    if (best.score >= this.thresholds.answer && (lead >= this.thresholds.margin || best.score >= this.thresholds.sure)) {
      const entry = snap.byId.get(best.id)!;
      return { outcome: 'answered', answer: entryAnswer(entry), suggestions: [], score: round(best.score) };
    }
    const suggestions = hits.filter((h) => h.score >= this.thresholds.suggest).slice(0, MAX_SUGGESTIONS).map((h) => toSuggestion(h.id));
    return { outcome: 'suggested', answer: null, suggestions, score: round(best.score) };
  }

  /** Candidate ids best first, regardless of thresholds (for evaluation and benchmarks). */
  rank(question: string, limit = 3): string[] {
    const snap = this.snapshot();
    const data = snap.data.answer(question);
    const hits = snap.search.search(question, limit).map((h) => h.id);
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
  ask(question: string, identity: string | null, channel: string): AskResult & { questionId: number } {
    const result = this.faq.ask(question);
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
