import { expect, it } from 'vitest';
import { PG_MIGRATIONS, SQLITE_FOLDED } from '../../src/store/postgres/pg.migrations.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { usePostgres } from '../harness/pg-store.js';

const pg = usePostgres();

/**
 * A schema change must reach both stores: every SQLite migration after the ones folded into the
 * first PostgreSQL migration needs a PostgreSQL twin (src/store/postgres/pg.migrations.ts).
 */
it('SQLite and PostgreSQL have the same tables and columns', () => {
  const sqlite = openDatabase(':memory:');
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const fromSqlite = Object.fromEntries(tables.map((t) => [t, (sqlite.prepare(`SELECT name FROM pragma_table_info('${t}') ORDER BY name`).all() as { name: string }[]).map((c) => c.name)]));
  const db = pg.fresh();
  const rows = db.prepare("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, column_name").all() as { t: string; c: string }[];
  const fromPg: Record<string, string[]> = {};
  for (const r of rows) (fromPg[r.t] ??= []).push(r.c);
  for (const cols of Object.values(fromPg)) cols.sort();
  expect(fromPg).toEqual(fromSqlite);
  // One PostgreSQL migration per SQLite migration after the folded ones.
  expect(MIGRATIONS.length - SQLITE_FOLDED, 'a new SQLite migration needs its PostgreSQL twin appended to PG_MIGRATIONS').toBe(PG_MIGRATIONS.length - 1);
});
