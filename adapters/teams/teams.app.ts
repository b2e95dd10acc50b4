import { isBusy } from '../../src/store/sqlite/database.js';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { CardFactory, TeamsInfo, TurnContext } from 'botbuilder';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../../src/bot/bot.types.js';
import type { Core } from '../../src/core.js';
import type { HttpServer, NotifyOptions } from '../http/http.server.js';
import type { Card } from './teams.cards.js';
import { TeamsNotifier } from './teams.notifier.js';
import { isLoopback, isLoopbackUrl, tenantOf } from './teams.guard.js';
import { registerCardActions } from './teams.card-actions.js';
import { registerMessageHandlers } from './teams.messages.js';
import { teamsEndpoint } from './teams.endpoint.js';
import { wakes } from '../../src/notify/wake.js';

export { isLoopback };

export interface TeamsAdapterHandle {
  notifier: TeamsNotifier;
  /** The POST /api/messages handler (exposed for tests of the loopback guard). */
  messages(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The botbuilder adapter (tests replace its token validation with a stub). */
  adapter: TeamsAdapter;
  stop(): Promise<void>;
}

/** What the message and card handlers share: the core, the notifier, and who and where a turn is. */
export interface TeamsTurnKit {
  core: Core;
  notifier: TeamsNotifier;
  actorOf(ctx: TurnContext): Promise<Actor>;
  conversation(ctx: TurnContext): { channel: string; id: string };
  send(ctx: TurnContext, card: Card): Promise<unknown>;
  /** Deliver pending notifications now. */
  kick(): void;
}

/**
 * A channel conversation id without the `;messageid=…` of the thread the message was written in:
 * posting to it starts a new post in the channel instead of replying in that thread.
 */
export function channelConversationId(id: string): string {
  return id.replace(/;messageid=.*$/i, '');
}

/** `teams:<tenant>:<aadObjectId>` for the sender of an activity. */
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
    const changed = core.platform.saveConversation(personal ? identity : `teams-conv:${channelConversationId(ctx.activity.conversation.id)}`, 'teams', ref);
    const actor = await teamsActor(ctx, identity);
    // Whoever writes or clicks in a 1:1 chat can be reached now: what waited for them is due (wakes).
    const waiting = personal && wakes(core, actor);
    if (changed || waiting) kick();
    return actor;
  };
  const teamsActor = async (ctx: TurnContext, identity: string): Promise<Actor> => {
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
  const kit: TeamsTurnKit = { core, notifier, actorOf, conversation, send, kick };

  registerMessageHandlers(app, kit);
  registerCardActions(app, kit);

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
  const messages = teamsEndpoint({ core, adapter, local, tenantAllowed, run: (ctx) => app.run(ctx) });

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
