import type { Core } from '../../src/core.js';
import { REPORT_STATUSES, STATUS_LABELS, type ReportStatus } from '../../src/reports/report.types.js';
import { CliError, type CliIo } from './cli.output.js';

export function reportsCommand(core: Core, sub: string | undefined, rest: string[], v: Record<string, string | boolean | undefined>, io: CliIo): number {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  if (sub === 'list') {
    const m = str('municipality');
    const code = m ? core.directory.municipality(m)?.code : undefined;
    if (m && !code) throw new CliError(`Kommunen "${m}" findes ikke.`);
    const status = str('status');
    if (status && !(REPORT_STATUSES as readonly string[]).includes(status)) throw new CliError(`Ukendt status "${status}". Brug en af: ${REPORT_STATUSES.join(', ')}.`, 2);
    const list = core.workflow.list({ ...(code ? { municipalityCode: code } : {}), ...(status ? { status: status as ReportStatus } : {}) }).filter((r) => r.number);
    if (v.json) {
      io.out(JSON.stringify(list.map((r) => ({ number: r.number, municipality: r.municipalityCode, status: r.status, externalStatus: r.externalStatus, title: r.fields.title ?? null, submittedAt: r.submittedAt, decidedAt: r.decidedAt }))));
      return 0;
    }
    if (!list.length) io.out('Ingen rapporter.');
    for (const r of list) io.out(`${r.number}  ${r.municipalityCode}  ${STATUS_LABELS[r.status].padEnd(32)} ${r.fields.title ?? ''}`);
    return 0;
  }
  if (sub === 'show') {
    const number = rest[0];
    const r = number ? core.workflow.get(number) : undefined;
    if (!r || !r.number) throw new CliError(`Rapport ${number ?? ''} findes ikke.`);
    const msg = core.delivery.forwardMessage(r.id, '');
    io.out(`${r.number} – ${STATUS_LABELS[r.status]}${r.externalStatus ? ` (Netcompany: ${r.externalStatus})` : ''}${r.decisionNote ? `\nBemærkning: ${r.decisionNote}` : ''}\n`);
    io.out(msg?.text ?? JSON.stringify(r.fields, null, 2));
    return 0;
  }
  throw new CliError('Brug: aula-support reports list [--municipality …] [--status …] [--json] | reports show <nummer>', 2);
}

export async function outboxCommand(core: Core, v: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  const retry = typeof v.retry === 'string' ? v.retry : undefined;
  if (retry) {
    const r = core.workflow.get(retry);
    if (!r) throw new CliError(`Rapport ${retry} findes ikke.`);
    if (!core.outbox.requeue(r.id)) throw new CliError(`Rapport ${retry} ligger ikke som død post i udbakken.`);
    io.out(`${retry} er lagt i kø igen og sendes ved næste gennemløb.`);
    await core.outboxWorker.runOnce();
  }
  const items = core.outbox.list();
  const d = core.outbox.depth();
  if (v.json) {
    io.out(JSON.stringify({ ...d, installationId: core.outbox.installationId, items: items.map((i) => ({ ...i, number: core.workflow.get(i.reportId)?.number ?? null })) }));
    return 0;
  }
  io.out(`Udbakke: ${d.pending} venter, ${d.dead} død post${d.oldestPendingAt ? `, ældste fra ${d.oldestPendingAt}` : ''}. Installation: ${core.outbox.installationId}.`);
  for (const i of items) io.out(`${core.workflow.get(i.reportId)?.number ?? i.reportId}${i.kind === 'supplement' ? ' (supplement)' : ''}  ${i.status.padEnd(9)} forsøg ${i.attempts}${i.lastError ? `  sidste fejl: ${i.lastError}` : ''}`);
  return 0;
}

export function auditCommand(core: Core, v: Record<string, string | boolean | undefined>, io: CliIo): number {
  const list = core.audit.list({ limit: 1000 });
  if (v.json) io.out(JSON.stringify(list));
  else for (const e of list) io.out(`${e.at}  ${e.actor.padEnd(14)} ${e.action.padEnd(22)} ${e.subject.padEnd(26)} ${e.outcome}`);
  return 0;
}

