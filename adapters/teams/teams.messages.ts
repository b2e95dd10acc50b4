import type { Application } from '@microsoft/teams-ai';
import { reportForm } from '../../src/reports/report.form.js';
import { renderCard, reportFormCard } from './teams.cards.js';
import { editFormCard } from './teams.card-actions.js';
import type { TeamsTurnKit } from './teams.app.js';

/** Whether this conversationUpdate adds the bot itself (installed, or added to a team), not a person joining. */
export function addsTheBot(activity: { membersAdded?: { id?: string }[]; recipient?: { id?: string } }): boolean {
  const bot = activity.recipient?.id;
  return !!bot && (activity.membersAdded ?? []).some((m) => m.id === bot);
}

/** Chat messages and the bot's installation: commands that open the report form, everything else through the core. */
export function registerMessageHandlers(app: Application, { core, actorOf, conversation, send, kick }: TeamsTurnKit): void {
  app.conversationUpdate('membersAdded', async (ctx) => {
    // Welcome only when the bot itself was installed or added to a team, not every time someone joins the team.
    if (!addsTheBot(ctx.activity)) return;
    await actorOf(ctx);
    await send(ctx, renderCard([{ elements: [{ kind: 'text', markdown: `**Hej! Jeg er Aula-supportbotten.** Jeg svarer på spørgsmål om Aula og tager imod fejlrapporter til Netcompany.\n\n${core.bot.commands.help()}` }] }]));
  });

  app.activity('message', async (ctx) => {
    const notificationsBefore = core.notifications.added;
    const actor = await actorOf(ctx);
    const text = (ctx.activity.text ?? '').trim();
    const resolved = core.bot.commands.resolve(text);
    if (resolved?.command.id === 'report.edit') {
      // Editing uses the same form as filing, with the current values filled in.
      const r = core.reports.editable(actor, resolved.args);
      await (r.ok ? send(ctx, editFormCard(r.report)) : ctx.sendActivity(r.message));
      return;
    }
    if (resolved?.command.id === 'report.new') {
      const may = core.workflow.mayFile(core.directory.resolve(actor.identity, actor.email));
      if (!may.ok) {
        await ctx.sendActivity(may.message);
        return;
      }
      const draft = core.workflow.draftFor(may.value);
      await send(ctx, reportFormCard(reportForm(draft.fields), draft.id));
      return;
    }
    const replies = await core.bot.handle({ type: 'message', actor, conversation: conversation(ctx), text });
    await send(ctx, renderCard(replies));
    // Deliver at once what this message caused (a submitted report's approval requests, a decision).
    if (core.notifications.added !== notificationsBefore) kick();
  });
}
