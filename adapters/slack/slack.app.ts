import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Core } from '../../src/core.js';
import type { Reply } from '../../src/bot/bot.types.js';
import { reportForm } from '../../src/reports/report.form.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import type { Report } from '../../src/reports/report.types.js';
import type { HttpServer, NotifyOptions } from '../http/http.server.js';
import { isBusy } from '../../src/store/sqlite/database.js';
import { slackAdmin } from './slack.admin.js';
import { slackLogger } from './slack.logger.js';
import { SlackIdentity } from './slack.identity.js';
import { wakes } from '../../src/notify/wake.js';
import { SlackNotifier } from './slack.notifier.js';
import { SlackWorkspaces, WORKSPACE_REFUSAL, workspaceOf } from './slack.workspaces.js';
import { actionIdOf, renderBlocks } from './slack.render.js';
import { reviewView } from './slack.review.js';
import { BUTTON_INPUT_CALLBACK, REPORT_FORM_CALLBACK, REPORT_REVIEW_CALLBACK, buttonInputView, formValues, reportFormView } from './slack.views.js';


/** Slack's own payloads stay far below this (a full report modal is a few kB); buffered before the signature check. */
const SLACK_BODY_LIMIT = 64 * 1024;

/** Every slash command except ours (Bolt runs every matching listener, so the fallback must not match ours). */
const KNOWN_COMMANDS_EXCEPT = /^(?!\/aula(-fejl|-status|-admin)?$)/;

/** Buttons whose click needs a short text first (a reason or a question): Slack opens a small modal. */
const NEEDS_TEXT = new Set<string>([REPORT_ACTIONS.reject, REPORT_ACTIONS.requestInfo]);

export interface SlackAdapter {
  notifier: SlackNotifier;
  stop(): Promise<void>;
}

/**
 * The Slack adapter: Bolt over an HTTPReceiver mounted at POST /slack/events on our server (one
 * URL for events, slash commands and interactivity; the signing secret is checked on every request).
 * Everything here is translation: Slack payload → neutral event → core → Block Kit.
 */
export function mountSlack(core: Core, http: HttpServer, opts: NotifyOptions = {}): SlackAdapter | undefined {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: token, SLACK_API_URL: apiUrl, SLACK_APP_TOKEN: appToken } = core.config;
  if (!signingSecret || !token) return undefined;
  // Few, quick retries: a handler waiting on the Web API must still answer Slack within 3 seconds.
  const logger = slackLogger(core.logger);
  const clientOptions = {
    logger,
    clientOptions: {
      logger,
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
      timeout: 5000,
      ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    },
  };
  // Socket Mode (SLACK_APP_TOKEN) needs no public URL; otherwise Slack calls POST /slack/events.
  // HTTPReceiver's request listener is mounted on our server: it verifies the signature, answers 413
  // above the body limit and 400 for a malformed body, with less per-request work than Express.
  const receiver = appToken ? undefined : new HTTPReceiver({ signingSecret, endpoints: '/slack/events', processBeforeResponse: false, logger, logLevel: LogLevel.WARN, bodyLimit: SLACK_BODY_LIMIT });
  // No conversation store: nothing here keeps Bolt conversation state, and it costs work per request.
  const app = receiver
    ? new App({ token, receiver, convoStore: false, logLevel: LogLevel.WARN, ...clientOptions })
    : new App({ token, appToken, socketMode: true, convoStore: false, logLevel: LogLevel.WARN, ...clientOptions });
  const client = app.client;
  // Before anything looks a user up (users.info, the directory): only our workspaces get through.
  const workspaces = new SlackWorkspaces(core.config.SLACK_ALLOWED_TEAMS, client, core.logger);
  const identity = new SlackIdentity(core, client);
  let lastTeam: string | undefined;
  const notifier = new SlackNotifier(core, client, (team, enterprise) => workspaces.permitsTeam(team, enterprise), () => lastTeam);
  const conversation = (channel: string) => ({ channel: 'slack', id: channel });
  const answer = (replies: Reply[], ephemeral = false) => ({ ...(ephemeral ? { response_type: 'ephemeral' as const } : {}), ...renderBlocks(replies) });
  const kick = opts.relayKick ?? (() => void notifier.run());

  app.use(async (args) => {
    if (await workspaces.permits(args.body)) return args.next();
    const { team, enterprise } = workspaceOf(args.body);
    core.logger.warn({ platform: 'slack', team: team ?? 'none', ...(enterprise ? { enterprise } : {}) }, 'slack request from a workspace not allowed refused');
    const a = args as unknown as { ack?: (r?: unknown) => Promise<void>; respond?: (r: unknown) => Promise<unknown>; body: { type?: string; command?: string } };
    if (!a.ack) return; // events: no answer
    if (a.body.command) return a.ack({ response_type: 'ephemeral', text: WORKSPACE_REFUSAL });
    if (a.body.type === 'view_submission') return a.ack({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'Aula-support' }, blocks: [{ type: 'section', text: { type: 'plain_text', text: WORKSPACE_REFUSAL } }] } });
    await a.ack();
    if (a.body.type === 'block_actions' && a.respond) await a.respond({ response_type: 'ephemeral', replace_original: false, text: WORKSPACE_REFUSAL }).catch(() => undefined);
  });

  app.command('/aula', async ({ command, ack }) => {
    lastTeam = command.team_id;
    // Answers do not depend on who asks, so no Web API call stands between the question and the ack.
    const actor = { identity: SlackIdentity.identity(command.team_id, command.user_id) };
    const text = (command.text ?? '').trim();
    const replies = text
      ? await core.bot.handle({ type: 'command', actor, conversation: conversation(command.channel_id), command: 'ask', args: text })
      : await core.bot.handle({ type: 'command', actor, conversation: conversation(command.channel_id), command: 'help', args: '' });
    await ack(answer(replies, true));
  });

  app.command('/aula-status', async ({ command, ack }) => {
    const actor = await identity.actor(command.team_id, command.user_id);
    await ack(answer(await core.bot.handle({ type: 'command', actor, conversation: conversation(command.channel_id), command: 'report.status', args: '' }), true));
  });

  app.command('/aula-admin', async ({ command, ack }) => {
    await ack({ response_type: 'ephemeral', text: await slackAdmin(core, identity, client, command.team_id, command.user_id, command.text ?? '') });
  });

  app.command('/aula-fejl', async ({ command, ack, respond }) => {
    await ack();
    lastTeam = command.team_id;
    const actor = await identity.actor(command.team_id, command.user_id);
    const may = core.workflow.mayFile(core.directory.resolve(actor.identity, actor.email));
    if (!may.ok) {
      await respond({ response_type: 'ephemeral', text: may.message });
      return;
    }
    const draft = core.workflow.draftFor(may.value);
    await client.views.open({ trigger_id: command.trigger_id, view: reportFormView(reportForm(draft.fields), draft.id) as never });
  });

  // A command configured in the Slack app but unknown here (a typo in the manifest, an old command).
  app.command(KNOWN_COMMANDS_EXCEPT, async ({ command, ack }) => {
    await ack({ response_type: 'ephemeral', text: `Kommandoen ${command.command} kender jeg ikke. Brug /aula <spørgsmål>, /aula-fejl, /aula-status eller /aula-admin.` });
  });

  // Events are acked before the handler runs; one that meets a locked database is retried later.
  app.event('message', async ({ event, context, body }) => core.busyRetry.run('slack.message', async () => {
    const e = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string };
    if (e.channel_type !== 'im' || e.subtype || e.bot_id || !e.user) return;
    if (!core.platform.firstTime(`slack:${(body as { event_id?: string }).event_id ?? `${e.channel}:${context.retryNum}`}`)) return;
    const team = (body as { team_id: string }).team_id;
    lastTeam = team;
    const notificationsBefore = core.notifications.added;
    const actor = await identity.actor(team, e.user);
    const replies = await core.bot.handle({ type: 'message', actor, conversation: conversation(e.channel), text: e.text ?? '' });
    await client.chat.postMessage({ channel: e.channel, ...renderBlocks(replies) });
    // What this message caused, and what was waiting for this person because they could not be reached before.
    if (core.notifications.added !== notificationsBefore || wakes(core, actor)) kick();
  }));

  app.event('app_mention', async ({ event, body }) => core.busyRetry.run('slack.app_mention', async () => {
    if (!core.platform.firstTime(`slack:${(body as { event_id?: string }).event_id ?? event.ts}`)) return;
    const team = (body as { team_id: string }).team_id;
    const actor = await identity.actor(team, event.user ?? '');
    const text = (event.text ?? '').replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, '').trim();
    const replies = await core.bot.handle({ type: 'message', actor, conversation: conversation(event.channel), text });
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, ...renderBlocks(replies) });
  }));

  app.action(/.*/, async ({ action, body, ack, respond }) => {
    await ack();
    const a = action as { action_id: string; value?: string };
    const b = body as { user: { id: string; team_id?: string }; team?: { id: string }; trigger_id: string; channel?: { id: string }; container?: { channel_id?: string } };
    const team = b.team?.id ?? b.user.team_id ?? '';
    const actionId = actionIdOf(a.action_id);
    const channel = b.channel?.id ?? b.container?.channel_id ?? '';
    if (NEEDS_TEXT.has(actionId)) {
      const label = actionId === REPORT_ACTIONS.reject ? 'Begrundelse for afvisningen' : 'Dit spørgsmål til indberetteren';
      await client.views.open({ trigger_id: b.trigger_id, view: buttonInputView(label, JSON.stringify({ actionId, value: a.value ?? '', channel, team })) as never });
      return;
    }
    const actor = await identity.actor(team, b.user.id);
    if (actionId === REPORT_ACTIONS.edit) {
      // Editing uses the same modal as filing, with the current values filled in.
      const r = core.reports.editable(actor, a.value ?? '');
      if (r.ok) {
        await client.views.open({ trigger_id: b.trigger_id, view: editView(r.report) as never });
        return;
      }
    }
    const replies = await core.bot.handle({ type: 'action', actor, conversation: conversation(channel), actionId, value: a.value ?? '' });
    // A reply that takes the clicked message's place (an answer kept with its feedback) replaces it.
    if (replies.some((r) => r.replaces)) await respond({ replace_original: true, ...renderBlocks(replies) });
    else if (replies.length) await respond({ response_type: 'ephemeral', replace_original: false, ...renderBlocks(replies) });
    kick();
  });

  app.view(BUTTON_INPUT_CALLBACK, async ({ view, body, ack }) => {
    const meta = JSON.parse(view.private_metadata) as { actionId: string; value: string; channel: string; team: string };
    const text = String((view.state.values.text?.text as { value?: string } | undefined)?.value ?? '').trim();
    if (!text) {
      await ack({ response_action: 'errors', errors: { text: 'Skriv en tekst.' } });
      return;
    }
    await ack();
    const actor = await identity.actor(meta.team || body.team?.id || '', body.user.id);
    const replies = await core.bot.handle({ type: 'action', actor, conversation: conversation(meta.channel), actionId: meta.actionId, value: meta.value, text });
    if (meta.channel) await client.chat.postEphemeral({ channel: meta.channel, user: body.user.id, ...renderBlocks(replies) }).catch(() => undefined);
    kick();
  });

  app.view(REPORT_FORM_CALLBACK, async ({ view, body, ack }) => {
    const actor = await identity.actor(body.team?.id ?? body.user.team_id ?? '', body.user.id);
    const person = core.directory.resolve(actor.identity, actor.email);
    const may = core.workflow.mayFile(person);
    if (!may.ok) {
      await ack({ response_action: 'errors', errors: { title: may.message } });
      return;
    }
    let r: ReturnType<typeof core.workflow.submit>;
    try {
      r = core.workflow.submit(may.value, Number(view.private_metadata), formValues(view.state.values as never), false);
    } catch (err) {
      if (!isBusy(err)) throw err;
      await ack({ response_action: 'errors', errors: { title: 'Der er travlt i databasen lige nu. Prøv at sende igen om lidt.' } });
      return;
    }
    if (!r.ok) {
      await ack({ response_action: 'errors', errors: { title: r.message } });
      return;
    }
    const outcome = r.value;
    if (outcome.kind === 'invalid') {
      await ack({ response_action: 'errors', errors: outcome.errors as Record<string, string> });
      return;
    }
    if (outcome.kind === 'review') await ack({ response_action: 'update', view: reviewView(outcome.review) as never });
    else await ack({ response_action: 'clear' });
  });

  app.view(REPORT_REVIEW_CALLBACK, async ({ view, body, ack }) => {
    const team = body.team?.id ?? body.user.team_id ?? '';
    const choice = (view.state.values.choice?.choice as { selected_option?: { value?: string } } | undefined)?.selected_option?.value ?? 'new';
    const draftId = view.private_metadata;
    if (choice === 'edit') {
      // Back to the form with everything kept.
      const r = core.reports.editable(await identity.actor(team, body.user.id), draftId);
      await ack(r.ok ? { response_action: 'update', view: editView(r.report) as never } : { response_action: 'clear' });
      return;
    }
    await ack({ response_action: 'clear' });
    const actor = await identity.actor(team, body.user.id);
    const actionId = choice.startsWith('same:') ? REPORT_ACTIONS.sameError : choice === 'discard' ? REPORT_ACTIONS.discard : REPORT_ACTIONS.submit;
    const replies = await core.bot.handle({ type: 'action', actor, conversation: conversation(''), actionId, value: choice.startsWith('same:') ? `${draftId}:${choice.slice(5)}` : draftId });
    await client.chat.postMessage({ channel: body.user.id, ...renderBlocks(replies) });
    kick();
  });

  /** The report modal with the report's current values; for a report sent back, with the approver's question. */
  function editView(report: Report) {
    return reportFormView(reportForm(report.fields), report.id, report.number ? { number: report.number, ...(report.status === 'needs_info' && report.decisionNote ? { note: report.decisionNote } : {}) } : {});
  }

  app.error(async (err) => {
    core.logger.error({ err: { name: err.name, code: (err as { code?: string }).code }, platform: 'slack' }, 'slack handler failed');
  });

  if (receiver) http.route('POST', '/slack/events', (req, res) => receiver.requestListener(req, res));
  else void app.start().catch((err: Error) => core.logger.error({ err: { name: err.name }, platform: 'slack' }, 'slack socket mode failed to start'));
  if (!opts.relayKick) notifier.start(opts.notifyIntervalMs ?? 2000);
  core.logger.info({ platform: 'slack', mode: receiver ? 'http' : 'socket', ...(receiver ? { path: '/slack/events' } : {}), apiUrl: apiUrl ?? 'https://slack.com/api/' }, `slack adapter enabled (${receiver ? 'HTTP request URL' : 'Socket Mode'})`);
  return { notifier, stop: async () => {
    await notifier.stop();
    if (!receiver) await app.stop();
  } };
}
