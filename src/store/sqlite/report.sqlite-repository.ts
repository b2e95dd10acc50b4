import type { Report, ReportStatus } from '../../reports/report.types.js';
import type { ReportDraft } from '../../reports/report.schema.js';
import type { Note, ReportPatch, ReportStore } from '../../reports/report.store.port.js';
import type { Db } from './database.js';

interface Row {
  id: number;
  number: string | null;
  municipality_code: string;
  reporter_id: number;
  status: ReportStatus;
  fields: string;
  draft_step: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  external_status: string | null;
  external_reference: string | null;
  closed_at: string | null;
}

const toReport = (r: Row): Report => ({
  id: r.id,
  number: r.number,
  municipalityCode: r.municipality_code,
  reporterId: r.reporter_id,
  status: r.status,
  fields: JSON.parse(r.fields) as ReportDraft,
  draftStep: r.draft_step,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  externalStatus: r.external_status,
  externalReference: r.external_reference,
  closedAt: r.closed_at,
});

const COLUMN: Record<keyof ReportPatch, string> = {
  status: 'status',
  fields: 'fields',
  draftStep: 'draft_step',
  number: 'number',
  submittedAt: 'submitted_at',
  decidedBy: 'decided_by',
  decidedAt: 'decided_at',
  decisionNote: 'decision_note',
  externalStatus: 'external_status',
  externalReference: 'external_reference',
  closedAt: 'closed_at',
};

/** Reports in SQLite. Every change is compare-and-set on (status, version). */
export class SqliteReports implements ReportStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  transaction<T>(fn: () => T): T {
    // Nested calls join the outer transaction (better-sqlite3 uses savepoints for those).
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  createDraft(municipalityCode: string, reporterId: number, fields: ReportDraft, step: string | null): Report {
    const at = this.now().toISOString();
    const r = this.db
      .prepare("INSERT INTO reports (municipality_code, reporter_id, status, fields, draft_step, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)")
      .run(municipalityCode, reporterId, JSON.stringify(fields), step, at, at);
    return this.byId(Number(r.lastInsertRowid))!;
  }

  byId(id: number): Report | undefined {
    const r = this.db.prepare('SELECT * FROM reports WHERE id = ?').get(id) as Row | undefined;
    return r && toReport(r);
  }

  byNumber(number: string): Report | undefined {
    const r = this.db.prepare('SELECT * FROM reports WHERE number = ? COLLATE NOCASE').get(number.trim()) as Row | undefined;
    return r && toReport(r);
  }

  /** Apply `patch` only if the report is still in one of `from` at `version`. Returns the new report or undefined. */
  compareAndSet(id: number, from: readonly ReportStatus[], version: number, patch: ReportPatch): Report | undefined {
    const sets = Object.keys(patch).map((k) => `${COLUMN[k as keyof ReportPatch]} = ?`);
    const values = Object.entries(patch).map(([k, v]) => (k === 'fields' ? JSON.stringify(v) : v));
    const r = this.db
      .prepare(`UPDATE reports SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ? AND status IN (${from.map(() => '?').join(', ')})`)
      .run(...values, this.now().toISOString(), id, version, ...from);
    return r.changes === 1 ? this.byId(id) : undefined;
  }

  list(filter: { municipalityCode?: string; status?: ReportStatus; reporterId?: number; limit?: number } = {}): Report[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.municipalityCode) where.push('municipality_code = ?') && args.push(filter.municipalityCode);
    if (filter.status) where.push('status = ?') && args.push(filter.status);
    if (filter.reporterId !== undefined) where.push('reporter_id = ?') && args.push(filter.reporterId);
    const sql = `SELECT * FROM reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 500) as Row[]).map(toReport);
  }

  /** Open (submitted, approved, forwarded, needs_info) reports of a municipality submitted since `since`. */
  openSince(municipalityCode: string, since: string): Report[] {
    return (
      this.db
        .prepare("SELECT * FROM reports WHERE municipality_code = ? AND status IN ('submitted', 'approved', 'forwarded', 'needs_info') AND closed_at IS NULL AND submitted_at >= ? ORDER BY submitted_at DESC")
        .all(municipalityCode, since) as Row[]
    ).map(toReport);
  }

  /** Next human-friendly number for `year`; call inside the submitting transaction. */
  nextNumber(year: number): string {
    const row = this.db.prepare('INSERT INTO report_numbers (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last').get(year) as { last: number };
    return `AULA-${year}-${String(row.last).padStart(6, '0')}`;
  }

  addNote(reportId: number, personId: number, kind: Note['kind'], text: string): void {
    this.db.prepare('INSERT INTO report_notes (report_id, person_id, kind, text, created_at) VALUES (?, ?, ?, ?, ?)').run(reportId, personId, kind, text, this.now().toISOString());
  }

  notes(reportId: number): Note[] {
    return this.db
      .prepare('SELECT id, report_id AS reportId, person_id AS personId, kind, text, created_at AS createdAt FROM report_notes WHERE report_id = ? ORDER BY id')
      .all(reportId) as Note[];
  }

  countByStatus(): Record<string, number> {
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM reports GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Replace free text of closed reports older than `before` with a marker; returns how many. */
  anonymiseClosedBefore(before: string, anonymised: string): number {
    return this.transaction(() => {
      const rows = this.db.prepare('SELECT id, number FROM reports WHERE closed_at IS NOT NULL AND closed_at < ? AND anonymised_at IS NULL').all(before) as { id: number; number: string | null }[];
      const at = this.now().toISOString();
      for (const { id, number } of rows) {
        // Bumping the version makes the chat adapters replace every posted copy of the approval card too.
        this.db.prepare('UPDATE reports SET fields = ?, decision_note = NULL, anonymised_at = ?, version = version + 1 WHERE id = ?').run(anonymised, at, id);
        this.db.prepare("UPDATE report_notes SET text = '[anonymiseret]' WHERE report_id = ?").run(id);
        // Notifications carry the report's text (approval cards: title, description, reporter's e-mail; reasons, notes).
        this.db.prepare('UPDATE notifications SET payload = ? WHERE report_id = ?').run(ANONYMISED_NOTIFICATION, id);
        if (number) this.scrubAudit(`report:${number}`);
      }
      return rows.length;
    });
  }

  /** Audit entries keep who did what and when; of before/after only the status fields survive anonymisation. */
  private scrubAudit(subject: string): void {
    const entries = this.db.prepare('SELECT id, before, after FROM audit_log WHERE subject = ?').all(subject) as { id: number; before: string | null; after: string | null }[];
    for (const e of entries) {
      const before = keepStatus(e.before);
      const after = keepStatus(e.after);
      if (before !== e.before || after !== e.after) this.db.prepare('UPDATE audit_log SET before = ?, after = ? WHERE id = ?').run(before, after, e.id);
    }
  }
}

const ANONYMISED_NOTIFICATION = JSON.stringify({ elements: [{ kind: 'text', markdown: '[anonymiseret]' }] });
const AUDIT_KEPT = new Set(['status', 'external']);

function keepStatus(json: string | null): string | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const kept = Object.fromEntries(Object.entries(value).filter(([k, v]) => AUDIT_KEPT.has(k) && (typeof v === 'string' || v === null)));
  const out = JSON.stringify(kept);
  return out === json ? json : Object.keys(kept).length ? out : null;
}
