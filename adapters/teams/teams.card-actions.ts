import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { isBusy } from '../../src/store/sqlite/database.js';
import type { Actor } from '../../src/bot/bot.types.js';
import type { Person } from '../../src/directory/directory.types.js';
import { reportForm } from '../../src/reports/report.form.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import type { Report } from '../../src/reports/report.types.js';
import { FORM_SUBMIT_VERB, REFRESH_VERB, renderCard, reportFormCard, reviewCard, type Card } from './teams.cards.js';
import type { TeamsTurnKit } from './teams.app.js';

/** Adaptive Card actions (Action.Execute): the report form, refresh, edit, and the buttons the core handles. */
export function registerCardActions(app: Application, { core, notifier, actorOf, conversation, kick }: TeamsTurnKit): void {
  app.adaptiveCards.actionExecute(/.*/, async (ctx, _state, data: Record<string, unknown>): Promise<never> => {
    let card: Card;
    try {
      card = await executeCard(ctx, data);
    } catch (err) {
      if (!isBusy(err)) throw err;
      core.logger.warn({ platform: 'teams' }, 'database locked during a card action');
      card = renderCard([{ elements: [{ kind: 'text', markdown: 'Der er travlt i databasen lige nu. Prøv igen om lidt.' }] }]);
    }
    // A card with `refresh` replaces the message for everyone, which needs the message id.
    if (!ctx.activity.replyToId) delete card.refresh;
    return card as never;
  });

  const executeCard = async (ctx: TurnContext, data: Record<string, unknown>): Promise<Card> => {
    const verb = String((ctx.activity.value as { action?: { verb?: string } }).action?.verb ?? '');
    const actor = await actorOf(ctx);
    const person = core.directory.resolve(actor.identity, actor.email);
    if (verb === FORM_SUBMIT_VERB) {
      const may = core.workflow.mayFile(person);
      if (!may.ok) return renderCard([{ elements: [{ kind: 'text', markdown: may.message }] }]);
      const { draftId, ...values } = data;
      const r = core.workflow.submit(may.value, Number(draftId), values, false);
      if (!r.ok) return renderCard([{ elements: [{ kind: 'text', markdown: r.message }] }]);
      if (r.value.kind === 'invalid') return editFormCard(r.value.report, r.value.errors);
      if (r.value.kind === 'review') return reviewCard(r.value.review);
      return renderCard([{ elements: [{ kind: 'text', markdown: `Rapport ${r.value.report.number} er sendt til godkendelse.` }] }]);
    }
    if (verb === REFRESH_VERB) return viewCard(String(data.number ?? ''), actor, person);
    if (verb === REPORT_ACTIONS.edit) {
      const r = core.reports.editable(actor, String(data.value ?? ''));
      return r.ok ? editFormCard(r.report) : renderCard([{ elements: [{ kind: 'text', markdown: r.message }] }]);
    }
    const value = String(data.value ?? '');
    const note = typeof data.noteField === 'string' ? String(data[data.noteField] ?? '') : undefined;
    const replies = await core.bot.handle({ type: 'action', actor, conversation: conversation(ctx), actionId: verb, value, ...(note !== undefined ? { text: note } : {}) });
    kick();
    if (verb.startsWith('report.') && /^AULA-/i.test(value)) {
      // Decisions: the clicked card comes back as the report's current card, with the outcome on top,
      // but only for someone who may see the report; anyone else gets the refusal alone.
      const card = viewCard(value, actor, person);
      (card.body as unknown[]).unshift(...(renderCard(replies).body as unknown[]).slice(0, 1));
      return card;
    }
    return renderCard(replies);
  };

  /** The report's card as this person may see it, or only the refusal: a refused view reveals nothing. */
  const viewCard = (number: string, actor: Actor, person: Person | undefined): Card => {
    const visible = core.workflow.view(person && { kind: 'person', person, identity: actor.identity }, number);
    if (!visible.ok || !visible.value.number) return renderCard([{ elements: [{ kind: 'text', markdown: visible.ok ? 'Rapporten findes ikke.' : visible.message }] }]);
    return notifier.approvalCardFor(visible.value.number, person);
  };
}

/** The report form with the report's current values; for a report sent back, with the approver's question. */
export const editFormCard = (report: Report, errors: Partial<Record<string, string>> = {}): Card =>
  reportFormCard(reportForm(report.fields), report.id, errors, report.number
    ? { heading: `Ret fejlrapport ${report.number}`, ...(report.status === 'needs_info' && report.decisionNote ? { note: `Spørgsmålet var: ${report.decisionNote}` } : {}) }
    : {});
