import type { Person } from '../directory/directory.types.js';
import { parseDraft, parseReportInput, type ReportDraft, type ReportFields } from '../reports/report.schema.js';
import { maskReportText } from '../reports/report.privacy.js';
import { REPORT_FIELD_ORDER } from '../reports/report.labels.js';
import { CPR_MASK } from '../privacy/cpr.js';
import { cleanDeep } from '../privacy/clean.js';
import { screenReport, type ScreeningAdvice } from '../reports/report.screening.js';
import { reportLabel, type Report, type ReportStatus } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteOutbox } from '../store/sqlite/outbox.sqlite-repository.js';
import type { ReportStore } from '../reports/report.store.port.js';
import { findSimilar } from './duplicates.js';
import { recordSameError } from './same-error.js';
import type { ReportNotifier } from './report.notifier.js';
import { ok, refuse, type Result } from './result.js';
import { escapeMarkdown } from '../text/markup.js';
import { asActor, reportTarget, type ReportAccess } from './report.access.js';
import { idempotencyKey } from './report.decisions.js';

export interface Review {
  report: Report;
  advice: ScreeningAdvice[];
  duplicates: Report[];
  maskedFields: string[];
}

export type SubmitOutcome =
  { kind: 'invalid'; report: Report; errors: Partial<Record<keyof ReportFields, string>>; maskedFields: string[] } | { kind: 'review'; review: Review } | { kind: 'submitted'; report: Report };

const OPEN_FOR_EDIT: readonly ReportStatus[] = ['draft', 'needs_info'];
const DUPLICATE_WINDOW_DAYS = 14;

/** Filing: saving a draft as it is typed, the review before sending, submitting, and "same error here". */
export class ReportSubmission {
  constructor(
    private readonly reports: ReportStore,
    private readonly outbox: SqliteOutbox,
    private readonly audit: SqliteAudit,
    private readonly notifier: ReportNotifier,
    private readonly findFaq: (text: string) => { id: string; title: string }[],
    private readonly now: () => Date,
    private readonly access: ReportAccess,
  ) {}

  /** Save what was typed so far (masked), never losing earlier values. */
  saveDraft(person: Person, reportId: number, input: unknown, step: string | null = null): Result<{ report: Report; maskedFields: string[] }> {
    const report = this.reports.byId(reportId);
    if (!report || report.reporterId !== person.id) return refuse('not_found', 'Kladden findes ikke.');
    if (!OPEN_FOR_EDIT.includes(report.status))
      return refuse('locked', `Rapport ${reportLabel(report)} er ${report.status === 'submitted' ? 'sendt til godkendelse' : 'afsluttet'} og kan ikke rettes.`);
    input = cleanDeep(input).value;
    const merged: Record<string, unknown> = { ...report.fields, ...parseDraft(input, this.now()) };
    // An empty answer clears the field (e.g. "-" for no attachments); it never keeps an old invalid value.
    if (input && typeof input === 'object') {
      for (const [k, v] of Object.entries(input)) if (v === '' || (Array.isArray(v) && v.length === 0)) delete merged[k];
    }
    const { fields } = maskReportText(merged as ReportDraft);
    const saved = this.reports.transaction(() => this.reports.compareAndSet(report.id, [report.status], report.version, { fields, draftStep: step }));
    if (!saved) return refuse('conflict', 'Rapporten blev ændret et andet sted. Prøv igen.');
    // Text may have been masked at the boundary already (Bot.handle) or just now: either way the
    // reporter is told which of the fields they just sent held a CPR number.
    const sent = input && typeof input === 'object' ? Object.keys(input) : [];
    const maskedFields = REPORT_FIELD_ORDER.filter((k) => sent.includes(k) && JSON.stringify(fields[k] ?? '').includes(CPR_MASK));
    return ok({ report: saved, maskedFields });
  }

  /**
   * Validate the whole form. Invalid → field errors (the draft keeps what was typed). Valid →
   * the screening advice and duplicate hint, unless `confirm` is set, which submits.
   */
  submit(person: Person, reportId: number, input: unknown | undefined, confirm: boolean): Result<SubmitOutcome> {
    const current = this.reports.byId(reportId);
    if (!current || current.reporterId !== person.id) return refuse('not_found', 'Rapporten findes ikke.');
    let maskedFields: string[] = [];
    let report = current;
    if (input !== undefined) {
      const saved = this.saveDraft(person, reportId, input, report.draftStep);
      if (!saved.ok) return saved;
      report = saved.value.report;
      maskedFields = saved.value.maskedFields;
    }
    const parsed = parseReportInput(report.fields, this.now());
    if (!parsed.ok) return ok({ kind: 'invalid', report, errors: parsed.errors, maskedFields });
    if (!confirm) {
      const since = new Date(this.now().getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString();
      const duplicates = findSimilar(
        parsed.value,
        this.reports.openSince(report.municipalityCode, since).filter((r) => r.id !== report.id),
      );
      return ok({ kind: 'review', review: { report, advice: screenReport(parsed.value, this.findFaq), duplicates, maskedFields } });
    }
    const result = this.reports.transaction((): Result<Report> => {
      const fresh = this.reports.byId(reportId)!;
      if (!OPEN_FOR_EDIT.includes(fresh.status)) return refuse('already', `Rapport ${reportLabel(fresh)} er allerede sendt.`);
      const at = this.now();
      const patch = {
        status: 'submitted' as const,
        draftStep: null,
        submittedAt: at.toISOString(),
        decidedBy: null,
        decidedAt: null,
        ...(fresh.number ? {} : { number: this.reports.nextNumber(at.getUTCFullYear()) }),
      };
      const next = this.reports.compareAndSet(fresh.id, OPEN_FOR_EDIT, fresh.version, patch);
      if (!next) return refuse('conflict', 'Rapporten blev ændret et andet sted. Prøv igen.');
      this.audit.record({ actor: `person:${person.id}`, action: 'report.submit', subject: `report:${next.number}`, before: { status: fresh.status }, after: { status: next.status } });
      this.notifier.submitted(next, person);
      return ok(next);
    });
    return result.ok ? ok({ kind: 'submitted', report: result.value }) : result;
  }

  /** Add "same error here" to an existing report instead of filing a new one; the caller's own draft is withdrawn. */
  sameError(person: Person, draftId: number, number: string): Result<Report> {
    const notFound = refuse('not_found', `Rapport ${escapeMarkdown(number.slice(0, 40))} findes ikke i din kommune.`);
    const target = this.reports.byNumber(number);
    const actor = asActor(person);
    if (!this.access.mayFile(person).ok) return this.access.refusedAudit(actor, 'report.same_error', `report:${number.slice(0, 40)}`, refuse('forbidden', 'Kun superbrugere kan melde "samme fejl" på en rapport.'));
    if (!target || target.status === 'draft' || !this.access.authorize(actor, 'report.same_error', reportTarget(target)).ok) {
      return this.access.refusedAudit(actor, 'report.same_error', `report:${number.slice(0, 40)}`, notFound);
    }
    // Only the caller's own draft is read and closed (checked again inside): another person's text never crosses over.
    const supplementKey = (r: Report, purpose: string) => idempotencyKey(this.outbox.installationId, r, purpose);
    return recordSameError({ reports: this.reports, outbox: this.outbox, audit: this.audit, now: this.now, supplementKey }, person, draftId, target.id);
  }
}
