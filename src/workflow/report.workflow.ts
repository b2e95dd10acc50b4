import { createHash } from 'node:crypto';
import type { DirectoryService } from '../directory/directory.service.js';
import { actorKey, type Actor, type Person } from '../directory/directory.types.js';
import { parseDraft, parseReportInput, type ReportDraft, type ReportFields } from '../reports/report.schema.js';
import { maskReportText } from '../reports/report.privacy.js';
import { REPORT_FIELD_ORDER } from '../reports/report.labels.js';
import { CPR_MASK } from '../privacy/cpr.js';
import { clean, cleanDeep } from '../privacy/clean.js';
import { screenReport, type ScreeningAdvice } from '../reports/report.screening.js';
import { reportLabel, type Report, type ReportStatus } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteOutbox } from '../store/sqlite/outbox.sqlite-repository.js';
import type { ReportStore } from '../reports/report.store.port.js';
import { findSimilar } from './duplicates.js';
import { recordSameError } from './same-error.js';
import type { ReportNotifier } from './report.notifier.js';
import { ok, refuse, type Result } from './result.js';
import { authorize, type Action, type Target } from '../auth/permissions.js';
import { escapeMarkdown } from '../text/markup.js';

export type Decision = 'approve' | 'reject' | 'request_info';

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

/**
 * The report lifecycle: draft → submitted → approved → forwarded; submitted → rejected or
 * needs_info → edited → submitted; withdrawn before a decision. Every transition is one
 * IMMEDIATE SQLite transaction that compares and sets status and version, so two approvers
 * acting at once give exactly one forward.
 */
export class ReportWorkflow {
  constructor(
    private readonly reports: ReportStore,
    private readonly outbox: SqliteOutbox,
    private readonly audit: SqliteAudit,
    private readonly directory: DirectoryService,
    private readonly notifier: ReportNotifier,
    private readonly findFaq: (text: string) => { id: string; title: string }[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The permission table, asked with this directory's seat facts. */
  authorize(actor: Actor | undefined, action: Action, target: Target = {}): Result<true> {
    return authorize({ actor, isSeatHolder: (id, code) => this.directory.isSeatHolder(id, code) }, action, target);
  }

  /** An approval request is still worth delivering: the report awaits a decision and the person may still make it. */
  approvalStillWanted(reportId: number | null, personId: number): boolean {
    const report = reportId === null ? undefined : this.reports.byId(reportId);
    const person = this.directory.personById(personId);
    if (!report || !person || report.status !== 'submitted') return false;
    return this.authorize(asActor(person), 'report.approve', reportTarget(report)).ok;
  }

  /** Who may file: superusers, admins and seat holders of their municipality. */
  mayFile(person: Person | undefined): Result<Person> {
    if (!person) return refuse('not_registered', `Du er ikke registreret som superbruger i Aula-supporten, så du kan ikke oprette fejlrapporter. ${this.directory.whomToAsk(undefined)}`);
    if (this.authorize(asActor(person), 'file').ok) return ok(person);
    return refuse('not_superuser', `Du er registreret som medarbejder, ikke som superbruger, så du kan ikke oprette fejlrapporter. ${this.directory.whomToAsk(person.municipalityCode)}`);
  }

  /**
   * A report as `actor` may see it, by its number (AULA-…) only: numeric ids are internal. A
   * refusal says the same as a missing report, so it reveals nothing, not even that it exists.
   */
  view(actor: Actor | undefined, number: string): Result<Report> {
    const report = /^AULA-\d{4}-\d{6}$/i.test(number.trim()) ? this.reports.byNumber(number.trim()) : undefined;
    const gate = report ? this.authorize(actor, report.status === 'draft' ? 'draft.view' : 'report.view', reportTarget(report)) : undefined;
    if (!report || !gate?.ok) return refuse('not_found', `Rapport ${escapeMarkdown(number.trim().slice(0, 40))} findes ikke, eller du har ikke adgang til den.`);
    return ok(report);
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
    if (!this.mayFile(person).ok) return this.refusedAudit(actor, 'report.same_error', `report:${number.slice(0, 40)}`, refuse('forbidden', 'Kun superbrugere kan melde "samme fejl" på en rapport.'));
    if (!target || target.status === 'draft' || !this.authorize(actor, 'report.same_error', reportTarget(target)).ok) {
      return this.refusedAudit(actor, 'report.same_error', `report:${number.slice(0, 40)}`, notFound);
    }
    // Only the caller's own draft is read and closed (checked again inside): another person's text never crosses over.
    const supplementKey = (r: Report, purpose: string) => idempotencyKey(this.outbox.installationId, r, purpose);
    return recordSameError({ reports: this.reports, outbox: this.outbox, audit: this.audit, now: this.now, supplementKey }, person, draftId, target.id);
  }

  /**
   * Approve (forward), reject (reason required) or ask for information (question required).
   * Inside one transaction: the approver holds an active seat in the report's municipality, the
   * municipality is not over quota, and the report is still submitted.
   */
  decide(approver: Actor, number: string, decision: Decision, note?: string): Result<Report> {
    const visible = this.view(approver, number);
    if (!visible.ok) return this.refusedAudit(approver, `report.${decision}`, `report:${number.slice(0, 40)}`, visible);
    const report = visible.value;
    const text = clean(note ?? '').trim();
    if (decision === 'reject' && !text) return refuse('note_required', 'Skriv en begrundelse for afvisningen, så indberetteren ved, hvad der skal til.');
    if (decision === 'request_info' && !text) return refuse('note_required', 'Skriv dit spørgsmål til indberetteren.');
    const subject = `report:${report.number}`;
    const outcome = this.reports.transaction((): Result<Report> => {
      const fresh = this.reports.byId(report.id)!;
      const gate = this.mayDecide(approver, fresh, decision);
      if (!gate.ok) return gate;
      if (fresh.status !== 'submitted') return refuse('already_decided', this.alreadyDecided(fresh));
      const at = this.now().toISOString();
      const status: ReportStatus = decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'needs_info';
      const next = this.reports.compareAndSet(fresh.id, ['submitted'], fresh.version, {
        status,
        decidedBy: approver.kind === 'person' ? approver.person.id : null,
        decidedAt: at,
        decisionNote: text || null,
        ...(status === 'rejected' ? { closedAt: at } : {}),
      });
      if (!next) return refuse('already_decided', this.alreadyDecided(this.reports.byId(report.id)!));
      if (status === 'approved') this.outbox.enqueue(next.id, idempotencyKey(this.outbox.installationId, next));
      this.audit.record({ actor: actorKey(approver), action: `report.${decision}`, subject, before: { status: fresh.status }, after: { status } });
      this.notifier.decided(next, approver, decision, text);
      return ok(next);
    });
    return outcome.ok ? outcome : this.refusedAudit(approver, `report.${decision}`, subject, outcome);
  }

  /** Every refusal of a decision or change goes to the audit trail, with its reason code. */
  private refusedAudit<T>(actor: Actor, action: string, subject: string, r: Result<T>): Result<T> {
    if (!r.ok) this.audit.record({ actor: actorKey(actor), action, subject, outcome: 'refused', after: { reason: r.code } });
    return r;
  }

  withdraw(person: Person, number: string): Result<Report> {
    const report = this.reports.byNumber(number);
    if (!report || !this.authorize(asActor(person), 'report.withdraw', reportTarget(report)).ok) {
      return this.refusedAudit(asActor(person), 'report.withdraw', `report:${number.slice(0, 40)}`, refuse('not_found', `Du har ingen rapport med nummer ${escapeMarkdown(number.slice(0, 40))}.`));
    }
    return this.reports.transaction((): Result<Report> => {
      const fresh = this.reports.byId(report.id)!;
      const next = this.reports.compareAndSet(fresh.id, ['submitted', 'needs_info'], fresh.version, { status: 'withdrawn', closedAt: this.now().toISOString() });
      if (!next) return refuse('already_decided', `Rapport ${number} kan ikke trækkes tilbage: ${this.alreadyDecided(fresh)}`);
      this.audit.record({ actor: `person:${person.id}`, action: 'report.withdraw', subject: `report:${number}`, before: { status: fresh.status }, after: { status: 'withdrawn' } });
      return ok(next);
    });
  }

  private mayDecide(approver: Actor, report: Report, decision: Decision): Result<true> {
    if (approver.kind === 'operator') return refuse('forbidden', 'Kun supportberettigede brugere kan godkende, afvise eller spørge til en rapport.');
    const m = this.directory.municipality(report.municipalityCode);
    if (!this.authorize(approver, `report.${decision}`, reportTarget(report)).ok) {
      return refuse('not_entitled', `Du har ikke en plads som supportberettiget i ${m?.name ?? report.municipalityCode}, så du kan ikke behandle rapport ${report.number}.`);
    }
    const overview = this.directory.seats(report.municipalityCode)[0];
    if (overview && overview.overQuota) {
      return refuse(
        'over_quota',
        `${overview.municipality.name} har ${overview.seats.length} aktive supportberettigede, men kun ${overview.quota} pladser. Ingen rapporter kan sendes videre, før en administrator har fjernet ${overview.seats.length - overview.quota} ${overview.seats.length - overview.quota === 1 ? 'plads' : 'pladser'}.`,
      );
    }
    return ok(true);
  }

  private alreadyDecided(r: Report): string {
    const who = r.decidedBy ? this.directory.personById(r.decidedBy) : undefined;
    const when = r.decidedAt ? new Date(r.decidedAt).toLocaleString('da-DK', { timeZone: 'Europe/Copenhagen' }) : '';
    const what: Partial<Record<ReportStatus, string>> = {
      approved: 'godkendt',
      forwarded: 'godkendt og sendt',
      rejected: 'afvist',
      needs_info: 'sendt tilbage med et spørgsmål',
      withdrawn: 'trukket tilbage',
      draft: 'en kladde',
    };
    return `Rapport ${r.number} er allerede ${what[r.status] ?? r.status}${who ? ` af ${who.name}` : ''}${when ? ` (${when})` : ''}.`;
  }
}

const asActor = (person: Person): Actor => ({ kind: 'person', person, identity: `person:${person.id}` });
const reportTarget = (r: Report): Target => ({ municipalityCode: r.municipalityCode, ownerId: r.reporterId });

/**
 * Stable per report (and purpose: the report itself, or one supplement), so the receiver can drop a
 * repeat delivery; unique across backup restores and installations, since id and number are not:
 * it hashes the installation's random id and the report's random uid.
 */
export function idempotencyKey(installationId: string, r: Pick<Report, 'uid' | 'id'>, purpose = 'report'): string {
  if (!r.uid) throw new Error(`report ${r.id} has no uid`);
  return createHash('sha256').update(`aula:${installationId}:${r.uid}:${purpose}`).digest('hex').slice(0, 32);
}
