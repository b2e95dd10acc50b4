import { clean } from '../privacy/clean.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { ForwardMessage } from '../outbox/forwarder.port.js';
import { EXTERNAL_STATUSES, type ExternalStatus, type Report } from '../reports/report.types.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { ReportStore } from '../reports/report.store.port.js';
import { buildForwardMessage } from './forward-message.js';
import type { ReportNotifier } from './report.notifier.js';
import { ok, refuse, type Result } from './result.js';

/** After approval: what the forwarder sends, delivery and dead letters, and status from the service desk. */
export class ReportDelivery {
  constructor(
    private readonly reports: ReportStore,
    private readonly audit: SqliteAudit,
    private readonly directory: DirectoryService,
    private readonly notifier: ReportNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** What the forwarder sends for a report (JSON and Danish text). */
  forwardMessage(reportId: number, key: string): ForwardMessage | undefined {
    return buildForwardMessage(this.reports, this.directory, reportId, key);
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

  /** Status from the receiving service desk (signed webhook). */
  externalStatus(number: string, status: string, message: string, reference: string | null): Result<Report> {
    // Text from the service desk enters the core here: cleaned like every other user text.
    message = clean(message);
    reference = reference === null ? null : clean(reference);
    const report = this.reports.byNumber(number);
    if (!report) return refuse('not_found', `unknown report ${number}`);
    if (!(EXTERNAL_STATUSES as readonly string[]).includes(status)) return refuse('invalid', `status must be one of ${EXTERNAL_STATUSES.join(', ')}`);
    if (!['approved', 'forwarded'].includes(report.status)) return refuse('invalid', `report ${number} has not been forwarded`);
    return this.reports.transaction((): Result<Report> => {
      const fresh = this.reports.byId(report.id)!;
      const closing = status === 'løst' || status === 'lukket';
      const next = this.reports.compareAndSet(fresh.id, ['approved', 'forwarded'], fresh.version, {
        status: 'forwarded',
        externalStatus: status,
        externalReference: reference ?? fresh.externalReference,
        closedAt: closing ? this.now().toISOString() : null,
      });
      if (!next) return refuse('conflict', 'concurrent change, retry');
      this.reports.addNote(next.id, next.reporterId, 'status', `${status}: ${message}`.slice(0, 2000));
      this.audit.record({ actor: 'servicedesk', action: 'report.external_status', subject: `report:${number}`, before: { external: fresh.externalStatus }, after: { external: status } });
      this.notifier.externalStatus(next, status as ExternalStatus, message);
      return ok(next);
    });
  }
}
