import type { DirectoryService } from '../directory/directory.service.js';
import { actorKey, type Actor, type Person } from '../directory/directory.types.js';
import type { Report } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { ReportStore } from '../reports/report.store.port.js';
import { ok, refuse, type Result } from './result.js';
import { authorize, type Action, type Target } from '../auth/permissions.js';
import { escapeMarkdown } from '../text/markup.js';

/** Who may see, file and act on reports, and the audit trail of every refusal. */
export class ReportAccess {
  constructor(
    private readonly reports: ReportStore,
    private readonly directory: DirectoryService,
    private readonly audit: SqliteAudit,
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

  /** Every refusal of a decision or change goes to the audit trail, with its reason code. */
  refusedAudit<T>(actor: Actor, action: string, subject: string, r: Result<T>): Result<T> {
    if (!r.ok) this.audit.record({ actor: actorKey(actor), action, subject, outcome: 'refused', after: { reason: r.code } });
    return r;
  }
}

export const asActor = (person: Person): Actor => ({ kind: 'person', person, identity: `person:${person.id}` });
export const reportTarget = (r: Report): Target => ({ municipalityCode: r.municipalityCode, ownerId: r.reporterId });
