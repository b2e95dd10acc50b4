import { afterAll, beforeAll } from 'vitest';
import type { PgDb } from '../../src/store/postgres/pg.db.js';
import { openPostgres } from '../../src/store/postgres/pg.open.js';
import { startTestPostgres, type TestPostgres } from './postgres.js';

/**
 * A PostgreSQL database for one test file: a server is started before the file's tests (embedded,
 * or TEST_DATABASE_URL) and stopped after. `fresh()` returns the migrated database with every table
 * emptied, for a contract test that wants a clean store; `url()` returns a new empty database.
 */
export function usePostgres(): { fresh(): PgDb; url(): Promise<string> } {
  let server: TestPostgres | undefined;
  let db: PgDb | undefined;
  let tables: string[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
    db = openPostgres(await server.createDatabase());
    tables = (db.prepare("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'installation')").all() as { name: string }[]).map((r) => r.name);
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });
  return {
    fresh() {
      if (!db) throw new Error('usePostgres: the server is not started yet (call fresh() inside a test)');
      db.exec(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
      return db;
    },
    async url() {
      if (!server) throw new Error('usePostgres: the server is not started yet');
      return server.createDatabase();
    },
  };
}
