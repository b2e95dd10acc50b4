import type { DatabaseHealthReport } from '../sqlite/database.health.js';
import type { PgDb } from './pg.db.js';

const MAIN_TABLES = ['questions', 'people', 'identities', 'seats', 'reports', 'report_notes', 'audit_log', 'outbox', 'notifications', 'conversation_state', 'processed_events'];

/**
 * What /healthz says about PostgreSQL: a real read of each main table (first row by key), so an
 * unreachable server, a missing table or a revoked grant shows as 503, not "ok". A statement that
 * waits for a lock held by another replica longer than lock_timeout reports "locked".
 */
export class PgHealth {
  constructor(private readonly db: PgDb) {}

  check(): DatabaseHealthReport {
    try {
      for (const table of MAIN_TABLES) this.db.sync.query(`SELECT 1 FROM ${table} LIMIT 1`);
      return { state: 'ok' };
    } catch (err) {
      const code = String((err as { code?: string }).code ?? (err as Error).name);
      if (code === '55P03') return { state: 'locked', detail: 'lock timeout' };
      return { state: 'error', detail: `postgres ${code}` };
    }
  }
}
