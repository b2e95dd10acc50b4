import { describe, expect, it } from 'vitest';
import { buttons, context, facts, reply, text } from '../../../src/bot/bot.types.js';
import { approvalCard } from '../../../src/reports/report.replies.js';
import type { Report } from '../../../src/reports/report.types.js';
import { actionIdOf, inputButtons, mrkdwn, renderBlocks } from '../../../adapters/slack/slack.render.js';

const report: Report = {
  id: 7, number: 'AULA-2026-000007', municipalityCode: '492', reporterId: 1, status: 'submitted', fields: { title: 'Beskeder lukker appen', area: 'beskeder', severity: 'alvorlig' },
  draftStep: null, version: 1, createdAt: '', updatedAt: '', submittedAt: '2026-11-20T10:00:00Z', decidedBy: null, decidedAt: null, decisionNote: null, externalStatus: null, externalReference: null, closedAt: null,
};

describe('Block Kit rendering', () => {
  it('turns our Markdown into Slack mrkdwn', () => {
    expect(mrkdwn('**Fed** og _kursiv_')).toBe('*Fed* og _kursiv_');
  });

  it('renders text, context, facts and buttons with a plain-text fallback', () => {
    const { blocks, text: fallback } = renderBlocks([
      reply(text('**Svar**\n\nSådan gør du.'), context('Kilde: seed 000'), facts([{ label: 'Kommune', value: 'Ærø' }]), buttons([{ actionId: 'faq.helpful', label: 'Hjalp svaret', value: '1:x' }])),
    ]);
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context', 'section', 'actions']);
    expect(fallback).toBe('Svar\n\nSådan gør du.');
    expect(JSON.stringify(blocks[2])).toContain('*Kommune*\\nÆrø');
  });

  it('gives the approval card exactly the three decision action ids', () => {
    const { blocks } = renderBlocks([approvalCard(report, { id: 1, email: 'sara@aeroe.dk', name: 'Sara', municipalityCode: '492', role: 'superuser' }, 'Ærø Kommune')]);
    const actions = blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['report.approve', 'report.reject', 'report.request_info']);
    expect(actions.elements.every((e) => e.value === 'AULA-2026-000007')).toBe(true);
    expect(inputButtons([approvalCard(report, undefined, 'Ærø Kommune')]).map((b) => b.actionId)).toEqual(['report.reject', 'report.request_info']);
  });

  it('shows the resolved card without buttons', () => {
    const decided = { ...report, status: 'approved' as const, decidedAt: '2026-11-20T11:00:00Z', decidedBy: 2 };
    const { blocks } = renderBlocks([approvalCard(decided, undefined, 'Ærø Kommune', { id: 2, email: 'h@a.dk', name: 'Hans Holder', municipalityCode: '492', role: 'staff' })]);
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toMatch(/besluttet af Hans Holder/);
  });

  it('makes repeated action ids unique within a block and maps them back', () => {
    const { blocks } = renderBlocks([reply(buttons([1, 2, 3].map((n) => ({ actionId: 'faq.suggestion', label: `Forslag ${n}`, value: `${n}:x` }))))]);
    const ids = (blocks[0] as { elements: { action_id: string }[] }).elements.map((e) => e.action_id);
    expect(ids).toEqual(['faq.suggestion', 'faq.suggestion::1', 'faq.suggestion::2']);
    expect(ids.map(actionIdOf)).toEqual(['faq.suggestion', 'faq.suggestion', 'faq.suggestion']);
  });

  it('keeps within Slack limits: long text split, long labels clipped', () => {
    const long = `${'a'.repeat(2500)}\n\n${'b'.repeat(2500)}`;
    const { blocks } = renderBlocks([reply(text(long), buttons([{ actionId: 'x', label: 'L'.repeat(200), value: 'v' }]))]);
    const sections = blocks.filter((b) => b.type === 'section') as { text: { text: string } }[];
    expect(sections.length).toBe(2);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    const label = (blocks.at(-1) as { elements: { text: { text: string } }[] }).elements[0]!.text.text;
    expect([...label].length).toBeLessThanOrEqual(75);
  });
});
