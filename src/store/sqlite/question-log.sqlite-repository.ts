import type { FeedbackRecord, QuestionLog, QuestionRecord, UnansweredQuestion } from '../../faq/question-log.port.js';
import type { Db } from './database.js';

/** Longer questions are cut at storage: a question is a line or two; pasted documents are not kept. */
export const MAX_STORED_QUESTION = 1000;

export class SqliteQuestionLog implements QuestionLog {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  record(q: QuestionRecord): number {
    const r = this.db
      .prepare('INSERT INTO questions (asked_at, question, outcome, entry_id, score, identity, channel) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), truncate(q.question), q.outcome, q.entryId, q.score, q.identity, q.channel);
    return Number(r.lastInsertRowid);
  }

  feedback(f: FeedbackRecord): boolean {
    return this.db
      .transaction(() => {
        const known = this.db.prepare('SELECT 1 FROM questions WHERE id = ?').get(f.questionId);
        if (!known) return false;
        this.db
          .prepare('INSERT INTO answer_feedback (question_id, entry_id, helpful, identity, given_at) VALUES (?, ?, ?, ?, ?)')
          .run(f.questionId, f.entryId, f.helpful ? 1 : 0, f.identity, this.now().toISOString());
        return true;
      })
      .immediate();
  }

  /** Delete questions asked before `before` (ISO time) and their feedback; returns how many questions. */
  deleteBefore(before: string): number {
    return this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM answer_feedback WHERE question_id IN (SELECT id FROM questions WHERE asked_at < ?)').run(before);
        return this.db.prepare('DELETE FROM questions WHERE asked_at < ?').run(before).changes;
      })
      .immediate();
  }

  unanswered(limit: number): UnansweredQuestion[] {
    return this.db
      .prepare("SELECT id, asked_at AS askedAt, question, score, channel FROM questions WHERE outcome = 'unanswered' ORDER BY id DESC LIMIT ?")
      .all(limit) as UnansweredQuestion[];
  }
}

function truncate(question: string): string {
  if (question.length <= MAX_STORED_QUESTION) return question;
  // Never split a surrogate pair.
  const cut = question.slice(0, MAX_STORED_QUESTION - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
