import { SCREENSHOT_REMINDER } from '../../src/reports/report.privacy.js';
import type { Review } from '../../src/workflow/report.workflow.js';
import { mrkdwn, type Block } from './slack.render.js';
import { escapeMarkdown } from '../../src/text/markup.js';
import { REPORT_REVIEW_CALLBACK, plain } from './slack.views.js';

const plainOption = (text: string) => plain(text, 75);

/** The modal step between the form and submission: screening advice and the duplicate hint. */
export function reviewView(review: Review): Block {
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(`**Klar til at sende:** ${escapeMarkdown(review.report.fields.title ?? '')}`) } }];
  if (review.advice.length) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*Inden du sender*, så tjek dette – Netcompany afviser ofte sådanne sager:' } });
    for (const a of review.advice) {
      const faq = a.faq?.length ? `\nSe: ${a.faq.map((f) => f.title).join(' · ')}` : '';
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(`• ${a.message}${faq}`).slice(0, 3000) } });
    }
  }
  const options = [{ text: plainOption('Send som ny rapport til godkendelse'), value: 'new' }];
  for (const d of review.duplicates) options.push({ text: plainOption(`Samme fejl som ${d.number}: ${d.fields.title ?? ''}`), value: `same:${d.number}` });
  if (review.duplicates.length) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'Der findes åbne rapporter i din kommune fra de sidste 14 dage, der ligner. Er det samme fejl, kan du skrive på den i stedet.' } });
  }
  blocks.push({ type: 'input', block_id: 'choice', label: plain('Hvad vil du?'), element: { type: 'radio_buttons', action_id: 'choice', options, initial_option: options[0] } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: SCREENSHOT_REMINDER }] });
  return {
    type: 'modal',
    callback_id: REPORT_REVIEW_CALLBACK,
    private_metadata: String(review.report.id),
    title: plain('Ny fejlrapport'),
    submit: plain('Send'),
    close: plain('Gem kladde'),
    blocks,
  };
}
