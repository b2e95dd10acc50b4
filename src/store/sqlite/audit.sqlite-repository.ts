import type { SqlDb as Db } from '../sql.js';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  outcome: 'ok' | 'refused';
}

/** Append-only audit trail: every transition, seat change and refused attempt. */
export class SqliteAudit {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  record(e: { actor: string; action: string; subject: string; before?: unknown; after?: unknown; outcome?: 'ok' | 'refused' }): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, subject, before, after, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), e.actor, e.action, e.subject, e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after), e.outcome ?? 'ok');
  }

  list(opts: { subject?: string; limit?: number } = {}): AuditEntry[] {
    const rows = (opts.subject
      ? this.db.prepare('SELECT * FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT ?').all(opts.subject, opts.limit ?? 1000)
      : this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(opts.limit ?? 1000)) as (Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null })[];
    return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
  }
}
