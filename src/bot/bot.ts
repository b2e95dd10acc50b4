import type { Logger } from 'pino';
import { newCorrelationId } from '../logging/logger.js';
import type { FaqService, LoggedFaq } from '../faq/faq.service.js';
import type { QuestionLog } from '../faq/question-log.port.js';
import type { InboundEvent, Reply } from './bot.types.js';
import { reply, text } from './bot.types.js';
import { CommandRegistry } from './command.registry.js';
import { FAQ_ACTIONS, answerReply, askReply, parseFeedbackValue } from './faq.replies.js';
import { isSmallTalk } from '../faq/small-talk.js';
import { clean } from '../privacy/clean.js';
import { isBusy } from '../store/sqlite/database.js';

export interface BotDeps {
  faq: FaqService;
  loggedFaq: LoggedFaq;
  questionLog: QuestionLog;
  logger: Logger;
  fallbackText: string;
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
    try {
      return await this.dispatch(cleanEvent(event));
    } catch (err) {
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

  private ask(question: string, identity: string, channel: string): Reply {
    const result = this.deps.loggedFaq.ask(question, identity, channel);
    this.deps.logger.info({ outcome: result.outcome, entryId: result.answer?.id, score: result.score, channel }, 'question answered');
    return askReply(result, this.deps.fallbackText);
  }

  private onSuggestion(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const v = parseFeedbackValue(e.value);
    const answer = v && this.deps.faq.byId(v.entryId);
    if (!v || !answer) return [reply(text('Det svar findes ikke længere. Stil gerne dit spørgsmål igen.'))];
    return [answerReply(answer, v.questionId)];
  }

  private onFeedback(e: Extract<InboundEvent, { type: 'action' }>, helpful: boolean): Reply[] {
    const v = parseFeedbackValue(e.value);
    const stored = v ? this.deps.questionLog.feedback({ questionId: v.questionId, entryId: v.entryId, helpful, identity: e.actor.identity }) : false;
    if (!stored) return [{ ...reply(text('Jeg kunne ikke finde det svar, du vurderer. Stil gerne spørgsmålet igen.')), ephemeral: true }];
    return [{ ...reply(text(helpful ? 'Tak! Godt at svaret hjalp.' : 'Tak for din tilbagemelding. Vi bruger den til at forbedre svarene. Kontakt din kommunes Aula-support, hvis du stadig mangler hjælp.')), ephemeral: true }];
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
