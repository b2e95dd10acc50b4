import type { Button, Reply } from '../../src/bot/bot.types.js';
import { renderMarkdown } from '../../src/text/markup.js';

/** A Block Kit block (kept loose: we build a handful of well-known shapes). */
export type Block = Record<string, unknown>;

const SECTION_MAX = 3000;
const BUTTON_TEXT_MAX = 75;
const ACTIONS_MAX = 25;
const FIELDS_MAX = 10;

/**
 * Slack's control characters, escaped as Slack requires: with `<` gone no text can form a mention
 * (`<!channel>`, `<@U…>`) or a disguised link (`<https://…|Godkend her>`); a bare URL stays visible.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Look-alikes for the characters that format Slack mrkdwn, which has no escape of its own: user text
 * typed as `*fed*`, `~streg~` or `` `kode` `` shows those characters instead of formatting (or of a
 * bold "GODKENDT" in someone's name). An underscore between two letters or digits is kept (e-mail
 * addresses, file names), since Slack italicises only at word boundaries; elsewhere it becomes "ˍ".
 */
const SLACK_LOOKALIKE: Record<string, string> = { '*': '\u2217', '~': '\u223C', '`': '\u02CB' };

/** A user's underscore while the text is rendered; decided afterwards, when its neighbours are known. */
const USER_UNDERSCORE = '\uF8FF';
/** A user's underscore that could open or close italics (not between two letters or digits). */
const USER_ITALIC = new RegExp(`(?<![\\p{L}\\p{N}])${USER_UNDERSCORE}|${USER_UNDERSCORE}(?![\\p{L}\\p{N}])`, 'gu');

/** One escaped user character in mrkdwn: Slack's control characters as entities, formatting ones as look-alikes. */
function slackLiteral(ch: string): string {
  if (ch === '_') return USER_UNDERSCORE;
  return SLACK_LOOKALIKE[ch] ?? slackEscape(ch);
}

/** Our Markdown (`**bold**`, `_italic_`, lists; user text escaped) → Slack mrkdwn (`*bold*`), all text escaped. */
export function mrkdwn(markdown: string): string {
  return renderMarkdown(markdown, (s) => slackEscape(s).replace(/\*\*(.+?)\*\*/g, '*$1*'), slackLiteral).replace(USER_ITALIC, '\u02CD').replaceAll(USER_UNDERSCORE, '_');
}

/** The notification / fallback text: plain, still escaped (Slack parses it for mentions too). */
function fallbackText(markdown: string): string {
  return renderMarkdown(markdown, (s) => slackEscape(s).replace(/\*\*/g, ''), slackEscape);
}

function clip(s: string, max: number): string {
  return [...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`;
}

/** Split long text into section-sized chunks on paragraph or line breaks. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while ([...rest].length > SECTION_MAX) {
    const head = [...rest].slice(0, SECTION_MAX).join('');
    const cut = Math.max(head.lastIndexOf('\n\n'), head.lastIndexOf('\n'));
    const at = cut > SECTION_MAX / 2 ? cut : head.length;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n+/, '');
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Slack needs action_ids unique within a block: repeated ids (several "Mente du …?" buttons)
 * get a `::n` suffix, which {@link actionIdOf} removes again.
 */
export function actionIdOf(slackActionId: string): string {
  return slackActionId.split('::')[0] ?? slackActionId;
}

function button(b: Button, actionId: string): Block {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: clip(b.label, BUTTON_TEXT_MAX), emoji: true },
    value: b.value,
    ...(b.style ? { style: b.style } : {}),
  };
}

/** Render neutral replies as Block Kit blocks plus the plain-text fallback Slack requires. */
export function renderBlocks(replies: readonly Reply[]): { blocks: Block[]; text: string } {
  const blocks: Block[] = [];
  let fallback = '';
  for (const r of replies) {
    for (const el of r.elements) {
      if (el.kind === 'text') {
        if (!fallback) fallback = fallbackText(el.markdown);
        for (const part of chunks(mrkdwn(el.markdown))) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
      } else if (el.kind === 'context') {
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn(el.markdown), SECTION_MAX) }] });
      } else if (el.kind === 'facts') {
        for (let i = 0; i < el.items.length; i += FIELDS_MAX) {
          blocks.push({ type: 'section', fields: el.items.slice(i, i + FIELDS_MAX).map((f) => ({ type: 'mrkdwn', text: clip(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, 2000) })) });
        }
      } else {
        const seen = new Map<string, number>();
        const elements = el.buttons.map((b) => {
          const n = seen.get(b.actionId) ?? 0;
          seen.set(b.actionId, n + 1);
          return button(b, n === 0 ? b.actionId : `${b.actionId}::${n}`);
        });
        for (let i = 0; i < elements.length; i += ACTIONS_MAX) blocks.push({ type: 'actions', elements: elements.slice(i, i + ACTIONS_MAX) });
      }
    }
  }
  return { blocks, text: clip(fallback || 'Aula-support', 3000) };
}

/** The buttons of a reply that need a typed text (reason, question), by action id and value. */
export function inputButtons(replies: readonly Reply[]): Button[] {
  return replies.flatMap((r) => r.elements.flatMap((e) => (e.kind === 'buttons' ? e.buttons.filter((b) => b.input) : [])));
}
