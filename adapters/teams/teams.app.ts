import { isBusy } from '../../src/store/sqlite/database.js';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { CardFactory, TeamsInfo, TurnContext } from 'botbuilder';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../../src/bot/bot.types.js';
import type { Core } from '../../src/core.js';
import type { Person } from '../../src/directory/directory.types.js';
import { reportForm } from '../../src/reports/report.form.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import type { Report } from '../../src/reports/report.types.js';
import type { HttpServer, NotifyOptions } from '../http/http.server.js';
import { sendJson } from '../http/http.server.js';
import { BodyTooLarge, readBody } from '../http/read-body.js';
import { FORM_SUBMIT_VERB, REFRESH_VERB, renderCard, reportFormCard, reviewCard, type Card } from './teams.cards.js';
import { TeamsNotifier } from './teams.notifier.js';
import { isLoopback, isLoopbackUrl, proxyHeaders, refuseTenant, tenantOf } from './teams.guard.js';
import { newCorrelationId } from '../../src/logging/logger.js';

const MAX_BODY = 256 * 1024;
export { isLoopback };

export interface TeamsAdapterHandle {
  notifier: TeamsNotifier;
  /** The POST /api/messages handler (exposed for tests of the loopback guard). */
  messages(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The botbuilder adapter (tests replace its token validation with a stub). */
  adapter: TeamsAdapter;
  stop(): Promise<void>;
}

/** `teams:<tenant>:<aadObjectId>` for the sender of an activity. */
/**
 * A channel conversation id without the `;messageid=…` of the thread the message was written in:
 * posting to it starts a new post in the channel instead of replying in that thread.
 */
export function channelConversationId(id: string): string {
  return id.replace(/;messageid=.*$/i, '');
}

/** Whether this conversationUpdate adds the bot itself (installed, or added to a team), not a person joining. */
export function addsTheBot(activity: { membersAdded?: { id?: string }[]; recipient?: { id?: string } }): boolean {
  const bot = activity.recipient?.id;
  return !!bot && (activity.membersAdded ?? []).some((m) => m.id === bot);
}

export function teamsIdentity(ctx: TurnContext): string {
  const a = ctx.activity;
  const tenant = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? 'unknown';
  return `teams:${tenant}:${a.from?.aadObjectId ?? a.from?.id ?? 'unknown'}`;
}

/**
 * The Teams adapter: a teams-ai Application over botbuilder's CloudAdapter at POST /api/messages.
 * Without MICROSOFT_APP_ID it runs in local mode (Bot Framework Emulator compatible) and accepts
 * requests from loopback addresses only. Everything here is translation to and from the core.
 */
export function mountTeams(core: Core, http: HttpServer, opts: NotifyOptions = {}): TeamsAdapterHandle {
  const c = core.config;
  const local = !c.MICROSOFT_APP_ID;
  const adapter = local
    ? new TeamsAdapter({})
    : new TeamsAdapter({ MicrosoftAppId: c.MICROSOFT_APP_ID, MicrosoftAppPassword: c.MICROSOFT_APP_PASSWORD, MicrosoftAppTenantId: c.MICROSOFT_APP_TENANT_ID, MicrosoftAppType: c.MICROSOFT_APP_TYPE });
  const app = new Application({ adapter, botAppId: c.MICROSOFT_APP_ID ?? '', removeRecipientMention: true });
  if (local) {
    // Local mode never sends outside this machine, also not to a conversation stored by an earlier, credentialed run.
    const proactive = adapter.continueConversationAsync.bind(adapter) as (...args: unknown[]) => Promise<void>;
    (adapter as unknown as { continueConversationAsync: (...args: unknown[]) => Promise<void> }).continueConversationAsync = async (...args: unknown[]) => {
      const ref = args[1] as { serviceUrl?: string } | undefined;
      if (!isLoopbackUrl(ref?.serviceUrl)) return void core.logger.warn({ platform: 'teams' }, 'local mode did not send to a serviceUrl outside this machine');
      return proactive(...args);
    };
  }
  const notifier = new TeamsNotifier(core, adapter, c.MICROSOFT_APP_ID ?? '');
  const kick = opts.relayKick ?? (() => void notifier.run());
  const allowedTenants = new Set(c.TEAMS_ALLOWED_TENANTS);
  // Linking an unknown identity by its roster e-mail trusts the tenant that vouches for it: only tenants on the list.
  const rosterLinking = !local && allowedTenants.size > 0;
  const tenantAllowed = (ctx: TurnContext): boolean => {
    if (!allowedTenants.size) return true;
    const tenant = tenantOf(ctx.activity);
    return !!tenant && allowedTenants.has(tenant);
  };

  /** Who sent this turn; the e-mail comes from the roster when we have credentials, else from `people link`. */
  const actorOf = async (ctx: TurnContext): Promise<Actor> => {
    const identity = teamsIdentity(ctx);
    const ref = TurnContext.getConversationReference(ctx.activity);
    // 1:1 chats reach the person; team channels and group chats are kept by conversation id for `admin kanal`.
    const personal = ctx.activity.conversation.conversationType === 'personal' || !ctx.activity.conversation.conversationType;
    if (!personal && ref.conversation?.id) {
      // Post to the channel itself: neither into the thread (`;messageid=`) nor as a reply to this message (activityId).
      ref.conversation = { ...ref.conversation, id: channelConversationId(ref.conversation.id) };
      delete ref.activityId;
    }
    // A person newly reachable may have notifications waiting (approval requests, decisions).
    if (core.platform.saveConversation(personal ? identity : `teams-conv:${channelConversationId(ctx.activity.conversation.id)}`, 'teams', ref)) kick();
    if (core.directory.resolve(identity) || !rosterLinking) return { identity };
    try {
      const member = await TeamsInfo.getMember(ctx, ctx.activity.from.id);
      const email = member.email ?? member.userPrincipalName;
      return { identity, ...(email ? { email } : {}) };
    } catch {
      return { identity };
    }
  };
  const conversation = (ctx: TurnContext) => ({ channel: 'teams', id: channelConversationId(ctx.activity.conversation.id) });
  const send = (ctx: TurnContext, card: Card) => ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });

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

  /** The report form with the report's current values; for a report sent back, with the approver's question. */
  const editFormCard = (report: Report, errors: Partial<Record<string, string>> = {}): Card =>
    reportFormCard(reportForm(report.fields), report.id, errors, report.number
      ? { heading: `Ret fejlrapport ${report.number}`, ...(report.status === 'needs_info' && report.decisionNote ? { note: `Spørgsmålet var: ${report.decisionNote}` } : {}) }
      : {});

  /** The report's card as this person may see it, or only the refusal: a refused view reveals nothing. */
  const viewCard = (number: string, actor: Actor, person: Person | undefined): Card => {
    const visible = core.workflow.view(person && { kind: 'person', person, identity: actor.identity }, number);
    if (!visible.ok || !visible.value.number) return renderCard([{ elements: [{ kind: 'text', markdown: visible.ok ? 'Rapporten findes ikke.' : visible.message }] }]);
    return notifier.approvalCardFor(visible.value.number, person);
  };

  app.error(async (ctx, err) => {
    if (isBusy(err)) {
      // Another process holds the database's write lock: say so at once instead of hanging.
      core.logger.warn({ platform: 'teams' }, 'database locked during a teams turn');
      await ctx.sendActivity('Der er travlt i databasen lige nu. Prøv igen om lidt.').catch(() => undefined);
      return;
    }
    core.logger.error({ err: { name: err.name }, platform: 'teams' }, 'teams turn failed');
  });

  http.route('POST', '/api/messages', (req, res) => messages(req, res));
  const messages = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (local) {
      if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { error: 'local mode accepts requests from this machine only; set MICROSOFT_APP_ID to accept Teams' });
      // Behind a proxy on this host every caller would look local, and could claim to be anyone.
      const proxied = proxyHeaders(req.headers);
      if (proxied.length) {
        core.logger.warn({ platform: 'teams', headers: proxied }, 'local mode refused a proxied request');
        return sendJson(res, 403, { error: 'local mode refuses proxied requests (it is for development only); set MICROSOFT_APP_ID to accept Teams' });
      }
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { error: 'content-type must be application/json' });
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8'));
    } catch (err) {
      return err instanceof BodyTooLarge ? sendJson(res, 413, { error: 'body too large' }) : sendJson(res, 400, { error: 'malformed JSON' });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      return sendJson(res, 400, { error: 'an activity must be a JSON object with a type' });
    }
    const activity = body as Record<string, unknown>;
    // Local mode answers to the activity's serviceUrl: never to anywhere but this machine.
    if (local && !isLoopbackUrl(activity.serviceUrl)) {
      core.logger.warn({ platform: 'teams' }, 'local mode refused an activity whose serviceUrl is not on this machine');
      return sendJson(res, 403, { error: 'local mode only replies to a serviceUrl on this machine (localhost)' });
    }
    for (const k of ['timestamp', 'localTimestamp', 'expiration'] as const) if (typeof activity[k] === 'string') activity[k] = new Date(activity[k] as string);
    let authenticated = false;
    const logic = async (ctx: TurnContext): Promise<void> => {
      authenticated = true;
      if (!tenantAllowed(ctx)) {
        core.logger.warn({ platform: 'teams', tenant: tenantOf(ctx.activity) ?? 'none' }, 'teams activity from a tenant not in TEAMS_ALLOWED_TENANTS refused');
        return refuseTenant(ctx);
      }
      await app.run(ctx);
    };
    const auth = String(req.headers.authorization ?? '');
    let invoke: { status?: number; body?: unknown } | undefined;
    try {
      const processActivity = (adapter as unknown as { processActivity(a: string, act: unknown, l: (ctx: TurnContext) => Promise<void>): Promise<typeof invoke> }).processActivity.bind(adapter);
      invoke = await processActivity(auth, activity, logic);
    } catch (err) {
      if (!authenticated) {
        // A missing, forged or unverifiable token (also when the signing keys cannot be fetched): the caller's problem.
        core.logger.warn({ platform: 'teams', err: { name: (err as Error).name } }, 'teams request refused: authentication failed');
        if (!res.headersSent) return sendJson(res, 401, { error: 'unauthorized' });
        return void res.end();
      }
      const correlationId = newCorrelationId();
      core.logger.error({ platform: 'teams', correlationId, err: { name: (err as Error).name } }, 'teams turn failed');
      if (!res.headersSent) return sendJson(res, 500, { error: 'internal error', correlationId });
      return void res.end();
    }
    if (res.headersSent) return void res.end();
    if (invoke?.body !== undefined) return sendJson(res, invoke.status ?? 200, invoke.body);
    res.writeHead(invoke?.status ?? 200);
    res.end();
  };

  if (!opts.relayKick) notifier.start(opts.notifyIntervalMs ?? 2000);
  if (local) {
    core.logger.warn(
      { platform: 'teams', path: '/api/messages' },
      'teams adapter in LOCAL mode (no MICROSOFT_APP_ID): FOR DEVELOPMENT ONLY - no authentication, anyone on this machine can act as any user; loopback requests without proxy headers only, replies only to a localhost serviceUrl. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for real use',
    );
  } else {
    core.logger.info({ platform: 'teams', path: '/api/messages', appType: c.MICROSOFT_APP_TYPE, allowedTenants: allowedTenants.size }, 'teams adapter enabled');
    if (!allowedTenants.size) core.logger.warn({ platform: 'teams' }, 'TEAMS_ALLOWED_TENANTS is empty: unknown Teams users are NOT linked to the directory by e-mail (only `people link` links them); set TEAMS_ALLOWED_TENANTS to your Entra tenant id(s) to link by roster e-mail and to refuse other tenants');
  }
  return { notifier, messages, adapter, stop: () => notifier.stop() };
}

