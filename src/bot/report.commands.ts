import type { DirectoryService } from '../directory/directory.service.js';
import type { Actor as CoreActor, Person } from '../directory/directory.types.js';
import { REPORT_ACTIONS } from '../reports/report.replies.js';
import { normaliseReportNumber } from '../reports/report.number.js';
import type { ReportFields } from '../reports/report.schema.js';
import type { SqliteConversationState } from '../store/sqlite/conversation-state.sqlite-repository.js';
import type { SqliteNotifications } from '../store/sqlite/notification.sqlite-repository.js';
import type { ReportWorkflow } from '../workflow/report.workflow.js';
import type { Bot } from './bot.js';
import { reply, text, type Actor as ChatActor, type InboundEvent, type Reply } from './bot.types.js';
import { statusList } from './intake.replies.js';
import { INTAKE_CHOICE_ACTION } from './report.dialogue.js';
import { DecisionCommands } from './decision.commands.js';
import { EditCommands } from './edit.commands.js';
import { IntakeCommands } from './intake.commands.js';

export interface ReportFeatureDeps {
  directory: DirectoryService;
  workflow: ReportWorkflow;
  state: SqliteConversationState;
  notifications: SqliteNotifications;
  now: () => Date;
}

/** What the report command handlers share: the dependencies, and who is asking. */
export interface ReportCommandContext extends ReportFeatureDeps {
  person(actor: ChatActor): Person | undefined;
  coreActor(person: Person, actor: ChatActor): CoreActor;
  /** One accepted form of a report number everywhere: 12, #12, 000012, 2026-12, AULA-2026-000012. */
  num(text: string): string;
}

const say = (markdown: string): Reply[] => [reply(text(markdown))];
/** A report number (or the start of one) as the first argument of a report command. */
const REPORT_ARG = /^(?:#?\d{1,6}|(?:AULA-)?\d{4}-\d{1,6})(?:\s|$)/i;

/**
 * Fault reports in chat: the step-by-step intake, the review before submission, decisions by
 * support-entitled users and the reporter's status list. Registered on the platform-free bot, so
 * Slack, Teams and the terminal reach the same commands and action ids. This class routes them to
 * the handlers in intake.commands.ts, decision.commands.ts and edit.commands.ts.
 */
export class ReportFeature {
  private readonly ctx: ReportCommandContext;
  private readonly intake: IntakeCommands;
  private readonly decisions: DecisionCommands;
  private readonly editing: EditCommands;

  constructor(deps: ReportFeatureDeps) {
    this.ctx = {
      ...deps,
      person: (actor) => deps.directory.resolve(actor.identity, actor.email),
      coreActor: (person, actor) => ({ kind: 'person', person, identity: actor.identity }),
      num: (text) => normaliseReportNumber(text, deps.now().getUTCFullYear()) ?? text.trim(),
    };
    this.intake = new IntakeCommands(this.ctx);
    this.decisions = new DecisionCommands(this.ctx);
    this.editing = new EditCommands(this.ctx, this.intake);
  }

  register(bot: Bot): void {
    const c = bot.commands;
    c.register({ id: 'report.new', aliases: ['fejl', 'fejlrapport', 'indberet'], slash: '/aula-fejl', usage: 'fejl', takesArgs: false, interruptsDialogue: true, description: 'opretter en fejlrapport til Netcompany (superbrugere)', run: ({ actor }) => this.intake.start(actor) });
    c.register({ id: 'report.status', aliases: ['status', 'mine'], slash: '/aula-status', usage: 'status', takesArgs: false, description: 'viser dine fejlrapporter og deres status', run: ({ actor }) => this.status(actor) });
    c.register({ id: 'report.pending', aliases: ['afventer', 'godkendelser'], usage: 'afventer', takesArgs: false, description: 'viser rapporter, der venter på din beslutning (supportberettigede)', run: ({ actor }) => this.decisions.pending(actor) });
    c.register({ id: 'report.approve', argsPattern: REPORT_ARG, aliases: ['godkend'], usage: 'godkend <nummer>', takesArgs: true, description: 'godkender en rapport og sender den til Netcompany', run: ({ actor, args }) => this.decisions.decideText(actor, 'approve', args) });
    c.register({ id: 'report.reject', argsPattern: REPORT_ARG, aliases: ['afvis'], usage: 'afvis <nummer> <begrundelse>', takesArgs: true, description: 'afviser en rapport med en begrundelse', run: ({ actor, args }) => this.decisions.decideText(actor, 'reject', args) });
    c.register({ id: 'report.request_info', argsPattern: REPORT_ARG, aliases: ['info'], usage: 'info <nummer> <spørgsmål>', takesArgs: true, description: 'beder indberetteren om flere oplysninger', run: ({ actor, args }) => this.decisions.decideText(actor, 'request_info', args) });
    c.register({ id: 'report.show', argsPattern: REPORT_ARG, aliases: ['vis'], usage: 'vis <nummer>', takesArgs: true, description: 'viser hele rapporten (indberetteren og kommunens supportberettigede)', run: ({ actor, args }) => this.decisions.show(actor, args) });
    c.register({ id: 'report.edit', argsPattern: REPORT_ARG, aliases: ['ret'], usage: 'ret <nummer>', takesArgs: true, description: 'retter en rapport, du er blevet spurgt om', run: ({ actor, args, conversation }) => this.editing.edit(actor, args, conversation.channel) });
    c.register({ id: 'report.withdraw', argsPattern: REPORT_ARG, aliases: ['tilbagekald'], usage: 'tilbagekald <nummer>', takesArgs: true, description: 'trækker din rapport tilbage, før den er behandlet', run: ({ actor, args }) => this.editing.withdraw(actor, args) });
    c.register({ id: 'report.discard', aliases: ['kassér', 'kasser', 'kasér'], usage: 'kassér', takesArgs: false, interruptsDialogue: true, description: 'smider din kladde væk, så du kan starte forfra', run: ({ actor }) => this.editing.discard(actor) });
    c.register({ id: 'dialogue.cancel', aliases: ['annuller', 'stop'], usage: 'annuller', takesArgs: false, interruptsDialogue: true, description: 'stopper den igangværende dialog (kladden gemmes)', run: ({ actor }) => this.cancel(actor) });

    bot.onAction(REPORT_ACTIONS.approve, (e) => this.decisions.decideAction(e, 'approve'));
    bot.onAction(REPORT_ACTIONS.reject, (e) => this.decisions.decideAction(e, 'reject'));
    bot.onAction(REPORT_ACTIONS.requestInfo, (e) => this.decisions.decideAction(e, 'request_info'));
    bot.onAction(REPORT_ACTIONS.submit, (e) => this.intake.confirm(e));
    bot.onAction(REPORT_ACTIONS.sameError, (e) => this.intake.sameError(e));
    bot.onAction(REPORT_ACTIONS.saveDraft, () => say('Kladden er gemt. Skriv "fejl", når du vil gøre den færdig.'));
    bot.onAction(INTAKE_CHOICE_ACTION, (e) => this.intake.choice(e));
    bot.onAction(REPORT_ACTIONS.edit, (e) => this.editing.editAction(e));
    bot.onAction(REPORT_ACTIONS.editField, (e) => this.editing.editField(e));
    bot.onAction(REPORT_ACTIONS.review, (e) => this.editing.reviewAction(e));
    bot.onAction(REPORT_ACTIONS.discard, (e) => this.editing.discard(e.actor, Number(e.value)));
    bot.onAction(REPORT_ACTIONS.show, (e) => this.decisions.show(e.actor, e.value));
    bot.onConversation((e) => this.continueConversation(e));
  }

  /** Pending notifications for the person behind `actor`, oldest first (for adapters that poll). */
  pendingNotifications(actor: ChatActor): { id: number; reply: Reply }[] {
    const person = this.ctx.person(actor);
    return person ? this.ctx.notifications.pending(person.id).map((n) => ({ id: n.id, reply: n.reply })) : [];
  }

  markDelivered(id: number, via: string): void {
    this.ctx.notifications.markDelivered(id, via);
  }

  private continueConversation(e: Extract<InboundEvent, { type: 'message' }>): Reply[] | undefined {
    const state = this.ctx.state.get(e.actor.identity);
    if (!state) return undefined;
    if (state.flow === 'note') {
      this.ctx.state.clear(e.actor.identity);
      return this.decisions.decide(e.actor, state.decision, state.number, e.text);
    }
    return this.intake.answer(e.actor, state.reportId, state.field as keyof ReportFields, e.text, state.edit);
  }

  private status(actor: ChatActor): Reply[] {
    const person = this.ctx.person(actor);
    if (!person) return say(`Du har ingen fejlrapporter: du er ikke registreret i Aula-supporten. ${this.ctx.directory.whomToAsk(undefined)}`);
    return [statusList(this.ctx.workflow.listByReporter(person.id))];
  }

  /** See {@link EditCommands.editable}. */
  editable(actor: ChatActor, ref: string): ReturnType<EditCommands['editable']> {
    return this.editing.editable(actor, ref);
  }

  private cancel(actor: ChatActor): Reply[] {
    const had = this.ctx.state.get(actor.identity);
    this.ctx.state.clear(actor.identity);
    return say(had ? 'Stoppet. Det, du har skrevet, er gemt som kladde; skriv "fejl" for at fortsætte.' : 'Der er ingen dialog at stoppe.');
  }
}
