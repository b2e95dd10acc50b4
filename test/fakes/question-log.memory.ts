import type { FeedbackRecord, QuestionLog, QuestionRecord, UnansweredQuestion } from '../../src/faq/question-log.port.js';

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
}
