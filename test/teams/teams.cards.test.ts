import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buttons, context, facts, reply, text } from '../../src/bot/bot.types.js';
import { reportForm } from '../../src/reports/report.form.js';
import { approvalCard } from '../../src/reports/report.replies.js';
import type { Report } from '../../src/reports/report.types.js';
import { renderCard, reportFormCard, reviewCard, type Card } from '../../adapters/teams/teams.cards.js';

// The Adaptive Cards SDK's ESM build does not load in Node; its UMD bundle parses and validates without a DOM.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

/** Every problem the Adaptive Card SDK reports for a card (unknown types, bad properties). */
function problems(card: Card): string[] {
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  ac.parse(card, ctx);
  const out = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
  return [...out, ...ac.validateProperties().validationEvents.map((e) => e.message)];
}

const report: Report = {
  id: 7, number: 'AULA-2026-000007', municipalityCode: '492', reporterId: 1, status: 'submitted', fields: { title: 'Beskeder lukker appen', area: 'beskeder', severity: 'alvorlig', whatHappened: 'Appen lukker' },
  draftStep: null, version: 1, createdAt: '', updatedAt: '', submittedAt: '2026-11-20T10:00:00Z', decidedBy: null, decidedAt: null, decisionNote: null, externalStatus: null, externalReference: null, closedAt: null,
};
const reporter = { id: 1, email: 'sara@aeroe.dk', name: 'Sara', municipalityCode: '492', role: 'superuser' as const };

const cards: [string, Card][] = [
  ['answer', renderCard([reply(text('**Svar**\n\n- punkt'), context('Kilde: x'), buttons([{ actionId: 'faq.helpful', label: 'Hjalp svaret', value: '1:x' }, { actionId: 'faq.not_helpful', label: 'Hjalp ikke', value: '1:x' }]))])],
  ['suggestions', renderCard([reply(text('Mente du?'), buttons([1, 2, 3].map((n) => ({ actionId: 'faq.suggestion', label: `Forslag ${n}`, value: `1:e${n}` }))))])],
  ['approval (undecided, with refresh)', renderCard([approvalCard(report, reporter, 'Ærø Kommune')], { refreshUserIds: ['aad-1'], refreshData: { number: report.number } })],
  ['approval (decided)', renderCard([approvalCard({ ...report, status: 'approved', decidedAt: '2026-11-20T11:00:00Z', decidedBy: 2 }, reporter, 'Ærø Kommune', { ...reporter, id: 2, name: 'Hans' })])],
  ['facts', renderCard([reply(facts([{ label: 'Kommune', value: 'Ærø' }]))])],
  ['report form', reportFormCard(reportForm({ title: 'x' }), 3)],
  ['report form with errors', reportFormCard(reportForm({ title: 'x'.repeat(130) }), 3, { title: 'Titlen må højst være 120 tegn.', groupName: 'Skriv gruppens navn.' })],
  ['review', reviewCard({ report: { ...report, status: 'draft' }, advice: [{ code: 'widget_vendor', message: 'Kontakt leverandøren.' }], duplicates: [report], maskedFields: [] })],
];

describe('Adaptive Cards the Teams adapter sends', () => {
  it.each(cards)('%s is a valid Adaptive Card 1.5', (_name, card) => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(problems(card)).toEqual([]);
  });

  it('the validator catches a broken card', () => {
    expect(problems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Bogus' }] }).length).toBeGreaterThan(0);
  });

  it('uses Action.Execute with the exact decision verbs, asking for the reason and question in the card', () => {
    const json = JSON.stringify(cards[2]![1]);
    expect(json.match(/"verb":"report\.[a-z_]+"/g)).toEqual(['"verb":"report.approve"', '"verb":"report.reject"', '"verb":"report.request_info"', '"verb":"report.refresh"']);
    expect(json).toMatch(/"type":"Input.Text","id":"note_report_reject"[^}]*"isRequired":true/);
  });

  it('marks required form fields and keeps typed values', () => {
    const json = JSON.stringify(cards[6]![1]);
    expect(json).toMatch(/"id":"title"[^}]*"isRequired":true[^}]*"value":"x{130}"/);
    expect(json).toContain('Titlen må højst være 120 tegn.');
  });
});
