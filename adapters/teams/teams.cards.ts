import type { Reply } from '../../src/bot/bot.types.js';
import type { FormField } from '../../src/reports/report.form.js';
import { fieldFacts } from '../../src/reports/report.display.js';
import { SCREENSHOT_REMINDER } from '../../src/reports/report.privacy.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import type { Review } from '../../src/workflow/report.submission.js';
import { escapeMarkdown, renderMarkdown } from '../../src/text/markup.js';

/** An Adaptive Card (schema 1.5, the highest Teams renders). */
export type Card = Record<string, unknown>;

export const FORM_SUBMIT_VERB = 'report.form.submit';
export const REFRESH_VERB = 'report.refresh';

const card = (body: unknown[], actions: unknown[] = [], extra: Record<string, unknown> = {}): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length ? { actions } : {}),
  ...extra,
});

/** What Teams would read as HTML: always shown as the character. */
const html = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A user character in TextBlock Markdown: HTML-ish as an entity, Markdown punctuation backslash-escaped. */
const literal = (ch: string): string => (ch === '<' || ch === '>' ? html(ch) : /[\\`*_[\]()#+\-.~=]/.test(ch) ? `\\${ch}` : ch);

/**
 * Neutral Markdown → TextBlock Markdown: the bot's markup stays, escaped user text is shown
 * literally (no link, emphasis, list or heading can come from it), and `<…>` is never taken as HTML.
 */
export function teamsMarkdown(markdown: string): string {
  return renderMarkdown(markdown, html, literal);
}

/** Plain text (a facts value, a title) as TextBlock Markdown shown literally. */
export const teamsPlain = (text: string): string => teamsMarkdown(escapeMarkdown(text));

/** Adaptive Card TextBlocks support a Markdown subset: `**bold**`, `_italic_`, lists. */
const textBlock = (text: string, opts: Record<string, unknown> = {}) => ({ type: 'TextBlock', text, wrap: true, ...opts });

/** Neutral replies → one Adaptive Card; buttons become Action.Execute with verb = action id. */
export function renderCard(replies: readonly Reply[], opts: { refreshUserIds?: string[]; refreshData?: Record<string, unknown> } = {}): Card {
  const body: unknown[] = [];
  const actions: unknown[] = [];
  for (const r of replies) {
    for (const el of r.elements) {
      if (el.kind === 'text') body.push(textBlock(teamsMarkdown(el.markdown)));
      else if (el.kind === 'context') body.push(textBlock(teamsMarkdown(el.markdown), { isSubtle: true, size: 'Small' }));
      else if (el.kind === 'facts') body.push({ type: 'FactSet', facts: el.items.map((f) => ({ title: teamsPlain(f.label), value: teamsPlain(f.value) })) });
      else {
        for (const b of el.buttons) {
          if (b.input) {
            // A reason or question is typed into the card, then sent with the verb.
            const inputId = `note_${b.actionId.replace(/\W/g, '_')}`;
            actions.push({
              type: 'Action.ShowCard',
              title: b.label,
              card: card(
                [{ type: 'Input.Text', id: inputId, label: b.input.label, isMultiline: true, isRequired: true, errorMessage: 'Skriv en tekst.', maxLength: 2000 }],
                [{ type: 'Action.Execute', title: 'Send', verb: b.actionId, data: { value: b.value, noteField: inputId } }],
              ),
            });
          } else {
            actions.push({ type: 'Action.Execute', title: b.label, verb: b.actionId, data: { value: b.value }, ...(b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {}) });
          }
        }
      }
    }
  }
  // No known MRI: leave userIds out, so Teams refreshes for everyone in a conversation of up to 60
  // (the refresh handler asks the permission table, so only seat holders get the buttons).
  const refresh = opts.refreshUserIds
    ? { refresh: { action: { type: 'Action.Execute', title: 'Opdater', verb: REFRESH_VERB, data: opts.refreshData ?? {} }, ...(opts.refreshUserIds.length ? { userIds: opts.refreshUserIds } : {}) } }
    : {};
  return card(body.length ? body : [textBlock('Aula-support')], actions, refresh);
}

function input(f: FormField, error: string | undefined): unknown[] {
  const common = { id: f.key, label: f.label, isRequired: f.required, errorMessage: error ?? `Udfyld »${f.label.replace(/[.:]$/, '')}«.` };
  const v = f.value;
  let el: Record<string, unknown>;
  switch (f.kind) {
    case 'choice':
      el = { type: 'Input.ChoiceSet', ...common, style: 'compact', choices: (f.choices ?? []).map((c) => ({ title: c.label, value: c.key })), ...(v ? { value: v } : {}) };
      break;
    case 'date':
      el = { type: 'Input.Date', ...common, ...(v ? { value: v } : {}) };
      break;
    case 'time':
      el = { type: 'Input.Time', ...common, ...(v ? { value: v } : {}) };
      break;
    case 'checkbox':
      el = { type: 'Input.Toggle', ...common, title: 'Ja, det er tjekket', valueOn: 'true', valueOff: 'false', value: v === 'true' ? 'true' : 'false' };
      break;
    default:
      el = { type: 'Input.Text', ...common, isMultiline: f.kind !== 'text', placeholder: f.help, ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...(v ? { value: v } : {}) };
  }
  // Choices show no placeholder, so a long explanation (severity) goes under the dropdown.
  const help = f.kind === 'choice' && f.help.length > 80 ? [textBlock(f.help, { isSubtle: true, size: 'Small', spacing: 'None' })] : [];
  return error ? [el, ...help, textBlock(`⚠️ ${error}`, { color: 'Attention', size: 'Small', spacing: 'None' })] : [el, ...help];
}

/** The report form card; after a failed submit it comes back with the values kept and Danish errors. */
export function reportFormCard(fields: readonly FormField[], draftId: number, errors: Partial<Record<string, string>> = {}, opts: { heading?: string; note?: string } = {}): Card {
  const hasErrors = Object.keys(errors).length > 0;
  return card(
    [
      textBlock(`**${opts.heading ?? 'Ny fejlrapport til Netcompany'}**`, { size: 'Medium' }),
      ...(opts.note ? [textBlock(opts.note)] : []),
      // Nothing is saved until "Videre" is pressed; then everything typed is kept, also when something is missing.
      textBlock(hasErrors ? 'Rapporten mangler noget. Det, du har skrevet, er gemt – ret felterne markeret med ⚠️.' : 'Skriv fulde navne (ikke UNI-login) og aldrig CPR-numre. Når du trykker »Videre«, gemmes det, du har skrevet, som kladde – også hvis noget mangler.', {
        ...(hasErrors ? { color: 'Attention' } : { isSubtle: true }),
      }),
      ...fields.flatMap((f) => input(f, errors[f.key])),
    ],
    [{ type: 'Action.Execute', title: 'Videre', verb: FORM_SUBMIT_VERB, data: { draftId } }],
  );
}

/** Screening advice and the duplicate hint, with the final submission. */
export function reviewCard(review: Review): Card {
  const body: unknown[] = [
    textBlock(teamsMarkdown(`**Klar til at sende:** ${escapeMarkdown(review.report.fields.title ?? '')}`)),
    textBlock('Tjek hele rapporten, før du sender den:', { isSubtle: true }),
    { type: 'FactSet', facts: fieldFacts(review.report.fields, { skip: ['title'] }).map((f) => ({ title: teamsPlain(f.label), value: teamsPlain(f.value) })) },
  ];
  if (review.advice.length) {
    body.push(textBlock('Inden du sender, så tjek dette – Netcompany afviser ofte sådanne sager:'));
    for (const a of review.advice) body.push(textBlock(teamsMarkdown(`- ${a.message}${a.faq?.length ? `\n  Se: ${a.faq.map((f) => f.title).join(' · ')}` : ''}`)));
  }
  if (review.duplicates.length) body.push(textBlock('Der findes åbne rapporter i din kommune fra de sidste 14 dage, der ligner. Er det samme fejl, kan du skrive på den i stedet.'));
  body.push(textBlock(SCREENSHOT_REMINDER, { isSubtle: true, size: 'Small' }));
  const id = String(review.report.id);
  return card(body, [
    { type: 'Action.Execute', title: 'Send til godkendelse', verb: REPORT_ACTIONS.submit, data: { value: id }, style: 'positive' },
    ...review.duplicates.map((d) => ({ type: 'Action.Execute', title: `Samme fejl som ${d.number}`, verb: REPORT_ACTIONS.sameError, data: { value: `${id}:${d.number}` } })),
    { type: 'Action.Execute', title: 'Ret', verb: REPORT_ACTIONS.edit, data: { value: id } },
    { type: 'Action.Execute', title: 'Annuller', verb: REPORT_ACTIONS.discard, data: { value: id }, style: 'destructive' },
  ]);
}
