import { createInterface } from 'node:readline';
import type { Bot } from '../../src/bot/bot.js';
import type { Actor, Button, ConversationRef } from '../../src/bot/bot.types.js';
import { renderReplies } from './console.render.js';

/**
 * Terminal chat against the same core as Slack and Teams. Typing the number of a choice
 * "clicks" that button; anything else is sent as a message.
 */
export async function runConsoleChat(bot: Bot, actor: Actor, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const conversation: ConversationRef = { channel: 'console', id: `console:${actor.identity}` };
  const rl = createInterface({ input, output, terminal: false });
  const write = (s: string) => output.write(`${s}\n`);
  let choices: Button[] = [];
  write(`Aula-support i terminalen. Du er logget ind som ${actor.identity}. Skriv "hjælp" for hjælp og "farvel" for at afslutte.`);
  write('> ');
  for await (const raw of rl) {
    const line = raw.trim();
    if (/^(farvel|exit|quit|afslut)$/i.test(line)) break;
    const n = Number(line);
    const button = Number.isInteger(n) && n >= 1 ? choices[n - 1] : undefined;
    const replies = button
      ? await bot.handle({ type: 'action', actor, conversation, actionId: button.actionId, value: button.value })
      : await bot.handle({ type: 'message', actor, conversation, text: line });
    const rendered = renderReplies(replies);
    choices = rendered.choices;
    write(rendered.text);
    write('> ');
  }
  write('Farvel.');
  rl.close();
}
