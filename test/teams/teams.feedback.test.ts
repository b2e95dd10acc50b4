import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { testCore } from '../harness/core.harness.js';
import { useTeamsServer } from './teams.server.js';
import { executeInvoke, messageActivity } from './teams.activities.js';

const server = useTeamsServer();
const connector = server.connector;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let teams: TeamsAdapterHandle;
let base = '';
const pia = { id: '29:pia', aad: '00000000-0000-0000-0000-0000000000f1', name: 'Pia Forælder' };

beforeAll(async () => {
  ({ core, http, teams, base } = server);
});

const post = server.post;
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
