import type { SqlDb, SqlRunResult, SqlStatement, SqlTransaction } from '../sql.js';
import { PgSync, type PgSyncOptions } from './pg.sync.js';

/**
 * Every transaction takes this advisory lock first, so writers run one at a time across all
 * replicas, as they do on SQLite (BEGIN IMMEDIATE). The repositories' reasoning (read, check, write
 * in one transaction) therefore holds unchanged; readers never wait. Hot paths that must not
 * queue behind it (outbox and notification claims) use row locks with SKIP LOCKED instead.
 */
export const WRITE_LOCK_KEY = 0x61756c61; // 'aula'

/**
 * SQL as the repositories write it, for PostgreSQL: `?` placeholders become `$1…$n`,
 * `x = ? COLLATE NOCASE` becomes `lower(x) = lower(?)`, `instr(` becomes `strpos(`, and camelCase
 * aliases are quoted (with every later use of them, e.g. in ORDER BY).
 * Everything else the repositories write is portable (RETURNING, ON CONFLICT, CASE).
 */
export function toPostgresSql(sql: string): string {
  let nocase = sql.replace(/([A-Za-z_][\w.]*) = \? COLLATE NOCASE/g, 'lower($1) = lower(?)').replace(/\binstr\(/g, 'strpos(');
  // camelCase aliases (`report_id AS reportId`): PostgreSQL folds unquoted names to lower case.
  const aliases = new Set([...nocase.matchAll(/\bAS ([a-z]+[A-Z]\w*)/g)].map((m) => m[1]!));
  for (const alias of aliases) nocase = nocase.replace(new RegExp(`(?<![\\w."])${alias}(?![\\w"])`, 'g'), `"${alias}"`);
  let n = 0;
  let out = '';
  let quoted = false;
  for (const ch of nocase) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

/** PostgreSQL with better-sqlite3's synchronous shape (see SqlDb and PgSync). */
export class PgDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  private depth = 0;
  private savepoints = 0;
  private readonly statements = new Map<string, SqlStatement>();
  readonly sync: PgSync;

  constructor(readonly url: string, options: PgSyncOptions = {}) {
    this.sync = new PgSync(url, options);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(sql: string): SqlStatement {
    let stmt = this.statements.get(sql);
    if (stmt) return stmt;
    const text = toPostgresSql(sql);
    const q = (params: unknown[]) => this.sync.query(text, params, { prepared: true });
    stmt = {
      run: (...params: unknown[]): SqlRunResult => {
        const r = q(params);
        const id = r.rows[0]?.id;
        return { changes: r.rowCount, lastInsertRowid: typeof id === 'number' ? id : 0 };
      },
      get: (...params: unknown[]) => q(params).rows[0],
      all: (...params: unknown[]) => q(params).rows,
    };
    if (this.statements.size >= 500) this.statements.clear();
    this.statements.set(sql, stmt);
    return stmt;
  }

  exec(sql: string): void {
    this.sync.query(sql, [], { multi: true });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  transaction<F extends (...args: any[]) => any>(fn: F): SqlTransaction<F> {
    const run = (...args: Parameters<F>): ReturnType<F> => (this.depth > 0 ? this.nested(fn, args) : this.outer(fn, args));
    return Object.assign(run, { immediate: run, deferred: run, exclusive: run });
  }

  close(): void {
    this.sync.close();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private outer<F extends (...args: any[]) => any>(fn: F, args: Parameters<F>): ReturnType<F> {
    this.sync.query('BEGIN');
    this.depth = 1;
    try {
      this.sync.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY], { prepared: true });
      const result = fn(...args);
      if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
      this.sync.query('COMMIT');
      return result;
    } catch (err) {
      try {
        this.sync.query('ROLLBACK');
      } catch {
        /* the connection is gone: the server rolled back */
      }
      throw err;
    } finally {
      this.depth = 0;
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private nested<F extends (...args: any[]) => any>(fn: F, args: Parameters<F>): ReturnType<F> {
    const name = `sp_${++this.savepoints}`;
    this.sync.query(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn(...args);
      this.sync.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      this.sync.query(`ROLLBACK TO SAVEPOINT ${name}`);
      this.sync.query(`RELEASE SAVEPOINT ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }
}
