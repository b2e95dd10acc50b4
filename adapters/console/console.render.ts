import type { Button, Reply } from '../../src/bot/bot.types.js';
import { renderMarkdown } from '../../src/text/markup.js';

/** Markdown → plain terminal text (bold markers dropped, lists kept). */
export function plain(markdown: string): string {
  return renderMarkdown(markdown, (s) => s.replace(/\*\*(.+?)\*\*/g, '$1').replace(/(^|\s)_(.+?)_(?=\s|$|[.,])/g, '$1$2'), (ch) => ch);
}

/** Render replies as terminal text. Buttons become numbered choices the user can type. */
export function renderReplies(replies: readonly Reply[], startAt = 1): { text: string; choices: Button[] } {
  const out: string[] = [];
  const choices: Button[] = [];
  for (const r of replies) {
    for (const el of r.elements) {
      if (el.kind === 'text') out.push(plain(el.markdown));
      else if (el.kind === 'context') out.push(`  (${plain(el.markdown)})`);
      else if (el.kind === 'facts') for (const f of el.items) out.push(`  ${f.label}: ${f.value}`);
      else for (const b of el.buttons) {
        choices.push(b);
        out.push(`  [${startAt + choices.length - 1}] ${b.label}`);
      }
    }
  }
  return { text: out.join('\n'), choices };
}

/** What `hjælp` adds in the terminal: how to click a button and how to leave. */
export const TERMINAL_HELP =
  'I terminalen: skriv tallet ud for et valg, fx 1 for [1], for at trykke på knappen. Pil op og ned henter tidligere linjer. Skriv farvel for at afslutte.';

/**
 * A typed line as the bot may see it: ANSI escape sequences (arrow keys, colours, bracketed
 * paste) and other control characters removed, spaces trimmed.
 */
export function cleanInput(line: string): string {
  return line
    .replace(/\u001b\[[0-9;?<=>]*[ -\/]*[@-~]/g, '')
    .replace(/\u001b[NOP][ -~]?/g, '')
    .replace(/\u001b[@-_]?/g, '')
    .replace(/\u009b[0-9;?]*[ -\/]*[@-~]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .trim();
}
