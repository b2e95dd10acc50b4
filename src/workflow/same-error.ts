import { randomUUID } from 'node:crypto';
import type { Person } from '../directory/directory.types.js';
import { clean } from '../privacy/clean.js';
import type { ReportStore } from '../reports/report.store.port.js';
import type { Report } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteOutbox } from '../store/sqlite/outbox.sqlite-repository.js';
import { ok, refuse, type Result } from './result.js';

/** Reports whose "samme fejl her" note can still reach Netcompany (with the report, or as a supplement). */
const WITH_REPORT = ['submitted', 'needs_info'] as const;
const AS_SUPPLEMENT = ['approved', 'forwarded'] as const;

/** From the same-error reporter's draft: what the service desk needs to know about the new case. */
const DETAIL_FIELDS = ['institutionName', 'institutionCode', 'groupName', 'affectedNames', 'whatHappened'] as const;

export interface SameErrorDeps {
  reports: ReportStore;
  outbox: SqliteOutbox;
  audit: SqliteAudit;
  now: () => Date;
  /** Idempotency key for a supplement about `report`. */
  supplementKey: (report: Report, purpose: string) => string;
}

/**
 * Record "samme fejl her" on `target` and close the person's draft, in one transaction. For a
 * report the desk has (forwarded) or is about to get (approved) a supplement is queued in the
 * outbox in the same transaction; for a report not yet decided the note goes with the report.
 * A closed report refuses: the note would reach no one.
 */
export function recordSameError(deps: SameErrorDeps, person: Person, draftId: number, targetId: number): Result<Report> {
  const { reports, outbox, audit } = deps;
  return reports.transaction((): Result<Report> => {
    const target = reports.byId(targetId);
    if (!target || !target.number) return refuse('not_found', 'Rapporten findes ikke.');
    const supplement = (AS_SUPPLEMENT as readonly string[]).includes(target.status);
    if ((!supplement && !(WITH_REPORT as readonly string[]).includes(target.status)) || target.closedAt) {
      return refuse('closed', `Rapport ${target.number} er lukket, så en note om samme fejl når ikke frem til Netcompany. Opret din egen rapport i stedet: din kladde er gemt.`);
    }
    const draft = reports.byId(draftId);
    const own = draft && draft.reporterId === person.id && draft.status === 'draft' ? draft : undefined;
    const details: Record<string, string> = {};
    for (const k of DETAIL_FIELDS) {
      const v = own?.fields[k];
      // Draft fields were cleaned at intake; clean again, this text leaves the house.
      if (typeof v === 'string' && v.trim() !== '') details[k] = clean(v).slice(0, 2000);
    }
    const where = [details.institutionName, details.groupName ? `gruppe ${details.groupName}` : undefined].filter(Boolean).join(', ');
    const summary = details.whatHappened ?? (typeof own?.fields.title === 'string' ? clean(own.fields.title) : '');
    const text = [
      `Samme fejl set af ${person.name}${where ? ` (${where})` : ''}`,
      summary ? `: ${summary}` : '',
      details.affectedNames ? ` Berørte brugere: ${details.affectedNames}` : '',
    ].join('');
    const noteId = reports.addNote(target.id, person.id, 'same_error', text.slice(0, 2000), details);
    if (supplement) outbox.enqueue(target.id, deps.supplementKey(target, `supplement:${randomUUID()}`), { noteId });
    if (own) reports.compareAndSet(own.id, ['draft'], own.version, { status: 'withdrawn', closedAt: deps.now().toISOString() });
    audit.record({ actor: `person:${person.id}`, action: 'report.same_error', subject: `report:${target.number}`, after: { supplement } });
    return ok(target);
  });
}

/** The honest Danish answer: sent on as a supplement, or waiting to go with the report. */
export function sameErrorReply(report: Report): string {
  if ((AS_SUPPLEMENT as readonly string[]).includes(report.status)) {
    return `Tak. Jeg har sendt et supplement til Netcompany om ${report.number}: at fejlen også ses hos dig, med din institution og de berørte brugere fra din kladde. Din kladde er lukket.`;
  }
  return `Tak. Jeg har skrevet på ${report.number}, at fejlen også ses hos dig. ${report.number} er ikke godkendt endnu; din note kommer med, når rapporten bliver godkendt og sendt til Netcompany. Din kladde er lukket.`;
}
