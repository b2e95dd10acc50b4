import type { Core } from '../../src/core.js';
import { normaliseReportNumber, REPORT_NUMBER_HINT } from '../../src/reports/report.number.js';
import { STATUS_LABELS, type Report } from '../../src/reports/report.types.js';
import { CliError, type CliIo } from './cli.output.js';
import { unknownSub, usageError } from './cli.usage.js';
import { actionLabel, nameOf, outboxLabel, parseStatus, STATUS_CHOICES } from './cli.words.js';

type Values = Record<string, string | boolean | undefined>;

/** A report from any accepted form of its number (`1`, `000001`, `AULA-2026-000001`, lowercase). */
function findReport(core: Core, text: string | undefined, command: string): Report {
  if (!text?.trim()) throw usageError(command, 'Mangler rapportens nummer.');
  const number = normaliseReportNumber(text, new Date().getUTCFullYear());
  if (!number) throw usageError(command, `"${text}" er ikke et rapportnummer. ${REPORT_NUMBER_HINT}`);
  const r = core.workflow.get(number);
  if (!r?.number) throw new CliError(`Rapport ${number} findes ikke.`);
  return r;
}

export function reportsCommand(core: Core, sub: string | undefined, rest: string[], v: Values, io: CliIo): number {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  if (sub === 'list') {
    const m = str('municipality');
    const code = m ? core.directory.municipality(m)?.code : undefined;
    if (m && !code) throw new CliError(`Kommunen "${m}" findes ikke.`);
    const statusText = str('status');
    const status = statusText === undefined ? undefined : parseStatus(statusText);
    if (statusText !== undefined && !status) throw usageError('reports', `Ukendt status "${statusText}". Vælg en af: ${STATUS_CHOICES}.`);
    const list = core.workflow.list({ ...(code ? { municipalityCode: code } : {}), ...(status ? { status } : {}) }).filter((r) => r.number);
    if (v.json) {
      io.out(JSON.stringify(list.map((r) => ({ number: r.number, municipality: r.municipalityCode, status: r.status, statusText: STATUS_LABELS[r.status], externalStatus: r.externalStatus, title: r.fields.title ?? null, submittedAt: r.submittedAt, decidedAt: r.decidedAt }))));
      return 0;
    }
    if (!list.length) io.out('Ingen rapporter.');
    for (const r of list) io.out(`${r.number}  ${(core.directory.municipality(r.municipalityCode)?.name ?? r.municipalityCode).padEnd(22)} ${STATUS_LABELS[r.status].padEnd(32)} ${r.fields.title ?? ''}`);
    return 0;
  }
  if (sub === 'show') {
    const r = findReport(core, rest[0], 'reports');
    const msg = core.delivery.forwardMessage(r.id, '');
    const reporter = core.directory.personById(r.reporterId);
    const decider = r.decidedBy === null ? undefined : core.directory.personById(r.decidedBy);
    io.out(
      `${r.number} – ${STATUS_LABELS[r.status]}${r.externalStatus ? ` (Netcompany: ${r.externalStatus})` : ''}` +
        `${reporter ? `\nIndberettet af: ${reporter.name} <${reporter.email}>` : ''}` +
        `${decider ? `\nAfgjort af: ${decider.name} <${decider.email}>${r.decidedAt ? ` ${r.decidedAt}` : ''}` : ''}` +
        `${r.decisionNote ? `\nBemærkning: ${r.decisionNote}` : ''}\n`,
    );
    io.out(msg?.text ?? JSON.stringify(r.fields, null, 2));
    return 0;
  }
  throw usageError('reports', unknownSub(sub));
}

export async function outboxCommand(core: Core, v: Values, io: CliIo): Promise<number> {
  const retry = typeof v.retry === 'string' ? v.retry : undefined;
  if (retry !== undefined) {
    const r = findReport(core, retry, 'outbox');
    if (!core.outbox.requeue(r.id)) throw new CliError(`Rapport ${r.number} ligger ikke som død post i udbakken.`);
    io.out(`${r.number} er lagt i kø igen og sendes ved næste gennemløb.`);
    await core.outboxWorker.runOnce();
  }
  const items = core.outbox.list();
  const d = core.outbox.depth();
  if (v.json) {
    io.out(JSON.stringify({ ...d, installationId: core.outbox.installationId, items: items.map((i) => ({ ...i, number: core.workflow.get(i.reportId)?.number ?? null })) }));
    return 0;
  }
  io.out(`Udbakke: ${d.pending} venter, ${d.dead} død post${d.oldestPendingAt ? `, ældste fra ${d.oldestPendingAt}` : ''}. Installation: ${core.outbox.installationId}.`);
  for (const i of items) io.out(`${core.workflow.get(i.reportId)?.number ?? i.reportId}${i.kind === 'supplement' ? ' (supplement)' : ''}  ${outboxLabel(i.status).padEnd(9)} forsøg ${i.attempts}${i.lastError ? `  sidste fejl: ${i.lastError}` : ''}`);
  return 0;
}

export function auditCommand(core: Core, v: Values, io: CliIo): number {
  const list = core.audit.list({ limit: 1000 });
  if (v.json) io.out(JSON.stringify(list.map((e) => ({ ...e, actorName: nameOf(core, e.actor), subjectName: nameOf(core, e.subject), actionText: actionLabel(e.action) }))));
  else if (!list.length) io.out('Revisionssporet er tomt.');
  else for (const e of list) io.out(`${e.at}  ${nameOf(core, e.actor)}: ${actionLabel(e.action)} – ${nameOf(core, e.subject)}${e.outcome === 'refused' ? ' (AFVIST)' : ''}`);
  return 0;
}
