import type { ReportDraft } from './report.schema.js';

export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'forwarded', 'rejected', 'needs_info', 'withdrawn'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'kladde',
  submitted: 'afventer godkendelse',
  approved: 'godkendt, sendes til Netcompany',
  forwarded: 'sendt til Netcompany',
  rejected: 'afvist',
  needs_info: 'mangler oplysninger',
  withdrawn: 'trukket tilbage',
};

/** Statuses the receiving service desk may report back. */
export const EXTERNAL_STATUSES = ['modtaget', 'i gang', 'afventer kommunen', 'løst', 'lukket'] as const;
export type ExternalStatus = (typeof EXTERNAL_STATUSES)[number];

export interface Report {
  id: number;
  /** Human-friendly number, e.g. AULA-2026-000123; assigned at first submission. */
  number: string | null;
  municipalityCode: string;
  reporterId: number;
  status: ReportStatus;
  fields: ReportDraft;
  /** Where the step-by-step dialogue stopped, for drafts. */
  draftStep: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
  externalStatus: string | null;
  externalReference: string | null;
  closedAt: string | null;
  /** Random id given at creation; unlike `id` and `number` it never repeats after a restore or in another installation. */
  uid?: string;
}

export function reportLabel(r: Pick<Report, 'number' | 'id'>): string {
  return r.number ?? `kladde ${r.id}`;
}
