import type { Db } from './database.js';

export interface OutboxItem {
  id: number;
  reportId: number;
  idempotencyKey: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const COLS = 'id, report_id AS reportId, idempotency_key AS idempotencyKey, status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, created_at AS createdAt, delivered_at AS deliveredAt';

/**
 * The forwarding outbox. Rows are written in the approving transaction; the worker leases due rows
 * so a crash mid-delivery only delays them (the lease expires), and the idempotency key lets the
 * receiver drop a repeat.
 */
export class SqliteOutbox {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  enqueue(reportId: number, idempotencyKey: string): void {
    const at = this.now().toISOString();
    this.db.prepare("INSERT INTO outbox (report_id, idempotency_key, status, next_attempt_at, created_at) VALUES (?, ?, 'pending', ?, ?)").run(reportId, idempotencyKey, at, at);
  }

  /** Lease up to `limit` due items for `leaseMs`; other workers skip them until the lease ends. */
  lease(limit: number, leaseMs: number): OutboxItem[] {
    return this.db
      .transaction(() => {
        const now = this.now();
        const items = this.db
          .prepare(`SELECT ${COLS} FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at LIMIT ?`)
          .all(now.toISOString(), now.toISOString(), limit) as OutboxItem[];
        const until = new Date(now.getTime() + leaseMs).toISOString();
        for (const i of items) this.db.prepare('UPDATE outbox SET lease_until = ?, attempts = attempts + 1 WHERE id = ?').run(until, i.id);
        return items.map((i) => ({ ...i, attempts: i.attempts + 1 }));
      })
      .immediate();
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

  /** Put a dead letter back in the queue (operator decision). */
  requeue(reportId: number): boolean {
    return this.db.prepare("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL WHERE report_id = ? AND status = 'dead'").run(this.now().toISOString(), reportId).changes === 1;
  }

  byReport(reportId: number): OutboxItem | undefined {
    return this.db.prepare(`SELECT ${COLS} FROM outbox WHERE report_id = ?`).get(reportId) as OutboxItem | undefined;
  }

  list(status?: OutboxItem['status']): OutboxItem[] {
    return (status ? this.db.prepare(`SELECT ${COLS} FROM outbox WHERE status = ? ORDER BY id`).all(status) : this.db.prepare(`SELECT ${COLS} FROM outbox ORDER BY id`).all()) as OutboxItem[];
  }

  /** Pending items and the age of the oldest, for metrics and the CLI. */
  depth(): { pending: number; dead: number; oldestPendingAt: string | null } {
    const r = this.db
      .prepare("SELECT SUM(status = 'pending') AS pending, SUM(status = 'dead') AS dead, MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest FROM outbox")
      .get() as { pending: number | null; dead: number | null; oldest: string | null };
    return { pending: r.pending ?? 0, dead: r.dead ?? 0, oldestPendingAt: r.oldest };
  }
}
