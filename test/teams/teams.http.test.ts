import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import { isLoopback, mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { fileReport, OPERATOR, person, testCore, validForm } from '../harness/core.harness.js';
import { until } from '../harness/until.js';
import { linkTeamsUsers, useTeamsServer } from './teams.server.js';
import { TENANT, executeInvoke, messageActivity } from './teams.activities.js';

const server = useTeamsServer();
const connector = server.connector;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let teams: TeamsAdapterHandle;
let base = '';
const sara = { id: '29:sara', aad: '00000000-0000-0000-0000-0000000000a1', name: 'Sara Superbruger' };
const hans = { id: '29:hans', aad: '00000000-0000-0000-0000-0000000000b2', name: 'Hans Holder' };
const mads = { id: '29:mads', aad: '00000000-0000-0000-0000-0000000000c3', name: 'Mads Medarbejder' };

beforeAll(async () => {
  ({ core, http, teams, base } = server);
  person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
  person(core, 'mads@aeroe.dk', 'Mads Medarbejder', 'Ærø', 'staff');
  linkTeamsUsers(core, [[sara, 'sara@aeroe.dk'], [hans, 'hans@aeroe.dk'], [mads, 'mads@aeroe.dk']] as const);
});

const post = server.post;
const invoke = async (activity: unknown) => {
  const text = await (await post(activity)).text();
  if (!text) throw new Error(`empty invoke response; errors: ${core.logs.lines.filter((l) => l.includes('"level":50')).join('').slice(0, 1500)}`);
  return JSON.parse(text) as { statusCode: number; type: string; value: Record<string, unknown> };
};

describe('Teams over real HTTP in local mode', () => {
  it('answers a question with an Adaptive Card 1.5 at the fake connector', async () => {
    expect((await post(messageActivity(connector.url, mads, 'Hvor mange supportberettigede har Odense?'))).status).toBe(200);
    const card = connector.cards(`a:conv-${mads.aad}`).at(-1)!;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card)).toContain('**15**');
    expect(JSON.stringify(card)).toContain('"verb":"faq.helpful"');
  });

  it('files through the fejl card: validation error with values kept, review, submission; seat holder gets the approval card; a non-holder is refused; approval forwards once and the reporter is told proactively', async () => {
    await post(messageActivity(connector.url, sara, 'fejl'));
    await post(messageActivity(connector.url, hans, 'hej')); // stores Hans' conversation reference (first contact)
    const form = connector.cards(`a:conv-${sara.aad}`).at(-1)!;
    const submit = (form.actions as { verb: string; data: { draftId: number } }[])[0]!;
    expect(submit.verb).toBe('report.form.submit');
    expect(JSON.stringify(form)).toMatch(/"type":"Input.ChoiceSet"[\s\S]*"type":"Input.Date"[\s\S]*"type":"Input.Time"/);

    const bad = await invoke(executeInvoke(connector.url, sara, 'report.form.submit', { draftId: submit.data.draftId, ...validForm({ title: 'x'.repeat(130), setupChecked: 'false' }) }));
    expect(bad.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(bad.value)).toMatch(/120 tegn/);
    expect(JSON.stringify(bad.value)).toContain('Når forælderen trykker på en besked, lukker appen.');

    const review = await invoke(executeInvoke(connector.url, sara, 'report.form.submit', { draftId: submit.data.draftId, ...validForm({ setupChecked: 'true' }) }));
    expect(JSON.stringify(review.value)).toMatch(/Klar til at sende/);
    const done = await invoke(executeInvoke(connector.url, sara, 'report.submit', { value: String(submit.data.draftId) }));
    const number = /AULA-\d{4}-\d{6}/.exec(JSON.stringify(done.value))?.[0];
    expect(number).toBeDefined();

    await teams.notifier.run();
    const approval = connector.cards(`a:conv-${hans.aad}`).find((c) => JSON.stringify(c).includes(number!))!;
    const verbs = JSON.stringify(approval).match(/"verb":"report\.(approve|reject|request_info)"/g);
    expect(verbs).toEqual(['"verb":"report.approve"', '"verb":"report.reject"', '"verb":"report.request_info"']);
    expect((approval.refresh as { userIds: string[] }).userIds).toEqual([hans.id]);

    const refused = await invoke(executeInvoke(connector.url, mads, 'report.approve', { value: number }));
    expect(JSON.stringify(refused.value)).toMatch(/findes ikke, eller du har ikke adgang til den/);
    expect(JSON.stringify(refused.value)).not.toContain('"verb":"report.approve"');
    expect(core.workflow.get(number!)?.status).toBe('submitted');

    const approved = await invoke(executeInvoke(connector.url, hans, 'report.approve', { value: number }));
    expect(JSON.stringify(approved.value)).toMatch(/besluttet af Hans Holder/);
    await invoke(executeInvoke(connector.url, hans, 'report.approve', { value: number }));
    await core.outboxWorker.runOnce();
    expect(core.outbox.list()).toHaveLength(1);
    await teams.notifier.run();
    const toSara = JSON.stringify(connector.cards(`a:conv-${sara.aad}`));
    expect(toSara).toMatch(/godkendt af Hans Holder/);
    expect(toSara).toMatch(/sendt til Netcompanys tekniske service desk/);
    expect(connector.calls.some((c) => c.method === 'PUT')).toBe(true);
  });

  it('delivers a waiting approval request as soon as a seat holder first writes to the bot', async () => {
    const ida = { id: '29:ida', aad: '00000000-0000-0000-0000-0000000000d4', name: 'Ida Holder' };
    const olga = person(core, 'olga@odense.dk', 'Olga Superbruger', 'Odense', 'superuser');
    person(core, 'ida@odense.dk', 'Ida Holder', 'Odense', 'staff', true);
    const linked = core.directory.link(OPERATOR, `teams:${TENANT}:${ida.aad}`, 'ida@odense.dk');
    expect(linked.ok).toBe(true);
    const number = fileReport(core, olga);
    await post(messageActivity(connector.url, ida, 'hej'));
    // The notifier's own loop runs once a minute here: only the first contact can have delivered it.
    await until(() => JSON.stringify(connector.cards(`a:conv-${ida.aad}`)).includes(number), 2000, 'the approval card at Ida');
    expect(JSON.stringify(connector.cards(`a:conv-${ida.aad}`))).toContain(number);
  });

  it('sends a welcome card saying what it can do when installed, and plain-text status works', async () => {
    const installed = { ...messageActivity(connector.url, mads, ''), type: 'conversationUpdate', membersAdded: [{ id: '28:aula-bot' }], text: undefined };
    expect((await post(installed)).status).toBe(200);
    expect(JSON.stringify(connector.cards(`a:conv-${mads.aad}`).at(-1))).toMatch(/Jeg er Aula-supportbotten[\s\S]*fejl/);
    await post(messageActivity(connector.url, sara, 'status'));
    expect(JSON.stringify(connector.cards(`a:conv-${sara.aad}`).at(-1))).toMatch(/Dine fejlrapporter/);
  });

  it('in local mode refuses requests from a non-loopback address, and answers bad bodies with 400', async () => {
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.1.2.3') || isLoopback('192.168.1.5') || isLoopback(undefined)).toBe(false);
    let status = 0;
    let body = '';
    const res = { writeHead: (s: number) => (status = s), end: (b: string) => (body = b), headersSent: false };
    await teams.messages({ socket: { remoteAddress: '10.1.2.3' }, headers: {} } as never, res as never);
    expect(status).toBe(403);
    expect(body).toMatch(/local mode/);
    expect((await post('not an object')).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect(core.logs.text).toMatch(/LOCAL mode/);
  });
});

describe('Teams administration', () => {
  it('an admin types "admin kanal" in a team channel; new reports then go to that channel once, with buttons only via refresh', async () => {
    person(core, 'anne@aeroe.dk', 'Anne Admin', 'Ærø', 'admin');
    const anne = { id: '29:anne', aad: '0000000000d4', name: 'Anne Admin' };
    core.directory.link(OPERATOR, `teams:${TENANT}:${anne.aad}`, 'anne@aeroe.dk');
    const inChannel = (u: typeof anne, text: string) => ({
      ...messageActivity(connector.url, u, text),
      conversation: { id: '19:aula-godkendelser@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true },
      channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:aula-godkendelser@thread.tacv2' } },
    });
    await post(inChannel(mads, 'admin kanal'));
    expect(JSON.stringify(connector.cards('19:aula-godkendelser@thread.tacv2').at(-1))).toMatch(/Kun kommunens Aula-administratorer/);
    await post(inChannel(anne, 'admin kanal'));
    expect(JSON.stringify(connector.cards('19:aula-godkendelser@thread.tacv2').at(-1))).toMatch(/sendes nu til godkendelse i denne kanal/);
    const before = connector.cards('19:aula-godkendelser@thread.tacv2').length;
    const saraPerson = core.directory.personByEmail('sara@aeroe.dk')!;
    const number = fileReport(core, saraPerson, { title: 'Kalenderen er tom' });
    await teams.notifier.run();
    const posted = connector.cards('19:aula-godkendelser@thread.tacv2').slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain(number);
    expect(JSON.stringify(posted[0]?.actions ?? [])).not.toContain('report.approve');
    expect((posted[0]?.refresh as { userIds: string[] }).userIds).toEqual([hans.id]);
  });
});
