import type { DirectoryService } from '../directory/directory.service.js';
import type { ForwardMessage } from '../outbox/forwarder.port.js';
import { clean } from '../privacy/clean.js';
import { renderReportText, reportPayload } from '../reports/report.render.js';
import { parseReportInput } from '../reports/report.schema.js';
import type { ReportStore } from '../reports/report.store.port.js';

/** Who sent it and which report it is, in a form that stays unique across restores and installations. */
export interface ForwardOrigin {
  installationId: string;
  /** Notes that travel as their own supplements, left out of the report's message. */
  supplementNoteIds?: ReadonlySet<number>;
}

/** What the forwarder sends for one approved report: JSON for machines, Danish text for people. */
export function buildForwardMessage(reports: ReportStore, directory: DirectoryService, reportId: number, idempotencyKey: string, origin?: ForwardOrigin): ForwardMessage | undefined {
  const r = reports.byId(reportId);
  if (!r || !r.number) return undefined;
  // The fields were valid at submission; parse again to get the typed form (dates in the past stay valid).
  const parsed = parseReportInput(r.fields, new Date(r.submittedAt ?? Date.now()));
  if (!parsed.ok) return undefined;
  const reporter = directory.personById(r.reporterId);
  const approver = r.decidedBy ? directory.personById(r.decidedBy) : undefined;
  const m = directory.municipality(r.municipalityCode);
  const skip = origin?.supplementNoteIds ?? new Set<number>();
  const input = {
    number: r.number,
    municipality: { code: r.municipalityCode, name: m?.name ?? r.municipalityCode },
    reporter: { name: reporter?.name ?? 'ukendt', email: reporter?.email ?? '' },
    ...(approver ? { approvedBy: { name: approver.name, email: approver.email } } : {}),
    fields: parsed.value,
    notes: reports.notes(r.id).filter((n) => n.kind === 'same_error' && !skip.has(n.id)).map((n) => clean(n.text)),
  };
  const meta = origin ? { type: 'report', installationId: origin.installationId, reportUid: r.uid ?? null } : {};
  return {
    kind: 'report',
    reportNumber: r.number,
    idempotencyKey,
    payload: { ...meta, ...(reportPayload(input) as unknown as Record<string, unknown>) },
    text: renderReportText(input) + (origin ? originLine(origin.installationId, r.uid) : ''),
    subject: `Aula-fejlrapport ${r.number}: ${parsed.value.title}`,
  };
}

/**
 * A "samme fejl her" note about a report the desk already has (or is about to get): who saw it,
 * their institution and group and the affected users from their draft. The text was cleaned
 * (NFKC, CPR masked) where it entered; it is cleaned again here because it leaves the house.
 */
export function buildSupplementMessage(
  reports: ReportStore,
  directory: DirectoryService,
  item: { reportId: number; noteId: number | null; idempotencyKey: string },
  origin: ForwardOrigin,
  reportKey: string | undefined,
): ForwardMessage | undefined {
  const r = reports.byId(item.reportId);
  const note = item.noteId === null ? undefined : reports.notes(item.reportId).find((n) => n.id === item.noteId);
  if (!r || !r.number || !note) return undefined;
  const who = directory.personById(note.personId);
  const d = (note.details ?? {}) as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof d[k] === 'string' && d[k] !== '' ? clean(d[k] as string) : undefined);
  const seenBy = { name: who?.name ?? 'ukendt', email: who?.email ?? '' };
  const facts = {
    institutionName: str('institutionName'),
    institutionCode: str('institutionCode'),
    groupName: str('groupName'),
    affectedNames: str('affectedNames'),
    whatHappened: str('whatHappened'),
  };
  const m = directory.municipality(r.municipalityCode);
  const lines = [
    `Supplement til fejlrapport ${r.number}`,
    `Kommune: ${m?.name ?? r.municipalityCode} (kommunekode ${r.municipalityCode})`,
    '',
    `Samme fejl er også set af: ${seenBy.name}${seenBy.email ? ` <${seenBy.email}>` : ''}`,
    ...(facts.institutionName || facts.institutionCode ? [`Institution: ${[facts.institutionName, facts.institutionCode ? `(${facts.institutionCode})` : ''].filter(Boolean).join(' ')}`] : []),
    ...(facts.groupName ? [`Gruppe: ${facts.groupName}`] : []),
    ...(facts.affectedNames ? [`Berørte brugere: ${facts.affectedNames}`] : []),
    ...(facts.whatHappened ? ['', 'Beskrivelse:', facts.whatHappened] : []),
  ];
  return {
    kind: 'supplement',
    reportNumber: r.number,
    idempotencyKey: item.idempotencyKey,
    payload: {
      type: 'supplement',
      number: r.number,
      idempotencyKey: item.idempotencyKey,
      ...(reportKey ? { reportIdempotencyKey: reportKey } : {}),
      installationId: origin.installationId,
      reportUid: r.uid ?? null,
      municipality: { code: r.municipalityCode, name: m?.name ?? r.municipalityCode },
      seenBy,
      seenAt: note.createdAt,
      ...Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)),
      text: clean(note.text),
    },
    text: `${lines.join('\n')}\n${originLine(origin.installationId, r.uid)}`,
    subject: `Supplement til ${r.number}: samme fejl set af ${seenBy.name}`,
    ...(reportKey ? { relatesTo: reportKey } : {}),
  };
}

/** Lets the desk tell installations apart and match a report across restores. */
function originLine(installationId: string, uid: string | undefined): string {
  return `\n--\nAula-supportbot installation ${installationId}${uid ? `, rapport-id ${uid}` : ''}\n`;
}
