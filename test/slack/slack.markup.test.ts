import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { SlackAdapter } from '../../adapters/slack/slack.app.js';
import { OPERATOR, fileReport, person, testCore } from '../harness/core.harness.js';
import { SLACK_TEST_SECRET, useSlackServer } from './slack.server.js';
import { blockAction, signedHeaders, slashCommand } from './slack.payloads.js';
import { until } from '../harness/until.js';

const server = useSlackServer();
const SECRET = SLACK_TEST_SECRET;
const EVIL = '<!channel> <@U123> <https://evil|Godkend her> [klik](https://evil)';
const fake = server.fake;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let base = '';

beforeAll(async () => {
  ({ core, http, slack, base } = server);
});

const post = (body: string) => fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body, 'application/x-www-form-urlencoded'), body });
/** Anything Slack would turn into a mention, a channel ping or a titled link. */
const LIVE = /<[!@#]|<https?:/;

describe('Slack: user text reaches Slack escaped', () => {
  it('an approval card carrying <!channel>, a mention and a disguised link shows them literally; so do the decision note and the help', async () => {
    const sara = person(core, 'sara@aeroe.dk', `Sara ${EVIL.replace(/\d/g, "X")}`, 'Ærø', 'superuser');
    const hans = person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
    expect(core.directory.link(OPERATOR, 'slack:T1:UHANS', hans.email).ok).toBe(true);
    fake.users.set('UHANS', { email: hans.email, name: hans.name });
    const number = fileReport(core, sara, { title: `Titel ${EVIL}`.slice(0, 120), whatHappened: `Se ${EVIL}`, errorText: EVIL, attachments: ['https://evil.example/skærmbillede.png'] });
    await slack.notifier.run();
    const card = fake.callsOf('chat.postMessage').find((p) => p.channel === 'UHANS' && JSON.stringify(p).includes(number))!;
    const json = JSON.stringify(card);
    expect(json).not.toMatch(LIVE);
    expect(json).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|Godkend her&gt;');
    expect(json).toContain('Links fra indberetter');
    expect(json).toContain('https://evil.example/skærmbillede.png');
    expect(String(card.text)).not.toMatch(LIVE);

    // Rejected with a reason carrying the same: the updated card and the reporter's notice stay literal.
    expect(core.workflow.decide({ kind: 'person', person: hans, identity: 'slack:T1:UHANS' }, number, 'reject', `Nej ${EVIL}`).ok).toBe(true);
    await slack.notifier.run();
    expect(JSON.stringify(fake.callsOf('chat.update'))).toContain('Nej &lt;!channel&gt;');
    expect(JSON.stringify(fake.calls)).not.toMatch(LIVE);
  });

  it('the help text keeps its <nummer> placeholders as text', async () => {
    const res = await post(slashCommand('/aula', '', 'UHANS', `${fake.url}/response/1`));
    const json = JSON.stringify(await res.json());
    expect(json).toContain('godkend &lt;nummer&gt;');
    expect(json).not.toMatch(/godkend <nummer>/);
  });

  it('a button click answered with user text is escaped too', async () => {
    await post(blockAction('report.approve', 'AULA-2026-000001', 'UHANS', `${fake.url}/response/2`));
    await until(() => fake.responses.length > 0, 2000, 'a response');
    expect(JSON.stringify(fake.responses)).not.toMatch(LIVE);
  });
});
