import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { SlackAdapter } from '../../adapters/slack/slack.app.js';
import { testCore } from '../harness/core.harness.js';
import { until } from '../harness/until.js';
import { SLACK_TEST_SECRET, useSlackServer } from './slack.server.js';
import { blockAction, signedHeaders, slashCommand } from './slack.payloads.js';

const server = useSlackServer();
const SECRET = SLACK_TEST_SECRET;
const fake = server.fake;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let base = '';

beforeAll(async () => {
  ({ core, http, slack, base } = server);
});

const form = 'application/x-www-form-urlencoded';
const post = (body: string) => fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body, form), body });

describe('Slack: feedback buttons keep the answer', () => {
  it('"Hjalp svaret" replaces the answer message with the answer plus the thanks (no new message)', async () => {
    const res = await post(slashCommand('/aula', 'Hvem må kontakte Netcompany?', 'UPIA', `${fake.url}/response/a1`));
    const answer = (await res.json()) as { blocks: { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[] };
    const title = answer.blocks[0]!.text!.text.split('\n')[0];
    const button = answer.blocks.find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === 'faq.helpful')!;
    const before = fake.responses.length;
    expect((await post(blockAction('faq.helpful', button.value, 'UPIA', `${fake.url}/response/a2`))).status).toBe(200);
    await until(() => fake.responses.length > before, 5000, 'the response_url call');
    const r = fake.responses.at(-1)! as { replace_original?: unknown; response_type?: unknown; blocks?: unknown };
    expect(String(r.replace_original)).toBe('true');
    expect(r.response_type).toBeUndefined();
    const blocks = JSON.stringify(r.blocks);
    expect(blocks).toContain(title);
    expect(blocks).toMatch(/Tak! Godt at svaret hjalp/);
    expect(blocks).not.toMatch(/faq\.helpful/);
  });
});
