import type { Logger } from 'pino';
import { newCorrelationId } from '../logging/logger.js';
import type { FaqService, LoggedFaq } from '../faq/faq.service.js';
import type { QuestionLog } from '../faq/question-log.port.js';
import type { InboundEvent, Reply } from './bot.types.js';
import { reply, text } from './bot.types.js';
import { CommandRegistry } from './command.registry.js';
import { FAQ_ACTIONS, answerReply, askReply, feedbackReply, parseFeedbackValue, parseRoleValue } from './faq.replies.js';
import { isSmallTalk } from '../faq/small-talk.js';
import { clean } from '../privacy/clean.js';
import { isBusy } from '../store/sqlite/database.js';
import { isPostgresUnavailable } from '../store/postgres/pg.errors.js';
import { escapeMarkdown } from '../text/markup.js';
import type { AskerRole, AskerRoles } from '../faq/asker.port.js';
import { noAnswerText, stillNeedHelpText, type MunicipalSupport } from '../faq/support-text.js';

export interface BotDeps {
  faq: FaqService;
  loggedFaq: LoggedFaq;
  questionLog: QuestionLog;
  logger: Logger;
  fallbackText: string;
  /** Remembered answers to "Er du medarbejder eller forælder?"; without it the bot asks each time. */
  askerRoles?: AskerRoles;
  /** Staff side for people in the directory (parents are not registered). */
  isRegistered?: (identity: string) => boolean;
  /** The asker's municipality's own Aula support, when known. */
  supportFor?: (identity: string) => MunicipalSupport | undefined;
}

type ActionHandler = (event: Extract<InboundEvent, { type: 'action' }>) => Reply[];
/** Continues a multi-step conversation; returns undefined when the actor has none going. */
type ConversationHandler = (event: Extract<InboundEvent, { type: 'message' }>) => Reply[] | undefined;


/** The platform-free bot: neutral events in, neutral replies out. */
export class Bot {
  readonly commands = new CommandRegistry();
  private readonly actions = new Map<string, ActionHandler>();
  private readonly conversations: ConversationHandler[] = [];

  constructor(private readonly deps: BotDeps) {
    this.commands
      .register({ id: 'help', aliases: ['hjælp', 'help', 'hjaelp', '?'], usage: 'hjælp', takesArgs: false, interruptsDialogue: true, description: 'viser denne hjælp', run: () => [reply(text(this.commands.help()))] })
      .register({
        id: 'ask',
        aliases: ['spørg', 'spoerg', 'faq'],
        slash: '/aula',
        usage: 'spørg <spørgsmål>',
        takesArgs: true,
        description: 'søger i Aula-vejledningen (du kan også bare skrive spørgsmålet)',
        run: ({ actor, conversation, args }) => (args.trim() ? [this.ask(args, actor.identity, conversation.channel)] : [reply(text(this.commands.help()))]),
      });
    this.actions.set(FAQ_ACTIONS.suggestion, (e) => this.onSuggestion(e));
    this.actions.set(FAQ_ACTIONS.helpful, (e) => this.onFeedback(e, true));
    this.actions.set(FAQ_ACTIONS.notHelpful, (e) => this.onFeedback(e, false));
    this.actions.set(FAQ_ACTIONS.role, (e) => this.onRole(e));
  }

  /** Register a handler for a button action id (used by later features, e.g. reports). */
  onAction(actionId: string, handler: ActionHandler): void {
    this.actions.set(actionId, handler);
  }

  /** Register a handler that gets messages first while a dialogue is going on. */
  onConversation(handler: ConversationHandler): void {
    this.conversations.push(handler);
  }

  /** Handle one event. Never throws: unexpected faults become a Danish apology with a correlation id. */
  async handle(event: InboundEvent): Promise<Reply[]> {
    const cleaned = cleanEvent(event);
    try {
      return await this.dispatch(cleaned);
    } catch (err) {
      if (isPostgresUnavailable(err)) {
        // PostgreSQL cannot be reached: nothing was saved from this turn and nothing stored is lost.
        // Give the person their own words back (already CPR-masked) so they can send them again.
        this.deps.logger.error({ code: (err as { code?: string }).code, eventType: event.type, channel: event.conversation.channel }, 'database unreachable while handling event');
        const typed = cleaned.type === 'message' && cleaned.text.trim() ? cleaned.text.trim().slice(0, 2000) : undefined;
        return [reply(text(`Beklager, jeg kan ikke nå min database lige nu, så jeg har ikke gemt noget fra denne besked. Det, der allerede er gemt, er ikke væk. Prøv igen om et par minutter.${typed ? `\n\nDet du skrev, så du kan sende det igen:\n\n${escapeMarkdown(typed)}` : ''}`))];
      }
      if (isBusy(err)) {
        // Another process (a backup, a CLI command) holds the write lock; the server waits only briefly.
        this.deps.logger.warn({ eventType: event.type, channel: event.conversation.channel }, 'database locked while handling event');
        return [reply(text('Der er travlt i databasen lige nu, så jeg kunne ikke gemme det. Prøv igen om lidt.'))];
      }
      const correlationId = newCorrelationId();
      this.deps.logger.error({ err, correlationId, eventType: event.type, channel: event.conversation.channel }, 'unexpected fault while handling event');
      return [reply(text(`Beklager, der skete en uventet fejl hos mig. Prøv igen om lidt. Nævn fejlkoden **${correlationId}**, hvis du kontakter supporten.`))];
    }
  }

  private async dispatch(event: InboundEvent): Promise<Reply[]> {
    switch (event.type) {
      case 'message': {
        const resolved = this.commands.resolve(event.text);
        if (!resolved?.command.interruptsDialogue) {
          for (const handler of this.conversations) {
            const replies = handler(event);
            if (replies) return replies;
          }
        }
        if (resolved) return resolved.command.run({ actor: event.actor, conversation: event.conversation, args: resolved.args });
        if (!event.text.trim()) return [reply(text(this.commands.help()))];
        // A bare number outside a dialogue is a choice whose buttons are gone, not a question ("5" → iPhone 5).
        if (/^\d{1,2}$/.test(event.text.trim())) return [reply(text(`Jeg ved ikke, hvad "${event.text.trim()}" svarer på lige nu. Stil dit spørgsmål med ord, eller skriv "hjælp".`))];
        if (isSmallTalk(event.text)) return [reply(text(`Hej! Jeg er Aula-supportbotten. Stil mig et spørgsmål om Aula, så finder jeg svaret.\n\n${this.commands.help()}`))];
        return [this.ask(event.text, event.actor.identity, event.conversation.channel)];
      }
      case 'command': {
        const command = this.commands.byId(event.command);
        if (!command) return [reply(text(`Kommandoen "${event.command}" kender jeg ikke.\n\n${this.commands.help()}`))];
        return command.run({ actor: event.actor, conversation: event.conversation, args: event.args });
      }
      case 'action': {
        const handler = this.actions.get(event.actionId);
        if (!handler) return [{ ...reply(text('Den knap kender jeg ikke længere. Stil gerne dit spørgsmål igen.')), ephemeral: true }];
        return handler(event);
      }
    }
  }

  /** Who asks, as far as known: registered people are staff side, others may have said so before. */
  private roleOf(identity: string): AskerRole | undefined {
    if (this.deps.isRegistered?.(identity)) return 'staff';
    return this.deps.askerRoles?.get(identity);
  }

  private support(identity: string): MunicipalSupport | undefined {
    return this.deps.supportFor?.(identity);
  }

  private ask(question: string, identity: string, channel: string): Reply {
    const role = this.roleOf(identity);
    const result = this.deps.loggedFaq.ask(question, identity, channel, role ? { role } : {});
    this.deps.logger.info({ outcome: result.outcome, entryId: result.answer?.id, score: result.score, clarify: result.clarify, channel }, 'question answered');
    return askReply(result, noAnswerText(this.support(identity), this.deps.fallbackText));
  }

  private onSuggestion(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const v = parseFeedbackValue(e.value);
    const answer = v && this.deps.faq.byId(v.entryId);
    if (!v || !answer) return [reply(text('Det svar findes ikke længere. Stil gerne dit spørgsmål igen.'))];
    return [answerReply(answer, v.questionId)];
  }

  /** "Jeg er medarbejder / forælder": remember it and answer the question that was asked. */
  private onRole(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const v = parseRoleValue(e.value);
    const asked = v && this.deps.questionLog.question(v.questionId);
    // Only the asker's own question is answered again (a button in a shared channel is clicked by others too).
    if (!v || !asked || (asked.identity !== null && asked.identity !== e.actor.identity)) {
      return [{ ...reply(text('Jeg kunne ikke finde dit spørgsmål. Stil det gerne igen.')), ephemeral: true }];
    }
    this.deps.askerRoles?.set(e.actor.identity, v.role);
    const result = this.deps.loggedFaq.ask(asked.question, e.actor.identity, e.conversation.channel, { role: v.role });
    this.deps.logger.info({ outcome: result.outcome, entryId: result.answer?.id, score: result.score, role: v.role, channel: e.conversation.channel }, 'question answered after role choice');
    return [{ ...askReply(result, noAnswerText(this.support(e.actor.identity), this.deps.fallbackText)), replaces: true }];
  }

  private onFeedback(e: Extract<InboundEvent, { type: 'action' }>, helpful: boolean): Reply[] {
    const v = parseFeedbackValue(e.value);
    const stored = v ? this.deps.questionLog.feedback({ questionId: v.questionId, entryId: v.entryId, helpful, identity: e.actor.identity }) : false;
    if (!v || !stored) return [{ ...reply(text('Jeg kunne ikke finde det svar, du vurderer. Stil gerne spørgsmålet igen.')), ephemeral: true }];
    const asked = this.deps.questionLog.question(v.questionId);
    const role = this.roleOf(e.actor.identity);
    // Table answers (seats, waves) are generated from the question, so they are generated again.
    const again = asked && !this.deps.faq.byId(v.entryId) ? this.deps.faq.ask(asked.question, role ? { role } : {}).answer : null;
    const answer = this.deps.faq.byId(v.entryId) ?? (again?.id === v.entryId ? again : undefined);
    let next: { id: string; title: string }[] = [];
    if (!helpful) {
      next = asked
        ? this.deps.faq
            .rank(asked.question, 4, role ? { role } : {})
            .filter((id) => id !== v.entryId && !id.startsWith('data-'))
            .slice(0, 3)
            .map((id) => ({ id, title: this.deps.faq.byId(id)?.title ?? id }))
        : [];
    }
    return [feedbackReply(answer, helpful, v.questionId, next, stillNeedHelpText(this.support(e.actor.identity)))];
  }
}

/**
 * Every piece of user text in an event, cleaned once here where it enters the core (NFKC, format
 * characters removed, digits made ASCII, CPR numbers masked): nothing behind this point has to.
 */
export function cleanEvent(event: InboundEvent): InboundEvent {
  const actor = event.actor.displayName === undefined ? event.actor : { ...event.actor, displayName: clean(event.actor.displayName) };
  switch (event.type) {
    case 'message':
      return { ...event, actor, text: clean(event.text) };
    case 'command':
      return { ...event, actor, args: clean(event.args) };
    case 'action':
      return { ...event, actor, value: clean(event.value), ...(event.text === undefined ? {} : { text: clean(event.text) }) };
  }
}
