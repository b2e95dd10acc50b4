import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/text/markup.js';
import { mrkdwn, renderBlocks } from '../../adapters/slack/slack.render.js';
import { renderCard, teamsMarkdown } from '../../adapters/teams/teams.cards.js';
import { plain, renderReplies } from '../../adapters/console/console.render.js';
import { facts, reply, text } from '../../src/bot/bot.types.js';

const SLACK_EVIL = '<!channel> <@U123> <https://evil|Godkend her>';
const TEAMS_EVIL = '[klik](https://evil) **fed** _kursiv_ `kode` <b>html</b>';

describe('user text in neutral Markdown', () => {
  it('Slack: the bot\'s bold still works; user text never forms a mention or a link', () => {
    const out = mrkdwn(`**Titel:** ${escapeMarkdown(SLACK_EVIL)}`);
    expect(out).toBe('*Titel:* &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|Godkend her&gt;');
    // Even text a core path forgot to escape cannot ping or disguise a link in Slack.
    expect(mrkdwn(SLACK_EVIL)).not.toMatch(/<[!@#h]/);
    expect(mrkdwn('Børn & Unge')).toBe('Børn &amp; Unge');
  });

  it('Slack: user text typed as bold, strike, code or italics is shown, not formatted; the bot\'s own italics and e-mail underscores stay', () => {
    const out = mrkdwn(`**Titel:** ${escapeMarkdown('*GODKENDT* ~slet~ `kode` _kursiv_ anne_marie@aeroe.dk')} _Sendt af botten_`);
    expect(out).toBe('*Titel:* \u2217GODKENDT\u2217 \u223Cslet\u223C \u02CBkode\u02CB \u02CDkursiv\u02CD anne_marie@aeroe.dk _Sendt af botten_');
    // Nothing the user typed is left that Slack would read as formatting.
    const user = out.slice('*Titel:* '.length, out.indexOf(' _Sendt'));
    expect(user).not.toMatch(/[*~`]|(^|\s)_|_(\s|$)/);
  });

  it('Teams: user Markdown is shown literally, HTML-ish text is never eaten, the bot\'s bold stays', () => {
    const out = teamsMarkdown(`**Titel:** ${escapeMarkdown(TEAMS_EVIL)}`);
    expect(out).toBe('**Titel:** \\[klik\\]\\(https://evil\\) \\*\\*fed\\*\\* \\_kursiv\\_ \\`kode\\` &lt;b&gt;html&lt;/b&gt;');
    expect(out).not.toContain('[klik](');
    expect(teamsMarkdown(escapeMarkdown('- punkt\n# overskrift\n> citat\n1. liste'))).toBe('\\- punkt\n\\# overskrift\n&gt; citat\n1\\. liste');
  });

  it('the help text\'s <nummer> and <begrundelse> placeholders survive on every platform', () => {
    const help = '- **afvis <nummer> <begrundelse>** – afviser en rapport';
    expect(teamsMarkdown(help)).toContain('afvis &lt;nummer&gt; &lt;begrundelse&gt;');
    expect(mrkdwn(help)).toContain('afvis &lt;nummer&gt; &lt;begrundelse&gt;');
    expect(plain(help)).toContain('afvis <nummer> <begrundelse>');
  });

  it('facts values are always escaped by the renderers, and the terminal shows user text as typed', () => {
    const r = [reply(text(`**Fejlrapport X: ${escapeMarkdown(TEAMS_EVIL)}**`), facts([{ label: 'Hvad skete der', value: `${SLACK_EVIL} ${TEAMS_EVIL}` }]))];
    const slack = JSON.stringify(renderBlocks(r));
    expect(slack).not.toMatch(/<[!@#h]/);
    expect(slack).toContain('&lt;!channel&gt;');
    const card = JSON.stringify(renderCard(r));
    expect(card).not.toContain('[klik](');
    expect(card).not.toContain('<b>');
    const term = renderReplies(r).text;
    expect(term).toContain(TEAMS_EVIL);
    expect(term).toContain(SLACK_EVIL);
  });

  it('a user cannot smuggle in the renderer\'s placeholders or break out with a backslash', () => {
    const sneaky = 'a\uE000b \\](https://evil) \\';
    expect(teamsMarkdown(escapeMarkdown(sneaky))).toBe('ab \\\\\\]\\(https://evil\\) \\\\');
    expect(plain(escapeMarkdown(sneaky))).toBe('ab \\](https://evil) \\');
  });
});
