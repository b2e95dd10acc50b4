import type { ReportDraft } from './report.schema.js';
import type { Report, ReportStatus } from './report.types.js';

export interface ReportPatch {
  status?: ReportStatus;
  fields?: ReportDraft;
  draftStep?: string | null;
  number?: string;
  submittedAt?: string;
  decidedBy?: number | null;
  decidedAt?: string | null;
  decisionNote?: string | null;
  externalStatus?: string;
  externalReference?: string | null;
  closedAt?: string | null;
}

export interface Note {
  id: number;
  reportId: number;
  personId: number;
  kind: 'same_error' | 'info_answer' | 'status';
  text: string;
  createdAt: string;
  /** Structured facts behind the text (same_error: who, institution, group, affected users). */
  details?: Record<string, unknown>;
}

/** Where reports live. Implemented by SQLite; an in-memory fake runs the same contract suite. */
export interface ReportStore {
  /** Run `fn` atomically, holding the write lock from the start (SQLite: BEGIN IMMEDIATE). */
  transaction<T>(fn: () => T): T;
  /** Create an empty or partial draft for a reporter. */
  createDraft(municipalityCode: string, reporterId: number, fields: ReportDraft, step: string | null): Report;
  byId(id: number): Report | undefined;
  /** By human-friendly number, case-insensitive. */
  byNumber(number: string): Report | undefined;
  /** Apply `patch` only if the report is in one of `from` at `version`; bumps the version. */
  compareAndSet(id: number, from: readonly ReportStatus[], version: number, patch: ReportPatch): Report | undefined;
  /** Newest first. */
  list(filter?: { municipalityCode?: string; status?: ReportStatus; reporterId?: number; limit?: number }): Report[];
  /** Open reports of a municipality submitted since `since` (ISO), newest first. */
  openSince(municipalityCode: string, since: string): Report[];
  /** Next number for `year`, e.g. AULA-2026-000001; never repeats. */
  nextNumber(year: number): string;
  /** Returns the note's id. */
  addNote(reportId: number, personId: number, kind: Note['kind'], text: string, details?: Record<string, unknown>): number;
  notes(reportId: number): Note[];
  countByStatus(): Record<string, number>;
  /** Replace the contents of reports closed before `before`; returns how many. */
  anonymiseClosedBefore(before: string, anonymised: string): number;
}
