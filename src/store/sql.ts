/**
 * The slice of a synchronous SQL connection the repositories use. better-sqlite3's Database has
 * exactly this shape; `PgDb` (src/store/postgres) gives PostgreSQL the same one, so every
 * repository runs unchanged on either. Repositories write portable SQL (`?` placeholders,
 * `RETURNING`, `ON CONFLICT`, `CASE`); the few SQLite idioms PgDb rewrites are listed there.
 */
export interface SqlRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqlStatement {
  run(...params: unknown[]): SqlRunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => any;

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface SqlTransaction<F extends Fn> {
  (...args: any[]): ReturnType<F>;
  /** Holds the write lock from the start (SQLite: BEGIN IMMEDIATE; PostgreSQL: the write lock). */
  immediate(...args: any[]): ReturnType<F>;
  deferred(...args: any[]): ReturnType<F>;
  exclusive(...args: any[]): ReturnType<F>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface SqlDb {
  /** Undefined for better-sqlite3 (SQLite); 'postgres' for PgDb. */
  readonly dialect?: 'postgres';
  prepare(sql: string): SqlStatement;
  exec(sql: string): unknown;
  transaction<F extends Fn>(fn: F): SqlTransaction<F>;
  readonly inTransaction: boolean;
  close(): unknown;
}

export const isPostgres = (db: SqlDb): boolean => db.dialect === 'postgres';
