import type { Db } from '../sqlite/database.js';
import { readHighWater, SqliteReports } from '../sqlite/report.sqlite-repository.js';
import type { PgDb } from './pg.db.js';

/** Every table, parents before children (foreign keys), so rows can be inserted in this order. */
export const COPY_ORDER = [
  'installation',
  'people',
  'identities',
  'seats',
  'audit_log',
  'reports',
  'report_numbers',
  'report_notes',
  'outbox',
  'notifications',
  'notification_unreachable',
  'channel_settings',
  'conversation_refs',
  'conversation_state',
  'posted_messages',
  'processed_events',
  'seen_signatures',
  'support_contacts',
  'questions',
  'answer_feedback',
  'asker_roles',
] as const;

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

export class CopyRefused extends Error {}

const BATCH = 200;
const count = (db: { prepare(sql: string): { get(): unknown } }, table: string) => Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);

/**
 * Copy every row of a SQLite database into an empty, migrated PostgreSQL database in one
 * transaction, keeping ids (so report numbers, outbox keys and the installation id stay the
 * same), move the identity sequences past them, carry the `.numbers` high-water mark over, and
 * count every table on both sides. A target that already holds people, reports or questions is refused.
 */
export function copySqliteToPostgres(source: Db, target: PgDb, highWaterFile?: string): TableCount[] {
  const busy = ['people', 'reports', 'questions'].filter((t) => count(target, t) > 0);
  if (busy.length) throw new CopyRefused(`target not empty: ${busy.join(', ')}`);
  target.transaction(() => {
    target.prepare('DELETE FROM installation').run();
    for (const table of COPY_ORDER) copyTable(source, target, table);
    for (const table of COPY_ORDER) {
      const hasId = (source.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info('${table}') WHERE name = 'id'`).get() as { n: number }).n > 0;
      if (hasId) target.prepare(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM ${table}), false)`).get();
    }
    if (highWaterFile) new SqliteReports(target).raiseHighWater(readHighWater(highWaterFile));
  })();
  return COPY_ORDER.map((table) => ({ table, sqlite: count(source, table), postgres: count(target, table) }));
}

function copyTable(source: Db, target: PgDb, table: string): void {
  const columns = (source.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all() as { name: string }[]).map((c) => c.name);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const read = source.prepare(`SELECT ${list} FROM ${table} ORDER BY rowid LIMIT ? OFFSET ?`);
  for (let offset = 0; ; offset += BATCH) {
    const rows = (read.all(BATCH, offset) as Record<string, unknown>[]).map((r) => columns.map((c) => r[c]));
    if (!rows.length) break;
    const values = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    target.prepare(`INSERT INTO ${table} (${list}) VALUES ${values}`).run(...rows.flat());
    if (rows.length < BATCH) break;
  }
}
