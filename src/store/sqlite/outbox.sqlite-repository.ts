import type { SqlDb as Db } from '../sql.js';
import { SqliteInstallation } from './installation.sqlite-repository.js';

export interface OutboxItem {
  id: number;
  reportId: number;
  /** `report`: the report itself; `supplement`: a later "samme fejl her" note (`noteId`) about a delivered or approved report. */
  kind: 'report' | 'supplement';
  noteId: number | null;
  idempotencyKey: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const COLS = 'id, report_id AS reportId, kind, note_id AS noteId, idempotency_key AS idempotencyKey, status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, created_at AS createdAt, delivered_at AS deliveredAt';

/**
 * The forwarding outbox. Rows are written in the approving transaction; the worker leases due rows
 * so a crash mid-delivery only delays them (the lease expires), and the idempotency key lets the
 * receiver drop a repeat.
 */
export class SqliteOutbox {
  private installation: string | undefined;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** This installation's random id; part of every idempotency key. */
  get installationId(): string {
    this.installation ??= new SqliteInstallation(this.db).id();
    return this.installation;
  }

  /** Run `fn` in one transaction (joins an outer one), e.g. marking delivered together with the report. */
  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  /** Queue a report, or with `noteId` a supplement about it; call inside the transaction that decides it. */
  enqueue(reportId: number, idempotencyKey: string, supplement?: { noteId: number }): void {
    const at = this.now().toISOString();
    this.db
      .prepare("INSERT INTO outbox (report_id, kind, note_id, idempotency_key, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)")
      .run(reportId, supplement ? 'supplement' : 'report', supplement?.noteId ?? null, idempotencyKey, at, at);
  }

  /** Ids of the notes of a report that travel as supplements (so the report's own message leaves them out). */
  supplementNoteIds(reportId: number): Set<number> {
    const rows = this.db.prepare("SELECT note_id AS noteId FROM outbox WHERE report_id = ? AND kind = 'supplement' AND note_id IS NOT NULL").all(reportId) as { noteId: number }[];
    return new Set(rows.map((r) => r.noteId));
  }

  /** Lease up to `limit` due items for `leaseMs`; other workers skip them until the lease ends. */
  lease(limit: number, leaseMs: number): OutboxItem[] {
    if (this.db.dialect === 'postgres') return this.leaseSkipLocked(limit, leaseMs);
    return this.db
      .transaction(() => {
        const now = this.now();
        const items = this.db
          // A supplement waits until its report has been delivered: the desk must know the number first.
          .prepare(
            `SELECT ${COLS} FROM outbox o WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)` +
              " AND (kind = 'report' OR NOT EXISTS (SELECT 1 FROM outbox r WHERE r.report_id = o.report_id AND r.kind = 'report' AND r.status <> 'delivered'))" +
              ' ORDER BY next_attempt_at, id LIMIT ?',
          )
          .all(now.toISOString(), now.toISOString(), limit) as OutboxItem[];
        const until = new Date(now.getTime() + leaseMs).toISOString();
        for (const i of items) this.db.prepare('UPDATE outbox SET lease_until = ?, attempts = attempts + 1 WHERE id = ?').run(until, i.id);
        return items.map((i) => ({ ...i, attempts: i.attempts + 1 }));
      })
      .immediate();
  }

  /**
   * PostgreSQL, several replicas: claim due rows with one statement, skipping rows another replica
   * is claiming right now (FOR UPDATE SKIP LOCKED), without the global write lock, so polling
   * replicas never queue behind each other or behind approvals.
   */
  private leaseSkipLocked(limit: number, leaseMs: number): OutboxItem[] {
    const now = this.now().toISOString();
    const until = new Date(this.now().getTime() + leaseMs).toISOString();
    const items = this.db
      .prepare(
        `UPDATE outbox SET lease_until = ?, attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox o WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)` +
          " AND (kind = 'report' OR NOT EXISTS (SELECT 1 FROM outbox r WHERE r.report_id = o.report_id AND r.kind = 'report' AND r.status <> 'delivered'))" +
          ` ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING ${COLS}`,
      )
      .all(until, now, now, limit) as OutboxItem[];
    return items.sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id);
  }

  markDelivered(id: number): boolean {
    return this.db.prepare("UPDATE outbox SET status = 'delivered', delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ? AND status = 'pending'").run(this.now().toISOString(), id).changes === 1;
  }

  markRetry(id: number, nextAttemptAt: Date, error: string): void {
    this.db.prepare("UPDATE outbox SET next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ? AND status = 'pending'").run(nextAttemptAt.toISOString(), error, id);
  }

  markDead(id: number, error: string): boolean {
    return this.db.prepare("UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = ? WHERE id = ? AND status = 'pending'").run(error, id).changes === 1;
  }

  /** Put a report's dead letters (the report and any supplements) back in the queue (operator decision). */
  requeue(reportId: number): boolean {
    return this.db.prepare("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL WHERE report_id = ? AND status = 'dead'").run(this.now().toISOString(), reportId).changes > 0;
  }

  /** The report's own outbox row (not its supplements). */
  byReport(reportId: number): OutboxItem | undefined {
    return this.db.prepare(`SELECT ${COLS} FROM outbox WHERE report_id = ? AND kind = 'report'`).get(reportId) as OutboxItem | undefined;
  }

  list(status?: OutboxItem['status']): OutboxItem[] {
    return (status ? this.db.prepare(`SELECT ${COLS} FROM outbox WHERE status = ? ORDER BY id`).all(status) : this.db.prepare(`SELECT ${COLS} FROM outbox ORDER BY id`).all()) as OutboxItem[];
  }

  /** Pending items and the age of the oldest, for metrics and the CLI. */
  depth(): { pending: number; dead: number; oldestPendingAt: string | null } {
    const r = this.db
      .prepare("SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending, SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead, MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest FROM outbox")
      .get() as { pending: number | null; dead: number | null; oldest: string | null };
    return { pending: r.pending ?? 0, dead: r.dead ?? 0, oldestPendingAt: r.oldest };
  }
}
