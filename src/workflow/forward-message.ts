import type { DirectoryService } from '../directory/directory.service.js';
import type { ForwardMessage } from '../outbox/forwarder.port.js';
import { renderReportText, reportPayload } from '../reports/report.render.js';
import { parseReportInput } from '../reports/report.schema.js';
import type { ReportStore } from '../reports/report.store.port.js';

/** What the forwarder sends for one approved report: JSON for machines, Danish text for people. */
export function buildForwardMessage(reports: ReportStore, directory: DirectoryService, reportId: number, idempotencyKey: string): ForwardMessage | undefined {
  const r = reports.byId(reportId);
  if (!r || !r.number) return undefined;
  // The fields were valid at submission; parse again to get the typed form (dates in the past stay valid).
  const parsed = parseReportInput(r.fields, new Date(r.submittedAt ?? Date.now()));
  if (!parsed.ok) return undefined;
  const reporter = directory.personById(r.reporterId);
  const approver = r.decidedBy ? directory.personById(r.decidedBy) : undefined;
  const m = directory.municipality(r.municipalityCode);
  const input = {
    number: r.number,
    municipality: { code: r.municipalityCode, name: m?.name ?? r.municipalityCode },
    reporter: { name: reporter?.name ?? 'ukendt', email: reporter?.email ?? '' },
    ...(approver ? { approvedBy: { name: approver.name, email: approver.email } } : {}),
    fields: parsed.value,
    notes: reports.notes(r.id).filter((n) => n.kind === 'same_error').map((n) => n.text),
  };
  return {
    reportNumber: r.number,
    idempotencyKey,
    payload: reportPayload(input) as unknown as Record<string, unknown>,
    text: renderReportText(input),
    subject: `Aula-fejlrapport ${r.number}: ${parsed.value.title}`,
  };
}
