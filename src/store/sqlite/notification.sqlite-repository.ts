import type { Reply } from '../../bot/bot.types.js';
import type { Db } from './database.js';

export interface StoredNotification {
  id: number;
  personId: number;
  kind: string;
  reportId: number | null;
  reply: Reply;
  createdAt: string;
}

/** Notifications decided by the core, kept until an adapter has delivered them. */
export class SqliteNotifications {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** How many notifications this process has added: an adapter compares it before and after a turn to know whether to deliver now. */
  added = 0;

  add(personId: number, kind: string, reportId: number | null, reply: Reply): void {
    this.added++;
    this.db.prepare('INSERT INTO notifications (person_id, kind, report_id, payload, created_at) VALUES (?, ?, ?, ?, ?)').run(personId, kind, reportId, JSON.stringify(reply), this.now().toISOString());
  }

  pending(personId?: number, limit = 100): StoredNotification[] {
    const sql = `SELECT id, person_id AS personId, kind, report_id AS reportId, payload, created_at AS createdAt FROM notifications WHERE delivered_at IS NULL ${personId === undefined ? '' : 'AND person_id = ?'} ORDER BY id LIMIT ?`;
    const rows = (personId === undefined ? this.db.prepare(sql).all(limit) : this.db.prepare(sql).all(personId, limit)) as (Omit<StoredNotification, 'reply'> & { payload: string })[];
    return rows.map(({ payload, ...r }) => ({ ...r, reply: JSON.parse(payload) as Reply }));
  }

  markDelivered(id: number, via: string): void {
    this.db.prepare('UPDATE notifications SET delivered_at = ?, delivered_via = ? WHERE id = ? AND delivered_at IS NULL').run(this.now().toISOString(), via, id);
  }

  forReport(reportId: number): { personId: number; kind: string; delivered: boolean }[] {
    return (this.db.prepare('SELECT person_id AS personId, kind, delivered_at IS NOT NULL AS delivered FROM notifications WHERE report_id = ? ORDER BY id').all(reportId) as { personId: number; kind: string; delivered: number }[]).map((r) => ({ ...r, delivered: r.delivered === 1 }));
  }
}
