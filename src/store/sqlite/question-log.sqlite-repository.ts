import type { EntryFeedback, FeedbackRecord, QuestionLog, QuestionRecord, UnansweredQuestion } from '../../faq/question-log.port.js';
import type { Db } from './database.js';

export class SqliteQuestionLog implements QuestionLog {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  record(q: QuestionRecord): number {
    const r = this.db
      .prepare('INSERT INTO questions (asked_at, question, outcome, entry_id, score, identity, channel) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), q.question, q.outcome, q.entryId, q.score, q.identity, q.channel);
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

  unanswered(limit: number): UnansweredQuestion[] {
    return this.db
      .prepare("SELECT id, asked_at AS askedAt, question, score, channel FROM questions WHERE outcome = 'unanswered' ORDER BY id DESC LIMIT ?")
      .all(limit) as UnansweredQuestion[];
  }

  question(id: number): { question: string; identity: string | null } | undefined {
    return this.db.prepare('SELECT question, identity FROM questions WHERE id = ?').get(id) as { question: string; identity: string | null } | undefined;
  }

  feedbackByEntry(limit: number): EntryFeedback[] {
    return this.db
      .prepare(
        `SELECT entry_id AS entryId, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful,
                MAX(CASE WHEN helpful = 0 THEN given_at END) AS lastNotHelpfulAt
           FROM answer_feedback GROUP BY entry_id
          ORDER BY notHelpful DESC, lastNotHelpfulAt DESC, entry_id LIMIT ?`,
      )
      .all(limit) as EntryFeedback[];
  }
}
