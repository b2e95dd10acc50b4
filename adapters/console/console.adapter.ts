import { createInterface } from 'node:readline';
import type { Bot } from '../../src/bot/bot.js';
import type { Actor, Button, ConversationRef } from '../../src/bot/bot.types.js';
import type { Reply } from '../../src/bot/bot.types.js';
import { cleanInput, renderReplies, TERMINAL_HELP } from './console.render.js';

/** Where the chat picks up notifications for the logged-in user (approval requests, status changes). */
export interface ConsoleInbox {
  pendingNotifications(actor: Actor): { id: number; reply: Reply }[];
  markDelivered(id: number, via: string): void;
}

/**
 * Terminal chat against the same core as Slack and Teams. Typing the number of a choice
 * "clicks" that button; anything else is sent as a message.
 */
export async function runConsoleChat(bot: Bot, actor: Actor, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, inbox?: ConsoleInbox, opts: { pollMs?: number } = {}): Promise<void> {
  const conversation: ConversationRef = { channel: 'console', id: `console:${actor.identity}` };
  // In a real terminal readline edits the line (arrows, backspace, Home/End) and keeps a history (up/down).
  const terminal = (input as NodeJS.ReadStream).isTTY === true && (output as NodeJS.WriteStream).isTTY === true;
  const rl = createInterface({ input, output, terminal, historySize: 200, prompt: '> ' });
  const write = (s: string) => output.write(`${s}\n`);
  const prompt = () => (terminal ? rl.prompt() : write('> '));
  let choices: Button[] = [];
  let pendingInput: Button | undefined;
  /** Print replies plus any new notifications; their buttons are numbered together. */
  const show = (replies: Reply[]) => {
    const notes = inbox?.pendingNotifications(actor) ?? [];
    const all = [...replies, ...notes.map((n) => ({ ...n.reply, elements: [{ kind: 'context' as const, markdown: 'Ny besked til dig:' }, ...n.reply.elements] }))];
    const rendered = renderReplies(all);
    for (const n of notes) inbox?.markDelivered(n.id, 'console');
    choices = rendered.choices;
    if (rendered.text) write(rendered.text);
    prompt();
  };
  // New notifications (an approval request, a decision) appear without waiting for the user to type;
  // their buttons are numbered after the ones already on screen, which keep their numbers.
  const poll = inbox
    ? setInterval(() => {
        if (pendingInput) return;
        const notes = inbox.pendingNotifications(actor);
        if (!notes.length) return;
        const rendered = renderReplies(notes.map((n) => ({ ...n.reply, elements: [{ kind: 'context' as const, markdown: 'Ny besked til dig:' }, ...n.reply.elements] })), choices.length + 1);
        for (const n of notes) inbox.markDelivered(n.id, 'console');
        choices = [...choices, ...rendered.choices];
        write(`\n${rendered.text}`);
        write('> ');
      }, opts.pollMs ?? 2000)
    : undefined;
  poll?.unref();
  write(`Aula-support i terminalen. Du er logget ind som ${actor.identity}. Skriv "hjælp" for hjælp og "farvel" for at afslutte.`);
  show([]);
  for await (const raw of rl) {
    // Escape codes (arrow keys where the terminal did not edit) and control characters never reach the bot.
    const line = cleanInput(raw);
    if (/^(farvel|exit|quit|afslut)$/i.test(line)) break;
    if (pendingInput) {
      // The previous click asked for a text (a reason or a question); this line is it.
      const b = pendingInput;
      pendingInput = undefined;
      show(await bot.handle({ type: 'action', actor, conversation, actionId: b.actionId, value: b.value, text: line }));
      continue;
    }
    const n = Number(line);
    const button = Number.isInteger(n) && n >= 1 ? choices[n - 1] : undefined;
    if (!button && /^\d{1,2}$/.test(line) && choices.length) {
      // A number is a choice here, never a question ("5" is not about the iPhone 5).
      write(`Der er ikke noget valg nummer ${line}. Skriv et tal fra 1 til ${choices.length}, eller skriv dit svar med ord.`);
      write('> ');
      continue;
    }
    if (button?.input) {
      pendingInput = button;
      write(`${button.input.label}:`);
      prompt();
      continue;
    }
    if (/^(hjælp|hjaelp|help|\?)$/i.test(line)) {
      const replies = await bot.handle({ type: 'message', actor, conversation, text: line });
      show([...replies, { elements: [{ kind: 'text', markdown: TERMINAL_HELP }] }]);
      continue;
    }
    show(
      button
        ? await bot.handle({ type: 'action', actor, conversation, actionId: button.actionId, value: button.value })
        : await bot.handle({ type: 'message', actor, conversation, text: line }),
    );
  }
  if (poll) clearInterval(poll);
  write('Farvel.');
  rl.close();
}
