import { buttons, context, facts, reply, text, type Reply } from '../bot/bot.types.js';
import type { Person } from '../directory/directory.types.js';
import { fieldFacts } from './report.display.js';
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
  /** Change a draft or a report sent back: the form in Teams and Slack, a numbered field list in the terminal. */
  edit: 'report.edit',
  /** Pick one field to change (value `reportId:field`). */
  editField: 'report.edit.field',
  /** Check the whole report again and get the send button (value: report id). */
  review: 'report.review',
  /** Throw a draft away, or stop editing a report sent back (value: report id). */
  discard: 'report.discard',
  /** The whole report (value: number). */
  show: 'report.show',
} as const;

export function danishTime(iso: string): string {
  return new Date(iso).toLocaleString('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });
}

/**
 * Every fact an approver needs to decide, in form order with Danish labels (never internal
 * codes): shared by approval cards, `vis <nummer>` and status views.
 */
export function reportFacts(r: Report, reporter?: Person, municipalityName?: string): { label: string; value: string }[] {
  return [
    { label: 'Kommune', value: municipalityName ?? r.municipalityCode },
    ...(reporter ? [{ label: 'Indberettet af', value: `${reporter.name} (${reporter.email})` }] : []),
    ...fieldFacts(r.fields, { skip: ['title'] }),
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
