import { clean } from '../privacy/clean.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { ForwardMessage } from '../outbox/forwarder.port.js';
import { EXTERNAL_STATUSES, type ExternalStatus, type Report } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { OutboxItem, SqliteOutbox } from '../store/sqlite/outbox.sqlite-repository.js';
import type { ReportStore } from '../reports/report.store.port.js';
import { buildForwardMessage, buildSupplementMessage } from './forward-message.js';
import type { ReportNotifier } from './report.notifier.js';
import { ok, refuse, type Result } from './result.js';
import { CLOSING_STATUSES, DELIVERED_STATUSES, externalTransitionRefusal } from './external-status.js';

/** After approval: what the forwarder sends, delivery and dead letters, and status from the service desk. */
export class ReportDelivery {
  constructor(
    private readonly reports: ReportStore,
    private readonly audit: SqliteAudit,
    private readonly directory: DirectoryService,
    private readonly notifier: ReportNotifier,
    private readonly now: () => Date = () => new Date(),
    private readonly outbox?: SqliteOutbox,
  ) {}

  /** What the forwarder sends for a report (JSON and Danish text). */
  forwardMessage(reportId: number, key: string): ForwardMessage | undefined {
    return buildForwardMessage(this.reports, this.directory, reportId, key, this.outbox && { installationId: this.outbox.installationId, supplementNoteIds: this.outbox.supplementNoteIds(reportId) });
  }

  /** What the forwarder sends for one outbox item: the report, or a supplement about it. */
  outboxMessage(item: OutboxItem): ForwardMessage | undefined {
    if (item.kind === 'report') return this.forwardMessage(item.reportId, item.idempotencyKey);
    if (!this.outbox) return undefined;
    return buildSupplementMessage(this.reports, this.directory, item, { installationId: this.outbox.installationId }, this.outbox.byReport(item.reportId)?.idempotencyKey);
  }

  /** Called by the outbox worker inside the transaction that marks the item delivered. */
  delivered(item: OutboxItem): void {
    if (item.kind === 'report') {
      this.markForwarded(item.reportId);
      return;
    }
    const report = this.reports.byId(item.reportId);
    if (report) this.audit.record({ actor: 'outbox', action: 'report.supplement_forwarded', subject: `report:${report.number}`, after: { noteId: item.noteId } });
  }

  /** Called by the outbox worker when an item is given up. */
  dead(item: OutboxItem, reason: string): void {
    if (item.kind === 'report') return this.deadLetter(item.reportId, reason);
    const report = this.reports.byId(item.reportId);
    if (!report) return;
    this.audit.record({ actor: 'outbox', action: 'report.supplement_dead_letter', subject: `report:${report.number}`, after: { noteId: item.noteId, reason } });
    const note = item.noteId === null ? undefined : this.reports.notes(report.id).find((n) => n.id === item.noteId);
    this.notifier.supplementDeadLetter(report, note ? this.directory.personById(note.personId) : undefined);
  }

  /** Called by the outbox worker after delivery. Idempotent. */
  markForwarded(reportId: number): Report | undefined {
    return this.reports.transaction(() => {
      const fresh = this.reports.byId(reportId);
      if (!fresh || fresh.status !== 'approved') return undefined;
      const next = this.reports.compareAndSet(fresh.id, ['approved'], fresh.version, { status: 'forwarded' });
      if (next) {
        this.audit.record({ actor: 'outbox', action: 'report.forwarded', subject: `report:${next.number}`, before: { status: 'approved' }, after: { status: 'forwarded' } });
        this.notifier.forwarded(next);
      }
      return next;
    });
  }

  deadLetter(reportId: number, reason: string): void {
    const report = this.reports.byId(reportId);
    if (!report) return;
    this.audit.record({ actor: 'outbox', action: 'report.dead_letter', subject: `report:${report.number}`, after: { reason } });
    this.notifier.deadLetter(report);
  }

  /** Status from the receiving service desk (signed webhook); only transitions in EXTERNAL_TRANSITIONS. */
  externalStatus(number: string, status: string, message: string, reference: string | null): Result<Report> {
    // Text from the service desk enters the core here: cleaned like every other user text.
    message = clean(message);
    reference = reference === null ? null : clean(reference);
    const report = this.reports.byNumber(number);
    if (!report) return refuse('not_found', `unknown report ${number}`);
    if (!(EXTERNAL_STATUSES as readonly string[]).includes(status)) return refuse('invalid', `status must be one of ${EXTERNAL_STATUSES.join(', ')}`);
    const text = clean(message);
    const ref = reference === null ? null : clean(reference);
    return this.reports.transaction((): Result<Report> => {
      const fresh = this.reports.byId(report.id)!;
      const why = externalTransitionRefusal(fresh.status, fresh.externalStatus, status as ExternalStatus);
      if (why) return refuse('invalid', `report ${number}: ${why}`);
      const closing = CLOSING_STATUSES.includes(status as ExternalStatus);
      const next = this.reports.compareAndSet(fresh.id, DELIVERED_STATUSES, fresh.version, {
        status: 'forwarded',
        externalStatus: status,
        externalReference: ref ?? fresh.externalReference,
        // Reopening (løst → i gang) stops the retention clock again.
        closedAt: closing ? (fresh.closedAt ?? this.now().toISOString()) : null,
      });
      if (!next) return refuse('conflict', 'concurrent change, retry');
      this.reports.addNote(next.id, next.reporterId, 'status', `${status}: ${text}`.slice(0, 2000));
      this.audit.record({ actor: 'servicedesk', action: 'report.external_status', subject: `report:${number}`, before: { external: fresh.externalStatus }, after: { external: status } });
      this.notifier.externalStatus(next, status as ExternalStatus, text);
      return ok(next);
    });
  }
}
