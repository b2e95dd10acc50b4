import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import { fileReport, OPERATOR, person, testCore } from '../harness/core.harness.js';
import { linkTeamsUsers, useTeamsServer } from './teams.server.js';
import { TENANT, executeInvoke, messageActivity } from './teams.activities.js';

/** Issue 13 as a real Teams client showed it: edit with the form card, the whole report, channel posts, MRIs, welcome. */
const server = useTeamsServer();
const connector = server.connector;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let teams: TeamsAdapterHandle;
let base = '';
const sara = { id: '29:1sara-mri', aad: '00000000-0000-0000-0000-0000000001a1', name: 'Sara Superbruger' };
const hans = { id: '29:1hans-mri', aad: '00000000-0000-0000-0000-0000000001b2', name: 'Hans Holder' };
const anne = { id: '29:1anne-mri', aad: '00000000-0000-0000-0000-0000000001c3', name: 'Anne Admin' };

beforeAll(async () => {
  ({ core, http, teams, base } = server);
  person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
  person(core, 'anne@aeroe.dk', 'Anne Admin', 'Ærø', 'admin');
  linkTeamsUsers(core, [[sara, 'sara@aeroe.dk'], [hans, 'hans@aeroe.dk'], [anne, 'anne@aeroe.dk']] as const);
});

const post = server.post;
const invoke = async (activity: unknown) => JSON.parse(await (await post(activity)).text()) as { statusCode: number; value: Record<string, unknown> };
type Input = { type: string; id?: string; value?: string; errorMessage?: string; choices?: { title: string; value: string }[] };
const inputsOf = (card: Record<string, unknown>): Input[] => (card.body as Input[]).filter((b) => b.type.startsWith('Input.'));
/** What Teams sends on "Videre": every input's current value, with `changes` applied. */
const submitted = (card: Record<string, unknown>, changes: Record<string, string>) => Object.fromEntries(inputsOf(card).map((i) => [i.id!, changes[i.id!] ?? i.value ?? '']));

describe('Teams: edit with the same form as filing (issue 13.1)', () => {
  it('"ret <nr>" sends the form card with the current values; the edit goes through review (whole report, Ret, Annuller); what is forwarded has no internal codes and no "="', async () => {
    const saraP = core.directory.personByEmail('sara@aeroe.dk')!;
    const hansP = core.directory.personByEmail('hans@aeroe.dk')!;
    const number = fileReport(core, saraP, { area: 'grupper', groupName: '3.B', platform: 'web', profileType: 'barn', affectedScope: 'en', severity: 'mindre_alvorlig', workedBefore: 'ja' });
    expect(core.workflow.decide({ kind: 'person', person: hansP, identity: 'x' }, number, 'request_info', 'Hvilken klasse?').ok).toBe(true);

    await post(messageActivity(connector.url, sara, `ret ${number}`));
    // The reply is the form; the question's notification (with its own "Ret rapporten" button) may follow it.
    const form = connector.cards(`a:conv-${sara.aad}`).find((c) => JSON.stringify(c).includes(`Ret fejlrapport ${number}`))!;
    expect(form).toBeDefined();
    const json = JSON.stringify(form);
    expect(json).toContain(`Ret fejlrapport ${number}`);
    expect(json).toContain('Spørgsmålet var: Hvilken klasse?');
    const inputs = inputsOf(form);
    expect(inputs.find((i) => i.id === 'area')).toMatchObject({ type: 'Input.ChoiceSet', value: 'grupper' });
    expect(inputs.find((i) => i.id === 'groupName')?.value).toBe('3.B');
    // Not 21 text steps: one card, no "Skriv =".
    expect(json).not.toContain('"=');
    const verb = (form.actions as { verb: string; data: { draftId: number } }[])[0]!;
    expect(verb.verb).toBe('report.form.submit');

    const review = await invoke(executeInvoke(connector.url, sara, 'report.form.submit', { draftId: verb.data.draftId, ...submitted(form, { groupName: '3.B og 3.C', errorText: '=', otherUsers: '=' }) }));
    const shown = JSON.stringify(review.value);
    expect(shown).toMatch(/Klar til at sende/);
    expect(shown).toMatch(/"type":"FactSet"/);
    // Values are shown literally: Teams Markdown characters in them arrive backslash-escaped.
    for (const label of ['Web \\\\(browser\\\\)', 'Barn/elev', 'Mindre alvorlig', 'Én bruger', 'Hvad forventede du?', 'Trin til at genskabe fejlen', 'Fejlen opstod']) expect(shown).toContain(label);
    expect(shown).not.toMatch(/"value":"(grupper|web|barn|en|ja|true|mindre_alvorlig)"/);
    const actions = (review.value.actions as { title: string; verb: string }[]).map((a) => [a.title, a.verb]);
    expect(actions).toEqual(expect.arrayContaining([['Ret', REPORT_ACTIONS.edit], ['Annuller', REPORT_ACTIONS.discard]]));
    expect(core.workflow.get(number)!.fields).not.toHaveProperty('errorText');
    expect(core.workflow.get(number)!.fields).not.toHaveProperty('otherUsers');

    // "Ret" in the review brings the form back with the edit kept.
    const again = await invoke(executeInvoke(connector.url, sara, REPORT_ACTIONS.edit, { value: String(verb.data.draftId) }));
    expect(inputsOf(again.value).find((i) => i.id === 'groupName')?.value).toBe('3.B og 3.C');

    await invoke(executeInvoke(connector.url, sara, REPORT_ACTIONS.submit, { value: String(verb.data.draftId) }));
    expect(core.workflow.get(number)!.status).toBe('submitted');
    await invoke(executeInvoke(connector.url, hans, REPORT_ACTIONS.approve, { value: number }));
    await core.outboxWorker.runOnce();
    const forwarded = readFileSync(join(core.dir, 'outbox', `${number}.txt`), 'utf8');
    expect(forwarded).toContain('Gruppens navn: 3.B og 3.C');
    expect(forwarded).not.toMatch(/^[^:\n]+: (grupper|web|barn|en|ja|true|false|mindre_alvorlig)$/m);
    expect(forwarded).not.toMatch(/(:|\?) =$/m);
    expect(forwarded).not.toMatch(/Fejlbesked|Andre berørte brugere/);
  });

  it('form errors are Danish sentences, the draft text is true, and severity choices are short (issue 13.11)', async () => {
    await post(messageActivity(connector.url, sara, 'fejl'));
    const form = connector.cards(`a:conv-${sara.aad}`).findLast((c) => JSON.stringify(c).includes('Ny fejlrapport'))!;
    const inputs = inputsOf(form);
    expect(inputs.find((i) => i.id === 'whatHappened')?.errorMessage).toBe('Udfyld »Hvad skete der?«.');
    expect(inputs.find((i) => i.id === 'title')?.errorMessage).toBe('Udfyld »Titel«.');
    expect(inputs.find((i) => i.id === 'severity')?.choices?.map((c) => c.title)).toEqual(['Kritisk', 'Alvorlig', 'Mindre alvorlig', 'Kosmetisk']);
    expect(JSON.stringify(form)).toContain('Mindre alvorlig: En funktion virker forkert');
    expect(JSON.stringify(form)).toContain('Når du trykker »Videre«, gemmes det');
    expect(JSON.stringify(form)).not.toContain('Det, du skriver, gemmes som kladde');
  });
});

describe('Teams channels, refresh and welcome (issues 13.6, 13.7, 13.10)', () => {
  it('"admin kanal" written in a thread stores the channel itself: approval cards start new posts, not replies in the admin\'s thread; refresh.userIds are user MRIs', async () => {
    await post(messageActivity(connector.url, hans, 'hej')); // Hans' MRI becomes known on first contact
    const thread = '19:godkend@thread.tacv2;messageid=1700000000123';
    await post({
      ...messageActivity(connector.url, anne, 'admin kanal'),
      conversation: { id: thread, conversationType: 'channel', tenantId: TENANT, isGroup: true },
      channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:godkend@thread.tacv2' } },
    });
    const number = fileReport(core, core.directory.personByEmail('sara@aeroe.dk')!, { title: 'Galleriet viser ikke billeder' });
    await teams.notifier.run();
    const toChannel = connector.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/v3/conversations/19:godkend@thread.tacv2/activities') && JSON.stringify(c.body).includes(number));
    expect(toChannel).toHaveLength(1);
    expect(connector.calls.filter((c) => c.path.includes(';messageid=') && JSON.stringify(c.body).includes(number))).toEqual([]);
    const card = (toChannel[0]!.body.attachments as { content: { refresh: { userIds: string[] } } }[])[0]!.content;
    expect(card.refresh.userIds).toEqual([hans.id]);
    expect(card.refresh.userIds.every((id) => id.startsWith('29:'))).toBe(true);
  });

  it('with no seat holder\'s MRI known yet, the card\'s refresh names nobody, so Teams refreshes it for everyone (buttons only for holders)', async () => {
    const odin = person(core, 'odin@odense.dk', 'Odin Superbruger', 'Odense', 'superuser');
    const ida = person(core, 'ida@odense.dk', 'Ida Holder', 'Odense', 'staff', true);
    core.directory.link(OPERATOR, `teams:${TENANT}:00000000-0000-0000-0000-0000000001d4`, ida.email);
    const number = fileReport(core, odin);
    const card = teams.notifier.approvalCardFor(number, undefined);
    expect(card.refresh).toMatchObject({ action: { verb: 'report.refresh', data: { number } } });
    expect(card.refresh).not.toHaveProperty('userIds');
  });

  it('welcomes only when the bot itself is added, not every time someone joins the team', async () => {
    const channel = { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true };
    const update = (membersAdded: { id: string }[]) => ({ ...messageActivity(connector.url, anne, ''), type: 'conversationUpdate', text: undefined, conversation: channel, membersAdded });
    await post(update([{ id: '29:someone-new' }]));
    expect(connector.cards('19:general@thread.tacv2')).toHaveLength(0);
    await post(update([{ id: '28:aula-bot' }]));
    expect(JSON.stringify(connector.cards('19:general@thread.tacv2'))).toMatch(/Jeg er Aula-supportbotten/);
  });
});
