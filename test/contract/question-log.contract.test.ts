import { describe, expect, it } from 'vitest';
import type { QuestionLog } from '../../src/faq/question-log.port.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { SqliteQuestionLog } from '../../src/store/sqlite/question-log.sqlite-repository.js';
import { MemoryQuestionLog } from '../fakes/question-log.memory.js';
import { usePostgres } from '../harness/pg-store.js';

const pg = usePostgres();

const implementations: [string, () => QuestionLog][] = [
  ['memory fake', () => new MemoryQuestionLog()],
  ['SQLite', () => new SqliteQuestionLog(openDatabase(':memory:'))],
  ['PostgreSQL', () => new SqliteQuestionLog(pg.fresh())],
];

describe.each(implementations)('QuestionLog contract: %s', (_name, make) => {
  it('gives each question its own id', () => {
    const log = make();
    const a = log.record({ question: 'a', outcome: 'answered', entryId: 'x', score: 0.9, identity: 'local:a@b.dk', channel: 'console' });
    const b = log.record({ question: 'b', outcome: 'unanswered', entryId: null, score: 0.1, identity: null, channel: 'cli' });
    expect(a).not.toBe(b);
  });

  it('lists unanswered questions newest first', () => {
    const log = make();
    log.record({ question: 'først', outcome: 'unanswered', entryId: null, score: 0.1, identity: null, channel: 'cli' });
    log.record({ question: 'besvaret', outcome: 'answered', entryId: 'x', score: 0.9, identity: null, channel: 'cli' });
    log.record({ question: 'sidst', outcome: 'unanswered', entryId: null, score: 0.2, identity: null, channel: 'slack' });
    expect(log.unanswered(10).map((q) => q.question)).toEqual(['sidst', 'først']);
    expect(log.unanswered(1)).toHaveLength(1);
  });

  it('stores feedback only for known questions', () => {
    const log = make();
    const id = log.record({ question: 'q', outcome: 'answered', entryId: 'x', score: 0.9, identity: null, channel: 'cli' });
    expect(log.feedback({ questionId: id, entryId: 'x', helpful: true, identity: 'local:a@b.dk' })).toBe(true);
    expect(log.feedback({ questionId: id + 100, entryId: 'x', helpful: false, identity: null })).toBe(false);
  });

  it('returns one logged question with who asked it, for re-asking after a clarifying choice', () => {
    const log = make();
    const id = log.record({ question: 'billeder', outcome: 'suggested', entryId: null, score: 0.9, identity: 'local:a@b.dk', channel: 'test' });
    expect(log.question(id)).toEqual({ question: 'billeder', identity: 'local:a@b.dk' });
    expect(log.question(id + 1)).toBeUndefined();
  });

  it('counts feedback per entry, most "Hjalp ikke" first', () => {
    const log = make();
    const q = (entryId: string) => log.record({ question: 'q', outcome: 'answered', entryId, score: 0.9, identity: null, channel: 'cli' });
    const a = q('a');
    const b = q('b');
    log.feedback({ questionId: a, entryId: 'a', helpful: true, identity: null });
    log.feedback({ questionId: a, entryId: 'a', helpful: false, identity: null });
    log.feedback({ questionId: b, entryId: 'b', helpful: false, identity: null });
    log.feedback({ questionId: b, entryId: 'b', helpful: false, identity: null });
    const rows = log.feedbackByEntry(10);
    expect(rows.map(({ entryId, helpful, notHelpful }) => ({ entryId, helpful, notHelpful }))).toEqual([
      { entryId: 'b', helpful: 0, notHelpful: 2 },
      { entryId: 'a', helpful: 1, notHelpful: 1 },
    ]);
    expect(rows[0]!.lastNotHelpfulAt).toMatch(/^\d{4}-/);
    expect(log.feedbackByEntry(1)).toHaveLength(1);
  });
});
