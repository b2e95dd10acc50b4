import { buttons, context, facts, reply, text, type Reply } from '../bot/bot.types.js';
import type { Person } from '../directory/directory.types.js';
import { AFFECTED_SCOPES, AULA_AREAS, PLATFORMS, SEVERITIES } from './report.fields.js';
import { STATUS_LABELS, reportLabel, type Report } from './report.types.js';
import { escapeMarkdown } from '../text/markup.js';

/** Stable action ids, the same on every platform. */
export const REPORT_ACTIONS = {
  approve: 'report.approve',
  reject: 'report.reject',
  requestInfo: 'report.request_info',
  submit: 'report.submit',
  sameError: 'report.same_error',
  saveDraft: 'report.save_draft',
} as const;

const label = <T extends Record<string, unknown>>(map: T, key: string | undefined): string => {
  const v = key === undefined ? undefined : (map as Record<string, unknown>)[key];
  if (v === undefined) return '–';
  return typeof v === 'string' ? v : (v as { label: string }).label;
};

export function danishTime(iso: string): string {
  return new Date(iso).toLocaleString('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });
}

/** The key facts of a report, shared by approval cards and status lists. */
export function reportFacts(r: Report, reporter?: Person, municipalityName?: string): { label: string; value: string }[] {
  const f = r.fields;
  return [
    { label: 'Kommune', value: municipalityName ?? r.municipalityCode },
    ...(reporter ? [{ label: 'Indberettet af', value: `${reporter.name} (${reporter.email})` }] : []),
    { label: 'Område', value: label(AULA_AREAS, f.area) },
    { label: 'Alvorlighed', value: label(SEVERITIES, f.severity) },
    { label: 'Platform', value: `${label(PLATFORMS, f.platform)}${f.os ? `, ${f.os}` : ''}${f.clientVersion ? `, ${f.clientVersion}` : ''}` },
    { label: 'Berørte', value: `${label(AFFECTED_SCOPES, f.affectedScope)}${f.institutionName ? ` – ${f.institutionName} (${f.institutionCode ?? '?'})` : ''}` },
    { label: 'Hvad skete der', value: f.whatHappened ?? '–' },
    ...(f.errorText ? [{ label: 'Fejltekst', value: f.errorText }] : []),
    // Shown as the bare addresses the reporter typed, never as a titled link.
    ...(f.attachments?.length ? [{ label: 'Links fra indberetter', value: f.attachments.join('\n') }] : []),
  ];
}

/**
 * The approval card, built once here and rendered per platform. While the report awaits a
 * decision it carries the three decision buttons; afterwards its resolved form says who decided
 * and when, and is the visible audit trail.
 */
export function approvalCard(r: Report, reporter: Person | undefined, municipalityName: string, decidedBy?: Person): Reply {
  const head = text(`**Fejlrapport ${reportLabel(r)}: ${r.fields.title ? escapeMarkdown(r.fields.title) : '(uden titel)'}**`);
  const body = facts(reportFacts(r, reporter, municipalityName));
  if (r.status === 'submitted') {
    const n = r.number ?? String(r.id);
    return reply(
      head,
      body,
      buttons([
        { actionId: REPORT_ACTIONS.approve, label: 'Godkend og send til Netcompany', value: n, style: 'primary' },
        { actionId: REPORT_ACTIONS.reject, label: 'Afvis', value: n, style: 'danger', input: { label: 'Begrundelse for afvisningen', placeholder: 'Fx: Det er et spørgsmål om brug – se vejledningen …' } },
        { actionId: REPORT_ACTIONS.requestInfo, label: 'Bed om flere oplysninger', value: n, input: { label: 'Dit spørgsmål til indberetteren' } },
      ]),
    );
  }
  const when = r.decidedAt ? danishTime(r.decidedAt) : '';
  const who = decidedBy ? escapeMarkdown(decidedBy.name) : 'ukendt';
  return reply(head, body, context(`Status: ${STATUS_LABELS[r.status]}${r.decidedAt ? ` · besluttet af ${who} ${when}` : ''}${r.decisionNote ? ` · ${escapeMarkdown(r.decisionNote)}` : ''}`));
}
