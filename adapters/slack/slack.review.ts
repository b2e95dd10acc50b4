import { fieldFacts } from '../../src/reports/report.display.js';
import { SCREENSHOT_REMINDER } from '../../src/reports/report.privacy.js';
import type { Review } from '../../src/workflow/report.submission.js';
import { mrkdwn, type Block } from './slack.render.js';
import { escapeMarkdown } from '../../src/text/markup.js';
import { REPORT_REVIEW_CALLBACK, plain } from './slack.views.js';

const plainOption = (text: string) => plain(text, 75);
/** User text inside mrkdwn: `<`, `>` and `&` would otherwise be read as links and mentions. */
const esc = (s: string): string => s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
const clip = (s: string, max: number): string => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`);

/** The modal step between the form and submission: screening advice and the duplicate hint. */
export function reviewView(review: Review): Block {
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*Klar til at sende:* ${esc(review.report.fields.title ?? '')}\nTjek hele rapporten, før du sender den:` } }];
  const facts = fieldFacts(review.report.fields, { skip: ['title'] });
  for (let i = 0; i < facts.length; i += 10) {
    blocks.push({ type: 'section', fields: facts.slice(i, i + 10).map((f) => ({ type: 'mrkdwn', text: clip(`*${f.label}*\n${esc(f.value)}`, 2000) })) });
  }
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
  options.push({ text: plainOption('Ret rapporten'), value: 'edit' }, { text: plainOption('Annuller (kassér kladden)'), value: 'discard' });
  blocks.push({ type: 'input', block_id: 'choice', label: plain('Hvad vil du?'), element: { type: 'radio_buttons', action_id: 'choice', options, initial_option: options[0] } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: SCREENSHOT_REMINDER }] });
  return {
    type: 'modal',
    callback_id: REPORT_REVIEW_CALLBACK,
    private_metadata: String(review.report.id),
    title: plain('Ny fejlrapport'),
    submit: plain('Send'),
    close: plain('Luk'),
    blocks,
  };
}
