import { fold } from '../text/normalize.js';
import type { Actor, ConversationRef, Reply } from './bot.types.js';

export interface CommandContext {
  actor: Actor;
  conversation: ConversationRef;
  args: string;
}

/** A declared command: the same id is reached from a Slack slash command, a Teams bot command or the terminal. */
export interface Command {
  id: string;
  /** Words that invoke it in chat (first word of a message), Danish first. */
  aliases: string[];
  /** Slack slash command that maps to it, if any. */
  slash?: string;
  usage: string;
  /** Whether words may follow the command ("spørg <tekst>"); "hjælp til login" is a question, not help. */
  takesArgs: boolean;
  /**
   * Arguments must start like this for the message to be the command at all; otherwise it is an
   * ordinary question ("vis mig hvordan …", "info om komme/gå" are not commands).
   */
  argsPattern?: RegExp;
  /** Runs even in the middle of a dialogue (help, cancel, restart) instead of being taken as an answer. */
  interruptsDialogue?: boolean;
  description: string;
  run(ctx: CommandContext): Reply[] | Promise<Reply[]>;
}

export class CommandRegistry {
  private readonly commands: Command[] = [];

  register(command: Command): this {
    const clash = this.commands.find((c) => c.id === command.id || c.aliases.some((a) => command.aliases.map(fold).includes(fold(a))));
    if (clash) throw new Error(`command ${command.id} clashes with ${clash.id}`);
    this.commands.push(command);
    return this;
  }

  list(): readonly Command[] {
    return this.commands;
  }

  byId(id: string): Command | undefined {
    return this.commands.find((c) => c.id === id);
  }

  bySlash(slash: string): Command | undefined {
    return this.commands.find((c) => c.slash === slash);
  }

  /** The command a chat message starts with, and the rest of the message as arguments. */
  resolve(text: string): { command: Command; args: string } | undefined {
    const trimmed = text.trim();
    const [first = '', ...rest] = trimmed.split(/\s+/);
    const word = fold(first.replace(/^[/!]/, '').replace(/[?:.,!]$/, ''));
    if (!word) return undefined;
    const command = this.commands.find((c) => c.aliases.some((a) => fold(a) === word));
    if (!command || (!command.takesArgs && rest.length > 0)) return undefined;
    if (command.argsPattern && rest.length > 0 && !command.argsPattern.test(rest.join(' '))) return undefined;
    return { command, args: rest.join(' ') };
  }

  /** Help text generated from the registered commands. */
  help(): string {
    const lines = this.commands.map((c) => `- **${c.usage}** – ${c.description}`);
    return `Skriv dit spørgsmål om Aula med almindelige ord, så finder jeg svaret. Du kan også bruge:\n\n${lines.join('\n')}`;
  }
}
