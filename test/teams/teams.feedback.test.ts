import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { testCore } from '../harness/core.harness.js';
import { FakeConnector } from './fake-connector.js';
import { executeInvoke, messageActivity } from './teams.activities.js';

const connector = new FakeConnector();
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let teams: TeamsAdapterHandle;
let base = '';
const pia = { id: '29:pia', aad: '00000000-0000-0000-0000-0000000000f1', name: 'Pia Forælder' };

beforeAll(async () => {
  await connector.start();
  core = testCore();
  http = new HttpServer(core);
  teams = mountTeams(core, http, { notifyIntervalMs: 60_000 });
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await teams.stop();
  await http.close();
  await core.close();
  await connector.stop();
});

const post = (activity: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
const invoke = async (activity: unknown) => JSON.parse(await (await post(activity)).text()) as { statusCode: number; value: Record<string, unknown> };
type Action = { verb: string; title: string; data: { value: string } };

describe('Teams: feedback buttons keep the answer on the card', () => {
  it('"Hjalp svaret" returns the same answer card with the thanks appended, not a "Tak!" card', async () => {
    await post(messageActivity(connector.url, pia, 'Hvem må kontakte Netcompany?'));
    const answer = connector.cards(`a:conv-${pia.aad}`).at(-1)!;
    const title = (answer.body as { text: string }[])[0]!.text;
    const helpful = (answer.actions as Action[]).find((a) => a.verb === 'faq.helpful')!;
    const r = await invoke(executeInvoke(connector.url, pia, helpful.verb, helpful.data));
    expect(r.statusCode).toBe(200);
    const body = (r.value.body as { text: string }[]).map((b) => b.text);
    expect(body[0]).toBe(title);
    expect(body.at(-1)).toMatch(/Tak! Godt at svaret hjalp/);
    expect(r.value.actions).toBeUndefined();
  });

  it('"Hjalp ikke" keeps the answer and offers next best answers and the support', async () => {
    await post(messageActivity(connector.url, pia, 'Hvem må kontakte Netcompany?'));
    const answer = connector.cards(`a:conv-${pia.aad}`).at(-1)!;
    const title = (answer.body as { text: string }[])[0]!.text;
    const notHelpful = (answer.actions as Action[]).find((a) => a.verb === 'faq.not_helpful')!;
    const r = await invoke(executeInvoke(connector.url, pia, notHelpful.verb, notHelpful.data));
    const text = JSON.stringify(r.value.body);
    expect((r.value.body as { text: string }[])[0]!.text).toBe(title);
    expect(text).toMatch(/Tak for din tilbagemelding/);
    expect(text).toMatch(/kommunes Aula-support/);
    expect((r.value.actions as Action[]).every((a) => a.verb === 'faq.suggestion')).toBe(true);
    expect((r.value.actions as Action[]).length).toBeGreaterThanOrEqual(1);
  });
});
