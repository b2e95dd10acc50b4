import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Open (creating if needed) the SQLite database, set pragmas and apply migrations.
 * `synchronous`: FULL (default) also survives power loss; NORMAL in WAL mode survives a crash or
 * kill -9 of the process but may lose the last commits on power loss, for high-volume, low-value
 * writes (question log, event ids, conversation references).
 */
export function openDatabase(path: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // First, so that switching to WAL and migrating wait for another process opening the same file;
  // at start-up a longer wait is fine (a busy machine starting several workers can take seconds).
  db.pragma('busy_timeout = 30000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  // Deleted and overwritten content is zeroed in the file, so retention leaves no text in free pages.
  db.pragma('secure_delete = ON');
  cacheStatements(db);
  migrate(db);
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Memoise `db.prepare` by SQL text: compiling a statement costs more than running most of ours, and
 * the repositories prepare on every call. Safe because no caller switches a statement's mode
 * (pluck/raw/expand) or keeps one iterating; bounded because a few statements are built dynamically.
 */
function cacheStatements(db: Db, max = 500): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= max) cache.clear();
      stmt = prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as Db['prepare'];
}

/**
 * Apply the migrations not yet applied, one per transaction. The version is read inside the write
 * transaction, so processes starting together on a new file (cluster workers, the CLI beside the
 * server) apply each migration exactly once.
 */
export function migrate(db: Db): void {
  const step = db.transaction(() => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v >= MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate());
}

/** True when the database answers a trivial query (for health checks). */
export function databaseOk(db: Db): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
