import type { SqlDb } from './sql.js';

/**
 * Run periodic work (notification passes, retention) on one replica at a time. With PostgreSQL
 * several replicas share the database: the first to take the named advisory lock runs the pass,
 * the others skip this round (the lock is released after the pass, or with the connection if the
 * replica dies). With SQLite there is one server per database file, whose leader process runs it.
 */
export async function runExclusive<T>(db: SqlDb, name: string, fn: () => Promise<T>): Promise<T | undefined> {
  if (db.dialect !== 'postgres') return fn();
  const got = db.prepare('SELECT pg_try_advisory_lock(hashtext(?)) AS ok').get(`aula:${name}`) as { ok: boolean } | undefined;
  if (!got?.ok) return undefined;
  try {
    return await fn();
  } finally {
    try {
      db.prepare('SELECT pg_advisory_unlock(hashtext(?))').get(`aula:${name}`);
    } catch {
      /* connection lost: the server released the lock with it */
    }
  }
}
