import { createHash } from 'node:crypto';
import type { DirectoryService } from '../directory/directory.service.js';
import { actorKey, type Actor, type Person } from '../directory/directory.types.js';
import { clean } from '../privacy/clean.js';
import type { Report, ReportStatus } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteOutbox } from '../store/sqlite/outbox.sqlite-repository.js';
import type { ReportStore } from '../reports/report.store.port.js';
import type { ReportNotifier } from './report.notifier.js';
import { ok, refuse, type Result } from './result.js';
import { escapeMarkdown } from '../text/markup.js';
import { asActor, reportTarget, type ReportAccess } from './report.access.js';

export type Decision = 'approve' | 'reject' | 'request_info';

/** Decisions on a submitted report (approve, reject, ask for information) and the reporter's withdrawal. */
export class ReportDecisions {
  constructor(
    private readonly reports: ReportStore,
    private readonly outbox: SqliteOutbox,
    private readonly audit: SqliteAudit,
    private readonly directory: DirectoryService,
    private readonly notifier: ReportNotifier,
    private readonly now: () => Date,
    private readonly access: ReportAccess,
  ) {}

  /**
   * Approve (forward), reject (reason required) or ask for information (question required).
   * Inside one transaction: the approver holds an active seat in the report's municipality, the
   * municipality is not over quota, and the report is still submitted.
   */
  decide(approver: Actor, number: string, decision: Decision, note?: string): Result<Report> {
    const visible = this.access.view(approver, number);
    if (!visible.ok) return this.access.refusedAudit(approver, `report.${decision}`, `report:${number.slice(0, 40)}`, visible);
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
    return outcome.ok ? outcome : this.access.refusedAudit(approver, `report.${decision}`, subject, outcome);
  }

  withdraw(person: Person, number: string): Result<Report> {
    const report = this.reports.byNumber(number);
    if (!report || !this.access.authorize(asActor(person), 'report.withdraw', reportTarget(report)).ok) {
      return this.access.refusedAudit(asActor(person), 'report.withdraw', `report:${number.slice(0, 40)}`, refuse('not_found', `Du har ingen rapport med nummer ${escapeMarkdown(number.slice(0, 40))}.`));
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
    if (!this.access.authorize(approver, `report.${decision}`, reportTarget(report)).ok) {
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

/**
 * Stable per report (and purpose: the report itself, or one supplement), so the receiver can drop a
 * repeat delivery; unique across backup restores and installations, since id and number are not:
 * it hashes the installation's random id and the report's random uid.
 */
export function idempotencyKey(installationId: string, r: Pick<Report, 'uid' | 'id'>, purpose = 'report'): string {
  if (!r.uid) throw new Error(`report ${r.id} has no uid`);
  return createHash('sha256').update(`aula:${installationId}:${r.uid}:${purpose}`).digest('hex').slice(0, 32);
}
