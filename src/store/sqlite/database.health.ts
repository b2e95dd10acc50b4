import Database from 'better-sqlite3';
import type { Db } from './database.js';
import { isBusy, isCorruption } from './database.js';

/** The tables whose pages every chat turn and every report touches. */
const MAIN_TABLES = ['questions', 'people', 'identities', 'seats', 'reports', 'report_notes', 'audit_log', 'outbox', 'notifications', 'conversation_state', 'processed_events', 'conversation_refs'];

export type DatabaseState = 'ok' | 'locked' | 'corrupt' | 'error';

export interface DatabaseHealthReport {
  state: DatabaseState;
  /** Short English detail for operators (never row contents). */
  detail?: string;
}

/**
 * What /healthz says about the database. `SELECT 1` reads no pages, so it answered "ok" on a file
 * with overwritten pages. Here: a real read of the first and the last row of each main table on
 * every call (cheap: a few pages, on a fresh read-only connection so nothing comes from a cache), plus `PRAGMA quick_check`, which reads every page, at most once
 * per `quickCheckEveryMs` (cached in between, because it costs time proportional to the file).
 * A write lock held by another process is reported as "locked" without waiting for it.
 */
export class DatabaseHealth {
  private lastQuickCheck = -Infinity;
  private quickCheckResult: DatabaseHealthReport = { state: 'ok' };

  constructor(
    private readonly db: Db,
    private readonly quickCheckEveryMs = 60_000,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  check(): DatabaseHealthReport {
    // A fresh read-only connection: the server's own connections keep pages cached, so damage done
    // to the file underneath a running server would not show through them.
    let reader: Db | undefined;
    try {
      reader = this.db.memory ? this.db : new Database(this.db.name, { readonly: true, fileMustExist: true, timeout: 200 });
      for (const table of MAIN_TABLES) {
        if (!this.exists(reader, table)) continue;
        reader.prepare(`SELECT * FROM ${table} ORDER BY rowid LIMIT 1`).all();
        reader.prepare(`SELECT * FROM ${table} ORDER BY rowid DESC LIMIT 1`).all();
      }
      if (this.nowMs() - this.lastQuickCheck >= this.quickCheckEveryMs) {
        const rows = reader.pragma('quick_check(5)') as { quick_check: string }[];
        const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
        this.quickCheckResult = problems.length ? { state: 'corrupt', detail: `quick_check: ${problems.join('; ').slice(0, 300)}` } : { state: 'ok' };
        this.lastQuickCheck = this.nowMs();
      }
      if (this.quickCheckResult.state !== 'ok') return this.quickCheckResult;
      return this.writeLockFree() ? { state: 'ok' } : { state: 'locked', detail: 'another connection holds the write lock' };
    } catch (err) {
      if (isCorruption(err)) return { state: 'corrupt', detail: String((err as { code?: string }).code) };
      if (isBusy(err)) return { state: 'locked', detail: 'database locked' };
      return { state: 'error', detail: String((err as { code?: string }).code ?? (err as Error).name) };
    } finally {
      if (reader && reader !== this.db) reader.close();
    }
  }

  private exists(reader: Db, table: string): boolean {
    return reader.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  }

  /** Try to take the write lock without waiting (busy_timeout 0 for this one statement), then let go. */
  private writeLockFree(): boolean {
    if (this.db.inTransaction || this.db.memory) return true;
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      this.db.exec('ROLLBACK');
      return true;
    } catch (err) {
      if (isBusy(err)) return false;
      throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }
}
