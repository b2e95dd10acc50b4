import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { SlackAdapter } from '../../adapters/slack/slack.app.js';
import { fileReport, person, testCore, validForm } from '../harness/core.harness.js';
import { SLACK_TEST_SECRET, useSlackServer } from './slack.server.js';
import { blockAction, imEvent, signedHeaders, slashCommand, viewSubmission } from './slack.payloads.js';

const server = useSlackServer();
const SECRET = SLACK_TEST_SECRET;
const fake = server.fake;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let base = '';

beforeAll(async () => {
  ({ core, http, slack, base } = server);
  person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
  person(core, 'mads@aeroe.dk', 'Mads Medarbejder', 'Ærø', 'staff');
  fake.users.set('USARA', { email: 'sara@aeroe.dk', name: 'Sara Superbruger' });
  fake.users.set('UHANS', { email: 'hans@aeroe.dk', name: 'Hans Holder' });
  fake.users.set('UMADS', { email: 'mads@aeroe.dk', name: 'Mads Medarbejder' });
});

const form = 'application/x-www-form-urlencoded';
function post(body: string, type = form, headers?: Record<string, string>) {
  return fetch(`${base}/slack/events`, { method: 'POST', headers: headers ?? signedHeaders(SECRET, body, type), body });
}

function stateOf(values: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(values)) {
    if (['area', 'workedBefore', 'platform', 'profileType', 'affectedScope', 'severity'].includes(k)) out[k] = { [k]: { type: 'static_select', selected_option: { value: v } } };
    else if (k === 'occurredDate') out[k] = { [k]: { type: 'datepicker', selected_date: v } };
    else if (k === 'occurredTime') out[k] = { [k]: { type: 'timepicker', selected_time: v } };
    else if (k === 'setupChecked') out[k] = { [k]: { type: 'checkboxes', selected_options: v ? [{ value: 'true' }] : [] } };
    else out[k] = { [k]: { type: 'plain_text_input', value: v } };
  }
  return out;
}

describe('Slack over real HTTP', () => {
  it('refuses unsigned, wrongly signed and stale requests with 401', async () => {
    const body = slashCommand('/aula', 'hvem må kontakte netcompany', 'UMADS', `${fake.url}/response/1`);
    expect((await post(body, form, { 'content-type': form })).status).toBe(401);
    expect((await post(body, form, signedHeaders('wrong-secret', body, form))).status).toBe(401);
    expect((await post(body, form, signedHeaders(SECRET, body, form, Math.floor(Date.now() / 1000) - 6 * 60))).status).toBe(401);
  });

  it('answers a signed /aula question in Block Kit with source and feedback buttons', async () => {
    const res = await post(slashCommand('/aula', 'Hvor mange supportberettigede har Odense?', 'UMADS', `${fake.url}/response/2`));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { response_type: string; blocks: { type: string }[]; text: string };
    expect(json.response_type).toBe('ephemeral');
    expect(JSON.stringify(json.blocks)).toContain('*15*');
    expect(JSON.stringify(json.blocks)).toMatch(/faq\.helpful/);
  });

  it('answers a direct message once, also when Slack retries the event', async () => {
    const body = imEvent('UMADS', 'hvem må kontakte netcompany', 'Ev001');
    await post(body, 'application/json');
    const retry = signedHeaders(SECRET, body, 'application/json');
    await fetch(`${base}/slack/events`, { method: 'POST', headers: { ...retry, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }, body });
    await new Promise((r) => setTimeout(r, 300));
    const posts = fake.callsOf('chat.postMessage').filter((p) => p.channel === 'DUMADS');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.blocks)).toMatch(/supportberettigede/);
  });

  it('files through /aula-fejl: modal, inline errors, review step, submission; seat holders get the three buttons; a non-holder is refused; approval forwards once and the reporter is told', async () => {
    await post(slashCommand('/aula-fejl', '', 'USARA', `${fake.url}/response/3`));
    await new Promise((r) => setTimeout(r, 300));
    const opened = fake.callsOf('views.open').at(-1)!;
    const view = opened.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe('report_form');
    const draftId = view.private_metadata;

    const bad = await post(viewSubmission('report_form', draftId, stateOf(validForm({ area: 'grupper', title: 'x'.repeat(130) })), 'USARA'));
    const errors = (await bad.json()) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(errors.errors.title).toMatch(/120 tegn/);
    expect(errors.errors.groupName).toBeDefined();
    expect(core.workflow.get(Number(draftId))?.fields.whatHappened).toBe('Når forælderen trykker på en besked, lukker appen.');

    const good = await post(viewSubmission('report_form', draftId, stateOf(validForm()), 'USARA'));
    const review = (await good.json()) as { response_action: string; view: { callback_id: string } };
    expect(review).toMatchObject({ response_action: 'update', view: { callback_id: 'report_review' } });

    await post(viewSubmission('report_review', draftId, { choice: { choice: { type: 'radio_buttons', selected_option: { value: 'new' } } } }, 'USARA'));
    await new Promise((r) => setTimeout(r, 300));
    const number = core.workflow.get(Number(draftId))?.number;
    expect(number).toMatch(/^AULA-\d{4}-\d{6}$/);
    expect(JSON.stringify(fake.callsOf('chat.postMessage').filter((p) => p.channel === 'USARA'))).toContain(number);

    await slack.notifier.run();
    const card = fake.callsOf('chat.postMessage').find((p) => p.channel === 'UHANS' && JSON.stringify(p.blocks).includes('report.approve'))!;
    const ids = (card.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === 'actions')!.elements!.map((e) => e.action_id);
    expect(ids).toEqual(['report.approve', 'report.reject', 'report.request_info']);

    await post(blockAction('report.approve', number!, 'UMADS', `${fake.url}/response/4`));
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(fake.responses.at(-1))).toMatch(/findes ikke, eller du har ikke adgang til den/);
    expect(core.workflow.get(number!)?.status).toBe('submitted');

    await post(blockAction('report.approve', number!, 'UHANS', `${fake.url}/response/5`));
    await post(blockAction('report.approve', number!, 'UHANS', `${fake.url}/response/6`));
    await new Promise((r) => setTimeout(r, 300));
    await core.outboxWorker.runOnce();
    expect(core.outbox.list()).toHaveLength(1);
    expect(core.workflow.get(number!)?.status).toBe('forwarded');
    await slack.notifier.run();
    const updated = fake.callsOf('chat.update');
    expect(updated.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(updated.at(-1)?.blocks)).toMatch(/besluttet af Hans Holder/);
    expect(JSON.stringify(updated.at(-1)?.blocks)).not.toMatch(/report\.approve/);
    const toReporter = JSON.stringify(fake.callsOf('chat.postMessage').filter((p) => p.channel === 'USARA'));
    expect(toReporter).toMatch(/godkendt af Hans Holder/);
    expect(toReporter).toMatch(/sendt til Netcompanys tekniske service desk/);
  });

  it('tells a user who may not file why, ephemerally', async () => {
    await post(slashCommand('/aula-fejl', '', 'UMADS', `${fake.url}/response/7`));
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(fake.responses.at(-1))).toMatch(/registreret som medarbejder/);
    expect(fake.responses.at(-1)).toMatchObject({ response_type: 'ephemeral' });
  });
});

describe('Slack administration and mentions', () => {
  it('/aula-admin lets an admin list seats, assign one by mention and set the approval channel; others are refused', async () => {
    person(core, 'anne@aeroe.dk', 'Anne Admin', 'Ærø', 'admin');
    person(core, 'nina@aeroe.dk', 'Nina Ny', 'Ærø', 'staff');
    fake.users.set('UANNE', { email: 'anne@aeroe.dk', name: 'Anne Admin' });
    fake.users.set('UNINA', { email: 'nina@aeroe.dk', name: 'Nina Ny' });
    const run = async (user: string, text: string) => ((await (await post(slashCommand('/aula-admin', text, user, `${fake.url}/response/a`))).json()) as { text: string }).text;
    expect(await run('UMADS', 'pladser')).toMatch(/Kun kommunens Aula-administratorer/);
    expect(await run('UANNE', 'pladser')).toMatch(/Ærø Kommune\*: 1 af 3 pladser/);
    expect(await run('UANNE', 'tildel <@UNINA|nina>')).toMatch(/<@UNINA> er nu supportberettiget i Ærø Kommune/);
    expect(await run('UANNE', 'kanal <#CAPPROVE|aula-godkendelser>')).toMatch(/sendes nu til godkendelse i <#CAPPROVE>/);
    expect(core.platform.approvalChannel('492', 'slack')).toBe('CAPPROVE');
    expect(await run('UANNE', 'noget andet')).toMatch(/Brug:/);

    // With an approval channel, a new report is posted there once instead of to each seat holder.
    const sara = core.directory.personByEmail('sara@aeroe.dk')!;
    const number = fileReport(core, sara, { title: 'Galleriet viser ingen billeder' });
    await slack.notifier.run();
    const inChannel = fake.callsOf('chat.postMessage').filter((p) => p.channel === 'CAPPROVE');
    expect(inChannel).toHaveLength(1);
    expect(JSON.stringify(inChannel[0]?.blocks)).toContain(number);
    expect(fake.callsOf('chat.postMessage').filter((p) => p.channel === 'UNINA' && JSON.stringify(p.blocks).includes(number))).toHaveLength(0);
  });

  it('an admin of another municipality cannot take over Ærø\'s admin with /aula-admin superbruger or tildel (issue 10.2)', async () => {
    person(core, 'otto@odense.dk', 'Otto Odense-admin', 'Odense', 'admin');
    person(core, 'ada@aeroe.dk', 'Ada Ærø-admin', 'Ærø', 'admin');
    fake.users.set('UOTTO', { email: 'otto@odense.dk', name: 'Otto Odense-admin' });
    fake.users.set('UADA', { email: 'ada@aeroe.dk', name: 'Ada Ærø-admin' });
    const run = async (user: string, text: string) => ((await (await post(slashCommand('/aula-admin', text, user, `${fake.url}/response/a`))).json()) as { text: string }).text;
    expect(await run('UOTTO', 'superbruger <@UADA|ada>')).toMatch(/kun registrere superbrugere i din egen kommune/);
    expect(await run('UOTTO', 'tildel <@UADA|ada>')).toMatch(/hører altid til personens egen kommune/);
    const ada = core.directory.personByEmail('ada@aeroe.dk')!;
    expect(ada).toMatchObject({ municipalityCode: '492', role: 'admin', name: 'Ada Ærø-admin' });
    expect(core.directory.isSeatHolder(ada.id, '461')).toBe(false);
    expect(await run('UADA', 'pladser')).toMatch(/Ærø Kommune/);
  });

  it('answers an @mention in the thread, without the mention text', async () => {
    const body = JSON.stringify({
      team_id: 'T1', api_app_id: 'A0AULA', type: 'event_callback', event_id: 'Ev777', event_time: 1700000000,
      event: { type: 'app_mention', channel: 'C0GENERAL', user: 'UMADS', text: '<@UBOT> hvor mange supportberettigede er der i alt?', ts: '1700000000.000300', event_ts: '1700000000.000300' },
    });
    await post(body, 'application/json');
    await new Promise((r) => setTimeout(r, 300));
    const reply = fake.callsOf('chat.postMessage').find((p) => p.channel === 'C0GENERAL')!;
    expect(reply.thread_ts).toBe('1700000000.000300');
    expect(JSON.stringify(reply.blocks)).toContain('*719*');
  });
});
