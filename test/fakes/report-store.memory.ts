import { randomUUID } from 'node:crypto';
import type { ReportDraft } from '../../src/reports/report.schema.js';
import type { Note, ReportPatch, ReportStore } from '../../src/reports/report.store.port.js';
import type { Report, ReportStatus } from '../../src/reports/report.types.js';

const OPEN: readonly ReportStatus[] = ['submitted', 'approved', 'forwarded', 'needs_info'];

/** Test fake with the same contract as SqliteReports; a transaction rolls back on throw. */
export class MemoryReportStore implements ReportStore {
  private reports: Report[] = [];
  private noteList: Note[] = [];
  private numbers = new Map<number, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  transaction<T>(fn: () => T): T {
    const saved = { reports: structuredClone(this.reports), notes: structuredClone(this.noteList), numbers: new Map(this.numbers) };
    try {
      return fn();
    } catch (err) {
      this.reports = saved.reports;
      this.noteList = saved.notes;
      this.numbers = saved.numbers;
      throw err;
    }
  }

  createDraft(municipalityCode: string, reporterId: number, fields: ReportDraft, step: string | null): Report {
    const at = this.now().toISOString();
    const r: Report = {
      id: this.reports.length + 1, number: null, municipalityCode, reporterId, status: 'draft', fields: structuredClone(fields), draftStep: step, version: 0,
      createdAt: at, updatedAt: at, submittedAt: null, decidedBy: null, decidedAt: null, decisionNote: null, externalStatus: null, externalReference: null, closedAt: null,
      uid: randomUUID(),
    };
    this.reports.push(r);
    return structuredClone(r);
  }

  byId(id: number): Report | undefined {
    const r = this.reports.find((x) => x.id === id);
    return r && structuredClone(r);
  }

  byNumber(number: string): Report | undefined {
    const r = this.reports.find((x) => x.number?.toLowerCase() === number.trim().toLowerCase());
    return r && structuredClone(r);
  }

  compareAndSet(id: number, from: readonly ReportStatus[], version: number, patch: ReportPatch): Report | undefined {
    const r = this.reports.find((x) => x.id === id);
    if (!r || r.version !== version || !from.includes(r.status)) return undefined;
    Object.assign(r, structuredClone(patch), { version: r.version + 1, updatedAt: this.now().toISOString() });
    return structuredClone(r);
  }

  list(filter: { municipalityCode?: string; status?: ReportStatus; reporterId?: number; limit?: number } = {}): Report[] {
    return this.reports
      .filter((r) => (!filter.municipalityCode || r.municipalityCode === filter.municipalityCode) && (!filter.status || r.status === filter.status) && (filter.reporterId === undefined || r.reporterId === filter.reporterId))
      .sort((a, b) => b.id - a.id)
      .slice(0, filter.limit ?? 500)
      .map((r) => structuredClone(r));
  }

  openSince(municipalityCode: string, since: string): Report[] {
    return this.reports
      .filter((r) => r.municipalityCode === municipalityCode && OPEN.includes(r.status) && r.closedAt === null && r.submittedAt !== null && r.submittedAt >= since)
      .sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''))
      .map((r) => structuredClone(r));
  }

  nextNumber(year: number): string {
    const n = (this.numbers.get(year) ?? 0) + 1;
    this.numbers.set(year, n);
    return `AULA-${year}-${String(n).padStart(6, '0')}`;
  }

  addNote(reportId: number, personId: number, kind: Note['kind'], text: string, details?: Record<string, unknown>): number {
    const id = this.noteList.length + 1;
    this.noteList.push({ id, reportId, personId, kind, text, createdAt: this.now().toISOString(), ...(details ? { details: structuredClone(details) } : {}) });
    return id;
  }

  notes(reportId: number): Note[] {
    return this.noteList.filter((n) => n.reportId === reportId).map((n) => structuredClone(n));
  }

  countByStatus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.reports) out[r.status] = (out[r.status] ?? 0) + 1;
    return out;
  }

  anonymiseClosedBefore(before: string, anonymised: string): number {
    let n = 0;
    for (const r of this.reports) {
      if (r.closedAt !== null && r.closedAt < before && !(r as { anonymised?: boolean }).anonymised) {
        Object.assign(r, { fields: JSON.parse(anonymised) as ReportDraft, decisionNote: null, anonymised: true, version: r.version + 1 });
        for (const note of this.noteList) {
          if (note.reportId !== r.id) continue;
          note.text = '[anonymiseret]';
          delete note.details;
        }
        n++;
      }
    }
    return n;
  }
}
