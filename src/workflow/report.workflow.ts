import type { DirectoryService } from '../directory/directory.service.js';
import type { Actor, Person } from '../directory/directory.types.js';
import type { Action, Target } from '../auth/permissions.js';
import type { Report, ReportStatus } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteOutbox } from '../store/sqlite/outbox.sqlite-repository.js';
import type { ReportStore } from '../reports/report.store.port.js';
import type { ReportNotifier } from './report.notifier.js';
import { ok, refuse, type Result } from './result.js';
import { ReportAccess } from './report.access.js';
import { ReportDecisions, type Decision } from './report.decisions.js';
import { ReportSubmission, type SubmitOutcome } from './report.submission.js';

/**
 * The report lifecycle: draft → submitted → approved → forwarded; submitted → rejected or
 * needs_info → edited → submitted; withdrawn before a decision. Every transition is one
 * IMMEDIATE SQLite transaction that compares and sets status and version, so two approvers
 * acting at once give exactly one forward.
 */
export class ReportWorkflow {
  private readonly access: ReportAccess;
  private readonly submission: ReportSubmission;
  private readonly decisions: ReportDecisions;

  constructor(
    private readonly reports: ReportStore,
    outbox: SqliteOutbox,
    private readonly audit: SqliteAudit,
    directory: DirectoryService,
    notifier: ReportNotifier,
    findFaq: (text: string) => { id: string; title: string }[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.access = new ReportAccess(reports, directory, audit);
    this.submission = new ReportSubmission(reports, outbox, audit, notifier, findFaq, now, this.access);
    this.decisions = new ReportDecisions(reports, outbox, audit, directory, notifier, now, this.access);
  }

  /** See {@link ReportAccess.authorize}. */
  authorize(actor: Actor | undefined, action: Action, target: Target = {}): Result<true> {
    return this.access.authorize(actor, action, target);
  }

  /** See {@link ReportAccess.approvalStillWanted}. */
  approvalStillWanted(reportId: number | null, personId: number): boolean {
    return this.access.approvalStillWanted(reportId, personId);
  }

  /** See {@link ReportAccess.mayFile}. */
  mayFile(person: Person | undefined): Result<Person> {
    return this.access.mayFile(person);
  }

  /** See {@link ReportAccess.view}. */
  view(actor: Actor | undefined, number: string): Result<Report> {
    return this.access.view(actor, number);
  }

  /** The reporter's open draft, or a new one. */
  draftFor(person: Person): Report {
    const existing = this.reports.list({ reporterId: person.id, status: 'draft', limit: 1 })[0];
    return existing ?? this.reports.createDraft(person.municipalityCode, person.id, {}, null);
  }

  /** The reporter's open draft, if any (unlike {@link draftFor}, never creates one). */
  openDraft(person: Person): Report | undefined {
    return this.reports.list({ reporterId: person.id, status: 'draft', limit: 1 })[0];
  }

  /** Throw away the reporter's own draft (`kassér`); it is kept as withdrawn without a number, so nothing is lost silently. */
  discardDraft(person: Person, draftId?: number): Result<Report> {
    const draft = draftId !== undefined ? this.reports.byId(draftId) : this.openDraft(person);
    if (!draft || draft.reporterId !== person.id || draft.status !== 'draft') return refuse('not_found', 'Du har ingen kladde at kassere.');
    const next = this.reports.transaction(() => this.reports.compareAndSet(draft.id, ['draft'], draft.version, { status: 'withdrawn', draftStep: null, closedAt: this.now().toISOString() }));
    if (!next) return refuse('conflict', 'Kladden blev ændret et andet sted. Prøv igen.');
    this.audit.record({ actor: `person:${person.id}`, action: 'draft.discard', subject: `report:${draft.id}` });
    return ok(next);
  }

  listByReporter(personId: number): Report[] {
    return this.reports.list({ reporterId: personId, limit: 50 }).filter((r) => r.status !== 'withdrawn' || r.number !== null);
  }

  /** Reports of a municipality waiting for a decision, oldest first. */
  awaiting(code: string): Report[] {
    return this.reports.list({ municipalityCode: code, status: 'submitted' }).reverse();
  }

  list(filter: { municipalityCode?: string; status?: ReportStatus }): Report[] {
    return this.reports.list(filter);
  }

  get(numberOrId: string | number): Report | undefined {
    if (typeof numberOrId === 'number') return this.reports.byId(numberOrId);
    return /^\d+$/.test(numberOrId) ? this.reports.byId(Number(numberOrId)) : this.reports.byNumber(numberOrId);
  }

  /** See {@link ReportSubmission.saveDraft}. */
  saveDraft(person: Person, reportId: number, input: unknown, step: string | null = null): Result<{ report: Report; maskedFields: string[] }> {
    return this.submission.saveDraft(person, reportId, input, step);
  }

  /** See {@link ReportSubmission.submit}. */
  submit(person: Person, reportId: number, input: unknown | undefined, confirm: boolean): Result<SubmitOutcome> {
    return this.submission.submit(person, reportId, input, confirm);
  }

  /** See {@link ReportSubmission.sameError}. */
  sameError(person: Person, draftId: number, number: string): Result<Report> {
    return this.submission.sameError(person, draftId, number);
  }

  /** See {@link ReportDecisions.decide}. */
  decide(approver: Actor, number: string, decision: Decision, note?: string): Result<Report> {
    return this.decisions.decide(approver, number, decision, note);
  }

  /** See {@link ReportDecisions.withdraw}. */
  withdraw(person: Person, number: string): Result<Report> {
    return this.decisions.withdraw(person, number);
  }
}
