import type { EntryFeedback, FeedbackRecord, QuestionLog, QuestionRecord, UnansweredQuestion } from '../../src/faq/question-log.port.js';

/** Test fake with the same contract as the SQLite repository. */
export class MemoryQuestionLog implements QuestionLog {
  readonly questions: (QuestionRecord & { id: number; askedAt: string })[] = [];
  readonly feedbacks: (FeedbackRecord & { givenAt: string })[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  record(q: QuestionRecord): number {
    const id = this.questions.length + 1;
    this.questions.push({ ...q, id, askedAt: this.now().toISOString() });
    return id;
  }

  feedback(f: FeedbackRecord): boolean {
    if (!this.questions.some((q) => q.id === f.questionId)) return false;
    this.feedbacks.push({ ...f, givenAt: this.now().toISOString() });
    return true;
  }

  unanswered(limit: number): UnansweredQuestion[] {
    return this.questions
      .filter((q) => q.outcome === 'unanswered')
      .reverse()
      .slice(0, limit)
      .map(({ id, askedAt, question, score, channel }) => ({ id, askedAt, question, score, channel }));
  }

  question(id: number): { question: string; identity: string | null } | undefined {
    const q = this.questions.find((x) => x.id === id);
    return q && { question: q.question, identity: q.identity };
  }

  feedbackByEntry(limit: number): EntryFeedback[] {
    const by = new Map<string, EntryFeedback>();
    for (const f of this.feedbacks) {
      const e = by.get(f.entryId) ?? { entryId: f.entryId, helpful: 0, notHelpful: 0, lastNotHelpfulAt: null };
      if (f.helpful) e.helpful++;
      else {
        e.notHelpful++;
        if (!e.lastNotHelpfulAt || f.givenAt > e.lastNotHelpfulAt) e.lastNotHelpfulAt = f.givenAt;
      }
      by.set(f.entryId, e);
    }
    return [...by.values()]
      .sort((a, b) => b.notHelpful - a.notHelpful || (b.lastNotHelpfulAt ?? '').localeCompare(a.lastNotHelpfulAt ?? '') || a.entryId.localeCompare(b.entryId))
      .slice(0, limit);
  }
}
