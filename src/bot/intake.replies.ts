import { SCREENSHOT_REMINDER } from '../reports/report.privacy.js';
import { REPORT_FIELD_LABELS } from '../reports/report.labels.js';
import type { ReportFields } from '../reports/report.schema.js';
import { REPORT_ACTIONS } from '../reports/report.replies.js';
import { STATUS_LABELS, reportLabel, type Report } from '../reports/report.types.js';
import type { Review } from '../workflow/report.submission.js';
import { buttons, context, facts, reply, text, type Reply } from './bot.types.js';
import { escapeMarkdown } from '../text/markup.js';
import { fieldFacts } from '../reports/report.display.js';

export function maskedNotice(fields: readonly string[]): string | undefined {
  if (!fields.length) return undefined;
  const names = fields.map((f) => REPORT_FIELD_LABELS[f as keyof ReportFields] ?? f).join(', ');
  return `Jeg har skjult noget, der ligner et CPR-nummer, i: ${names}. CPR-numre må ikke stå i fejlrapporter.`;
}

export function errorsReply(errors: Partial<Record<keyof ReportFields, string>>, masked: readonly string[]): Reply {
  const lines = Object.entries(errors).map(([f, m]) => `- **${REPORT_FIELD_LABELS[f as keyof ReportFields] ?? f}:** ${m}`);
  const notice = maskedNotice(masked);
  return reply(text(`Rapporten mangler noget, før den kan sendes. Det, du har skrevet, er gemt.\n\n${lines.join('\n')}`), ...(notice ? [context(notice)] : []));
}

/** Screening advice, duplicate hint and the final buttons, shown before submission. */
export function reviewReply(review: Review): Reply {
  const r = review.report;
  const parts: string[] = [];
  if (review.advice.length) {
    parts.push('Inden du sender, så tjek dette – Netcompany afviser ofte sådanne sager:');
    for (const a of review.advice) {
      parts.push(`- ${a.message}${a.faq?.length ? `\n  Se: ${a.faq.map((f) => f.title).join(' · ')}` : ''}`);
    }
  }
  if (review.duplicates.length) {
    parts.push('Der findes åbne rapporter i din kommune fra de sidste 14 dage, der ligner:');
    for (const d of review.duplicates) parts.push(`- **${d.number}** ${escapeMarkdown(d.fields.title ?? '')} (${STATUS_LABELS[d.status]})`);
    parts.push('Er det den samme fejl, kan du tilføje "samme fejl her" til den i stedet for at oprette en ny.');
  }
  const notice = maskedNotice(review.maskedFields);
  return reply(
    text(`**Klar til at sende: "${r.fields.title}"**\n\nTjek hele rapporten, før du sender den:`),
    facts(fieldFacts(r.fields, { skip: ['title'] })),
    ...(parts.length ? [text(parts.join('\n\n'))] : []),
    context(`${notice ? `${notice} ` : ''}${SCREENSHOT_REMINDER}`),
    buttons([
      { actionId: REPORT_ACTIONS.submit, label: 'Send til godkendelse', value: String(r.id), style: 'primary' },
      ...review.duplicates.map((d) => ({ actionId: REPORT_ACTIONS.sameError, label: `Samme fejl som ${d.number}`, value: `${r.id}:${d.number}` })),
      { actionId: REPORT_ACTIONS.edit, label: 'Ret', value: String(r.id) },
      { actionId: REPORT_ACTIONS.saveDraft, label: 'Gem som kladde', value: String(r.id) },
      { actionId: REPORT_ACTIONS.discard, label: 'Annuller', value: String(r.id), style: 'danger' },
    ]),
  );
}

export function statusList(reports: readonly Report[]): Reply {
  if (!reports.length) return reply(text('Du har ingen fejlrapporter endnu. Skriv "fejl" for at oprette en.'));
  const lines = reports.map((r) => `- **${reportLabel(r)}** ${r.fields.title ? escapeMarkdown(r.fields.title) : '(uden titel)'} – ${STATUS_LABELS[r.status]}${r.externalStatus ? ` (Netcompany: ${r.externalStatus})` : ''}`);
  const shown = reports.filter((r) => r.number).slice(0, 10);
  return reply(
    text(`Dine fejlrapporter:\n\n${lines.join('\n')}`),
    ...(shown.length ? [buttons(shown.map((r) => ({ actionId: REPORT_ACTIONS.show, label: `Vis ${r.number}`, value: r.number! })))] : []),
  );
}
