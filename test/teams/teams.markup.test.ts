import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { OPERATOR, fileReport, person, testCore } from '../harness/core.harness.js';
import { useTeamsServer } from './teams.server.js';
import { TENANT, messageActivity } from './teams.activities.js';

const EVIL = '[klik](https://evil) <!channel> <@U123> <https://evil|Godkend her>';
const server = useTeamsServer();
const connector = server.connector;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let teams: TeamsAdapterHandle;
let base = '';
const hansU = { id: '29:hans', aad: '00000000-0000-0000-0000-0000000000b2', name: 'Hans Holder' };

beforeAll(async () => {
  ({ core, http, teams, base } = server);
});

const post = server.post;
/** Every text a card shows (TextBlocks and facts). */
const texts = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'TextBlock') out.push(String(o.text));
      if ('title' in o && 'value' in o && typeof o.value === 'string') out.push(String(o.title), o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

describe('Teams: user text in Adaptive Cards is shown literally', () => {
  it('an approval card with [klik](https://evil) and HTML-ish text produces no link and nothing Teams would take as HTML; the decision note too', async () => {
    const sara = person(core, 'sara@aeroe.dk', `Sara ${EVIL.replace(/\d/g, "X")}`, 'Ærø', 'superuser');
    const hans = person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
    expect(core.directory.link(OPERATOR, `teams:${TENANT}:${hansU.aad}`, hans.email).ok).toBe(true);
    await post(messageActivity(connector.url, hansU, 'hej')); // Hans' conversation reference
    const number = fileReport(core, sara, { title: `Titel ${EVIL}`.slice(0, 120), whatHappened: `Se ${EVIL}`, attachments: ['https://evil.example/skærm.png'] });
    await teams.notifier.run();
    const card = connector.cards(`a:conv-${hansU.aad}`).find((c) => JSON.stringify(c).includes(number))!;
    const shown = texts(card);
    expect(shown.join('\n')).toContain('\\[klik\\]\\(https://evil\\)');
    for (const t of shown) {
      expect(t).not.toMatch(/\[[^\]\\]*\]\(/); // no Markdown link
      expect(t).not.toMatch(/<[a-z!@/]/i); // nothing HTML-ish
    }
    expect(shown.some((t) => t.includes('&lt;!channel&gt;'))).toBe(true);
    expect(shown.join('\n')).toContain('Links fra indberetter');
    expect(shown.join('\n')).toContain('https://evil.example/skærm.png');

    expect(core.workflow.decide({ kind: 'person', person: hans, identity: 'x' }, number, 'reject', `Nej ${EVIL}`).ok).toBe(true);
    await teams.notifier.run();
    const all = connector.calls.flatMap((c) => texts(c.body));
    expect(all.some((t) => t.includes('Nej \\[klik\\]'))).toBe(true);
    for (const t of all) expect(t).not.toMatch(/\[[^\]\\]*\]\(|<[a-z!@/]/i);
  });

  it('the help card keeps the <nummer> and <begrundelse> placeholders as text', async () => {
    await post(messageActivity(connector.url, hansU, 'hjælp'));
    const help = texts(connector.cards(`a:conv-${hansU.aad}`).at(-1)).join('\n');
    expect(help).toContain('afvis &lt;nummer&gt; &lt;begrundelse&gt;');
    expect(help).not.toContain('<nummer>');
  });
});
