import pino from 'pino';
import { Writable } from 'node:stream';
import { Bot, type BotDeps } from '../../src/bot/bot.js';
import type { Actor, Button, Reply } from '../../src/bot/bot.types.js';
import { FaqService, LoggedFaq } from '../../src/faq/faq.service.js';
import { KnowledgeStore } from '../../src/knowledge/knowledge.store.js';
import { MemoryQuestionLog } from '../fakes/question-log.memory.js';
import { renderReplies } from '../../adapters/console/console.render.js';

/** Collects log lines so tests can assert what is (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}

let shared: KnowledgeStore | undefined;
/** The real knowledge base, loaded once per test file. */
export function realKnowledge(): KnowledgeStore {
  return (shared ??= new KnowledgeStore('knowledge'));
}

/** Whole-bot harness in the errbot style: `say(actor, text)` → replies, `click(button)`. */
export class BotHarness {
  readonly log = new LogCapture();
  readonly questionLog = new MemoryQuestionLog();
  readonly bot: Bot;
  readonly fallback = 'Kontakt din kommunes Aula-support.';
  private lastButtons: Button[] = [];

  /** `extra`: optional bot dependencies (remembered roles, directory, municipal support). */
  constructor(store: KnowledgeStore = realKnowledge(), extra: Partial<Pick<BotDeps, 'askerRoles' | 'isRegistered' | 'supportFor'>> = {}) {
    const faq = new FaqService(() => store.current());
    const logger = pino({ level: 'debug' }, this.log);
    this.bot = new Bot({ faq, loggedFaq: new LoggedFaq(faq, this.questionLog), questionLog: this.questionLog, logger, fallbackText: this.fallback, ...extra });
  }

  static actor(email = 'anna@kommune.dk'): Actor {
    return { identity: `local:${email}`, email };
  }

  async say(text: string, actor: Actor = BotHarness.actor()): Promise<Reply[]> {
    return this.remember(await this.bot.handle({ type: 'message', actor, conversation: { channel: 'test', id: 'c1' }, text }));
  }

  /** Click the first button from the last replies whose label matches. */
  async click(label: RegExp | string, actor: Actor = BotHarness.actor()): Promise<Reply[]> {
    const b = this.lastButtons.find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)));
    if (!b) throw new Error(`no button ${String(label)} among ${this.lastButtons.map((x) => x.label).join(', ')}`);
    return this.remember(await this.bot.handle({ type: 'action', actor, conversation: { channel: 'test', id: 'c1' }, actionId: b.actionId, value: b.value }));
  }

  buttons(): Button[] {
    return this.lastButtons;
  }

  static text(replies: readonly Reply[]): string {
    return renderReplies(replies).text;
  }

  private remember(replies: Reply[]): Reply[] {
    this.lastButtons = replies.flatMap((r) => r.elements.flatMap((e) => (e.kind === 'buttons' ? e.buttons : [])));
    return replies;
  }
}
