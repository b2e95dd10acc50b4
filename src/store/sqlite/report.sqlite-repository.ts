import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { Report, ReportStatus } from '../../reports/report.types.js';
import type { ReportDraft } from '../../reports/report.schema.js';
import type { Note, ReportPatch, ReportStore } from '../../reports/report.store.port.js';
import type { SqlDb as Db } from '../sql.js';

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
  uid: string | null;
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
  ...(r.uid ? { uid: r.uid } : {}),
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
  /**
   * @param highWaterFile where the highest number ever issued is also kept, outside the database
   * (next to it), so that numbering continues past it after the database is restored from a backup.
   */
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly highWaterFile?: string,
  ) {}

  transaction<T>(fn: () => T): T {
    // Nested calls join the outer transaction (better-sqlite3 uses savepoints for those).
    return this.db.inTransaction ? this.db.transaction(fn)() : this.db.transaction(fn).immediate();
  }

  createDraft(municipalityCode: string, reporterId: number, fields: ReportDraft, step: string | null): Report {
    const at = this.now().toISOString();
    const r = this.db
      .prepare("INSERT INTO reports (municipality_code, reporter_id, status, fields, draft_step, created_at, updated_at, uid) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?) RETURNING id")
      .get(municipalityCode, reporterId, JSON.stringify(fields), step, at, at, randomUUID()) as { id: number };
    return this.byId(r.id)!;
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

  /**
   * Next human-friendly number for `year`; call inside the submitting transaction. The counter in
   * the database goes back in time when a backup is restored, so the number is also above the
   * high-water file, which is written (and fsynced) before the transaction commits: a crash in
   * between leaves a gap, never a repeat.
   */
  nextNumber(year: number): string {
    const outside = this.highWaterFile ? (readHighWater(this.highWaterFile)[String(year)] ?? 0) : 0;
    const row = this.db
      .prepare('INSERT INTO report_numbers (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = CASE WHEN report_numbers.last + 1 > excluded.last THEN report_numbers.last + 1 ELSE excluded.last END RETURNING last')
      .get(year, outside + 1) as { last: number };
    if (this.highWaterFile) writeHighWater(this.highWaterFile, { ...readHighWater(this.highWaterFile), [String(year)]: row.last });
    return `AULA-${year}-${String(row.last).padStart(6, '0')}`;
  }

  /** Make sure numbering continues above `highest` (per year), e.g. the numbers found in FORWARD_DIR. */
  raiseHighWater(highest: Record<string, number>): void {
    const current = this.db.prepare('SELECT last FROM report_numbers WHERE year = ?');
    const entries = Object.entries(highest).filter(
      ([y, n]) => /^\d{4}$/.test(y) && Number.isInteger(n) && n > ((current.get(Number(y)) as { last: number } | undefined)?.last ?? 0),
    );
    // Usually nothing to raise: then no write, so a start does not wait for the write lock.
    if (!entries.length) return;
    this.transaction(() => {
      for (const [year, n] of entries) {
        this.db.prepare('INSERT INTO report_numbers (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = CASE WHEN report_numbers.last > excluded.last THEN report_numbers.last ELSE excluded.last END').run(Number(year), n);
      }
    });
  }

  addNote(reportId: number, personId: number, kind: Note['kind'], text: string, details?: Record<string, unknown>): number {
    const r = this.db
      .prepare('INSERT INTO report_notes (report_id, person_id, kind, text, created_at, details) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .get(reportId, personId, kind, text, this.now().toISOString(), details ? JSON.stringify(details) : null) as { id: number };
    return r.id;
  }

  notes(reportId: number): Note[] {
    const rows = this.db
      .prepare('SELECT id, report_id AS reportId, person_id AS personId, kind, text, created_at AS createdAt, details FROM report_notes WHERE report_id = ? ORDER BY id')
      .all(reportId) as (Omit<Note, 'details'> & { details: string | null })[];
    return rows.map(({ details, ...n }) => (details ? { ...n, details: JSON.parse(details) as Record<string, unknown> } : n));
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
        this.db.prepare("UPDATE report_notes SET text = '[anonymiseret]', details = NULL WHERE report_id = ?").run(id);
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

/** `{ "2026": 123 }`: the highest number issued per year; absent or unreadable counts as none. */
export function readHighWater(file: string): Record<string, number> {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return {};
    throw err;
  }
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    return {};
  }
}

/** Write whole (temp file, fsync, rename): a torn file would read as "none" and let numbers repeat. */
function writeHighWater(file: string, value: Record<string, number>): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(value)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
