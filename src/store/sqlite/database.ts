import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Open (creating if needed) the SQLite database, set pragmas and apply migrations.
 * `synchronous`: FULL (default) also survives power loss; NORMAL in WAL mode survives a crash or
 * kill -9 of the process but may lose the last commits on power loss, for high-volume, low-value
 * writes (question log, event ids, conversation references).
 */
export function openDatabase(path: string, synchronous: 'FULL' | 'NORMAL' = 'FULL', busyTimeoutMs = 5000): Db {
  try {
    if (path !== ':memory:') createPrivately(path);
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
    // better-sqlite3 is synchronous: a long wait for another process's write lock freezes the event
    // loop, so the server passes a short one (its writes fail fast with SQLITE_BUSY and are retried).
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    return db;
  } catch (err) {
    if (isCorruption(err)) throw new DatabaseUnusable(path, (err as { code: string }).code);
    throw err;
  }
}

/**
 * A new database file is created owner-only (0600) before SQLite opens it: SQLite gives the -wal
 * and -shm files the mode of the database file, so they follow. An existing file keeps its mode.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Online backup to `file`, owner-only (0600) like the database itself. */
export async function backupDatabase(db: Db, file: string): Promise<void> {
  createPrivately(file);
  await db.backup(file);
  chmodSync(file, 0o600);
}

/** The database file cannot be used: not a database, or its pages are damaged. */
export class DatabaseUnusable extends Error {
  constructor(readonly path: string, readonly code: string) {
    super(`database ${path} is unusable (${code}); restore it from a backup (README: "Drift")`);
    this.name = 'DatabaseUnusable';
  }

  /** The one plain Danish line an operator sees on stderr. */
  get danish(): string {
    return `Databasen ${this.path} kan ikke bruges: filen er beskadiget eller ikke en SQLite-database (${this.code}). Gendan den seneste sikkerhedskopi som beskrevet i README'en under "Drift" (afsnittet "Gendan fra sikkerhedskopi").`;
  }
}

const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

export function isCorruption(err: unknown): boolean {
  return CORRUPTION_CODES.has(String((err as { code?: unknown } | null)?.code ?? ''));
}

/** Another connection holds the lock longer than our busy timeout (PostgreSQL: lock timeout, serialization failure, deadlock). */
export function isBusy(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)|^55P03$|^40001$|^40P01$/.test(String((err as { code?: unknown } | null)?.code ?? ''));
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
