import type { EntryFeedback, FeedbackRecord, QuestionLog, QuestionRecord, UnansweredQuestion } from '../../faq/question-log.port.js';
import type { SqlDb as Db } from '../sql.js';

/** Longer questions are cut at storage: a question is a line or two; pasted documents are not kept. */
export const MAX_STORED_QUESTION = 1000;

export class SqliteQuestionLog implements QuestionLog {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  record(q: QuestionRecord): number {
    const r = this.db
      .prepare('INSERT INTO questions (asked_at, question, outcome, entry_id, score, identity, channel) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
      .get(this.now().toISOString(), truncate(q.question), q.outcome, q.entryId, q.score, q.identity, q.channel) as { id: number };
    return r.id;
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

  /**
   * Delete questions asked before `before` (ISO time) and their feedback; returns how many questions.
   * In chunks, so the first run on a large log never holds the write lock for long.
   */
  deleteBefore(before: string, chunk = 2000): number {
    const step = this.db.transaction(() => {
      // The same oldest `chunk` questions both times: nothing else writes inside this transaction.
      const oldest = 'SELECT id FROM questions WHERE asked_at < ? ORDER BY asked_at, id LIMIT ?';
      this.db.prepare(`DELETE FROM answer_feedback WHERE question_id IN (${oldest})`).run(before, chunk);
      return this.db.prepare(`DELETE FROM questions WHERE id IN (${oldest})`).run(before, chunk).changes;
    });
    let total = 0;
    for (let n = step.immediate(); n > 0; n = step.immediate()) total += n;
    return total;
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

  /** Feedback per answer with at least one "Hjalp ikke", most not-helpful first, with the latest questions that got it. */
  notHelpfulByEntry(): { entryId: string; helpful: number; notHelpful: number; questions: string[] }[] {
    const rows = this.db
      .prepare('SELECT entry_id AS entryId, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful FROM answer_feedback GROUP BY entry_id HAVING SUM(1 - helpful) > 0 ORDER BY notHelpful DESC, entry_id')
      .all() as { entryId: string; helpful: number; notHelpful: number }[];
    const questions = this.db.prepare('SELECT q.question FROM answer_feedback f JOIN questions q ON q.id = f.question_id WHERE f.entry_id = ? AND f.helpful = 0 ORDER BY f.id DESC LIMIT 3');
    return rows.map((r) => ({ ...r, questions: (questions.all(r.entryId) as { question: string }[]).map((q) => q.question) }));
  }
}

function truncate(question: string): string {
  if (question.length <= MAX_STORED_QUESTION) return question;
  // Never split a surrogate pair.
  const cut = question.slice(0, MAX_STORED_QUESTION - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
