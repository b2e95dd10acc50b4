import { PgDb } from './pg.db.js';
import { PG_MIGRATIONS } from './pg.migrations.js';
import type { PgSyncOptions } from './pg.sync.js';

/** Held (session-level) while migrations run, so replicas that start together migrate once. */
export const MIGRATION_LOCK_KEY = 0x61756d67; // 'aumg'

export interface OpenPostgresOptions extends PgSyncOptions {
  /** Longest a starting replica waits for another one's migration. */
  migrationWaitMs?: number;
  /** Called while waiting for another replica's migration (for a log line). */
  onWait?: () => void;
}

/** Connect to PostgreSQL and apply the migrations not yet applied. */
export function openPostgres(url: string, options: OpenPostgresOptions = {}): PgDb {
  const db = new PgDb(url, options);
  try {
    migratePostgres(db, options);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Apply PG_MIGRATIONS in order, each in its own transaction, under an advisory lock: a replica that
 * starts while another migrates waits for it, then finds nothing left to do and serves.
 */
export function migratePostgres(db: PgDb, options: OpenPostgresOptions = {}): number {
  const deadline = Date.now() + (options.migrationWaitMs ?? 120_000);
  let waited = false;
  while (!(db.sync.query('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK_KEY]).rows[0]?.ok)) {
    if (Date.now() > deadline) throw new Error('timed out waiting for another replica to finish migrating the PostgreSQL database');
    if (!waited) options.onWait?.();
    waited = true;
    sleep(200);
  }
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const current = Number((db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v);
    for (let v = current; v < PG_MIGRATIONS.length; v++) {
      db.transaction(() => {
        db.exec(PG_MIGRATIONS[v]!);
        if (v === 0) db.exec("INSERT INTO installation (key, value) VALUES ('id', gen_random_uuid()::text)");
        db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(v + 1, new Date().toISOString());
      })();
    }
    return PG_MIGRATIONS.length - current;
  } finally {
    db.sync.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
