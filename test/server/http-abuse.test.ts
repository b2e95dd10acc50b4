import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/slack.app.js';
import { mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { testCore } from '../harness/core.harness.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { signedHeaders } from '../slack/slack.payloads.js';

const SECRET = 'abuse-signing-secret';
const fake = new FakeSlack();
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let teams: TeamsAdapterHandle;
let base = '';

beforeAll(async () => {
  await fake.start();
  core = testCore({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-abuse', SLACK_API_URL: `${fake.url}/api/`, FORWARD_WEBHOOK_SECRET: 'abuse-webhook-secret-123' });
  http = new HttpServer(core);
  slack = mountSlack(core, http, { notifyIntervalMs: 60_000 })!;
  teams = mountTeams(core, http, { notifyIntervalMs: 60_000 });
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await slack.stop();
  await teams.stop();
  await http.close();
  await core.close();
  await fake.stop();
});

const counts = () => JSON.stringify([core.workflow.list({}).length, core.audit.list().length, core.db.prepare('SELECT COUNT(*) AS n FROM questions').get()]);

describe('HTTP abuse: always a 4xx or a polite reply, never a crash, nothing stored', () => {
  it('unknown paths and methods', async () => {
    expect((await fetch(`${base}/admin`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/api/messages`)).status).toBe(405);
  });

  it('Teams: malformed JSON, wrong content type, wrong shapes and oversized bodies', async () => {
    const before = counts();
    const post = (body: string) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{"type":')).status).toBe(400);
    expect((await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ type: 'message', text: 'hej' }) })).status).toBe(415);
    expect((await post('[1,2,3]')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message' }))).status).toBeLessThan(500);
    expect((await post(JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }))).status).toBe(413);
    expect(counts()).toBe(before);
  });

  it('Slack: oversized, malformed, wrongly typed and shapeless bodies, all correctly signed', async () => {
    const before = counts();
    const post = (body: string, type: string) => fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body, type), body });
    const form = 'application/x-www-form-urlencoded';
    expect((await post(`payload=${'x'.repeat(300_000)}`, form)).status).toBe(413);
    expect((await post('payload=%7Bnot-json', form)).status).toBe(400);
    expect((await post('fortrolig tekst 010203-1234', 'text/plain')).status).toBe(400);
    // Bolt's own warning reaches our log, without the body it quotes.
    expect(core.logs.text).toMatch(/Malformed request body/);
    expect(core.logs.text).not.toMatch(/fortrolig|010203/);
    expect((await post('{"type":', 'application/json')).status).toBe(400);
    const shapeless = await post('{}', 'application/json');
    expect(shapeless.status).toBeGreaterThanOrEqual(400);
    expect(shapeless.status).toBeLessThan(500);
    const missing = await post(new URLSearchParams({ command: '/aula' }).toString(), form);
    expect(missing.status).toBe(200);
    expect(await missing.text()).toMatch(/hjælp/);
    expect(counts()).toBe(before);
  });

  it('Slack: forged identity inside a correctly signed but foreign payload changes nothing', async () => {
    const before = counts();
    const payload = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'UEVIL' }, team: { id: 'T1' }, actions: [{ action_id: 'report.approve', value: 'AULA-2026-000001' }], trigger_id: 't', response_url: `${fake.url}/response/x` }) }).toString();
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, payload, 'application/x-www-form-urlencoded'), body: payload });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(fake.responses.at(-1))).toMatch(/findes ikke|ikke registreret|supportberettiget/);
    expect(core.workflow.list({}).length).toBe(0);
    expect(counts()).toBe(before);
  });

  it('Slack: unknown action ids and commands get a polite answer', async () => {
    const cmd = new URLSearchParams({ team_id: 'T1', user_id: 'U1', command: '/aula-ukendt', text: '', response_url: `${fake.url}/response/y`, trigger_id: 't' }).toString();
    const r1 = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, cmd, 'application/x-www-form-urlencoded'), body: cmd });
    expect(r1.status).toBe(200);
    expect(((await r1.json()) as { text: string }).text).toMatch(/Kommandoen \/aula-ukendt kender jeg ikke/);
    const action = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, actions: [{ action_id: 'nonsense.action', value: 'x' }], trigger_id: 't', response_url: `${fake.url}/response/z` }) }).toString();
    const r2 = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, action, 'application/x-www-form-urlencoded'), body: action });
    expect(r2.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(fake.responses.at(-1))).toMatch(/knap kender jeg ikke/);
  });

  it('no secret or token ever appears in the logs', () => {
    for (const secret of [SECRET, 'xoxb-abuse', 'abuse-webhook-secret-123']) expect(core.logs.text).not.toContain(secret);
  });
});
