import { describe, expect, it } from 'vitest';
import type { SqlDb } from '../../src/store/sql.js';
import { PgDb } from '../../src/store/postgres/pg.db.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { SqliteOutbox } from '../../src/store/sqlite/outbox.sqlite-repository.js';
import { tempDbPath } from '../harness/run-cli.js';
import { usePostgres } from '../harness/pg-store.js';

const pg = usePostgres();
const PERSON = "INSERT INTO people (id, email, name, municipality_code, role, created_at, updated_at) VALUES (1, 'a@b.dk', 'A', '461', 'superuser', '', '')";
const REPORT = (id: number) => `INSERT INTO reports (id, number, municipality_code, reporter_id, status, fields, created_at, updated_at, uid) VALUES (${id}, 'AULA-2026-00000${id}', '461', 1, 'approved', '{}', '', '', 'u${id}')`;

type Clock = { at: Date };
/** Two connections to one fresh store (two replicas, or two processes on one SQLite file). */
const stores: [string, () => [SqlDb, SqlDb]][] = [
  [
    'SQLite',
    () => {
      const path = tempDbPath();
      return [openDatabase(path), openDatabase(path)];
    },
  ],
  [
    'PostgreSQL',
    () => {
      const db = pg.fresh();
      return [db, new PgDb(db.url)];
    },
  ],
];

describe.each(stores)('outbox contract: %s', (_name, open) => {
  const setup = (reports = 3) => {
    const clock: Clock = { at: new Date('2026-11-20T10:00:00Z') };
    const [a, b] = open();
    a.prepare(PERSON).run();
    for (let i = 1; i <= reports; i++) a.prepare(REPORT(i)).run();
    const one = new SqliteOutbox(a, () => clock.at);
    const two = new SqliteOutbox(b, () => clock.at);
    return { clock, one, two, close: () => b.close() };
  };

  it('a second worker (another connection) never gets a row the first has leased, until the lease ends', () => {
    const { clock, one, two, close } = setup(3);
    try {
      one.transaction(() => [1, 2, 3].forEach((id) => one.enqueue(id, `key-${id}`)));
      const first = one.lease(2, 1000);
      const second = two.lease(10, 1000);
      expect(first).toHaveLength(2);
      expect(second.map((i) => i.reportId)).toEqual([3]);
      expect(new Set([...first, ...second].map((i) => i.id)).size).toBe(3);
      expect(two.lease(10, 1000)).toEqual([]);
      clock.at = new Date(clock.at.getTime() + 1001);
      expect(two.lease(10, 1000).map((i) => i.attempts)).toEqual([2, 2, 2]);
    } finally {
      close();
    }
  });

  it('marks a row delivered once; a supplement waits until its report is delivered', () => {
    const { one, two, close } = setup(1);
    try {
      const noteId = 1;
      one.transaction(() => {
        one.enqueue(1, 'key-report');
      });
      (one as unknown as { db: SqlDb }).db.prepare("INSERT INTO report_notes (id, report_id, person_id, kind, text, created_at) VALUES (1, 1, 1, 'same_error', 'x', '')").run();
      one.enqueue(1, 'key-supplement', { noteId });
      const leased = one.lease(10, 1000);
      expect(leased.map((i) => i.kind)).toEqual(['report']);
      expect(one.markDelivered(leased[0]!.id)).toBe(true);
      expect(two.markDelivered(leased[0]!.id)).toBe(false);
      expect(two.lease(10, 1000).map((i) => i.kind)).toEqual(['supplement']);
      expect(one.depth()).toEqual({ pending: 1, dead: 0, oldestPendingAt: '2026-11-20T10:00:00.000Z' });
    } finally {
      close();
    }
  });
});
