/**
 * User text inside the core's neutral Markdown. Core code that puts user text (titles, names,
 * reasons, messages, anything typed) into a `text`/`context` element wraps it in
 * {@link escapeMarkdown}: each character with meaning to Markdown, Slack mrkdwn, Teams card
 * Markdown or HTML gets a backslash, and the renderers turn `\x` into "x, shown literally" in their
 * own way. Facts values are plain text by contract and are always escaped by the renderers.
 */

/** Characters escaped anywhere in user text. */
const SPECIAL = /[\\`*_~[\]()#<>|&!@{}]/g;

/** Mark `s` as literal user text for the neutral Markdown of a reply. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\uE000-\uF8FF]/g, '')
    .replace(SPECIAL, (c) => `\\${c}`)
    // List markers and headings work only at a line start.
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/**
 * Render neutral Markdown for a platform: `convert` handles the markup (bold, …) of the bot's own
 * text, `literal` renders each escaped user character. Escaped characters are parked as
 * private-use placeholders while `convert` runs, so no conversion can reach into user text.
 */
export function renderMarkdown(markdown: string, convert: (s: string) => string, literal: (ch: string) => string): string {
  const parked: string[] = [];
  const withPlaceholders = markdown.replace(/[\uE000-\uF8FF]/g, '').replace(/\\([\s\S])/g, (_m, ch: string) => {
    if (parked.length >= 0x18ff) return ch;
    parked.push(ch);
    return String.fromCharCode(0xe000 + parked.length - 1);
  });
  return convert(withPlaceholders).replace(/[\uE000-\uF8FF]/g, (p) => literal(parked[p.charCodeAt(0) - 0xe000] ?? ''));
}

/** Neutral Markdown with user text unescaped (for terminals and plain-text places). */
export function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\\([\s\S])/g, '$1');
}
