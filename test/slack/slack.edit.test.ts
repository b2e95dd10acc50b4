import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { SlackAdapter } from '../../adapters/slack/slack.app.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { until } from '../harness/until.js';
import { SLACK_TEST_SECRET, useSlackServer } from './slack.server.js';
import { blockAction, imEvent, signedHeaders, viewSubmission } from './slack.payloads.js';

/** Issue 13 in Slack: edit with the same modal as filing, the whole report before sending, no internal codes. */
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
  fake.users.set('USARA', { email: 'sara@aeroe.dk', name: 'Sara Superbruger' });
  fake.users.set('UHANS', { email: 'hans@aeroe.dk', name: 'Hans Holder' });
});

const form = 'application/x-www-form-urlencoded';
const post = (body: string, type = form) => fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body, type), body });

/** The modal's blocks turned back into the state Slack would send, with `changes` applied. */
function stateFrom(view: { blocks: { block_id?: string; element?: Record<string, unknown> }[] }, changes: Record<string, string>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    const el = b.element;
    if (!b.block_id || !el) continue;
    const k = b.block_id;
    if (el.type === 'static_select') out[k] = { [k]: { type: 'static_select', selected_option: changes[k] ? { value: changes[k] } : ((el.initial_option as object | undefined) ?? null) } };
    else if (el.type === 'datepicker') out[k] = { [k]: { type: 'datepicker', selected_date: el.initial_date ?? null } };
    else if (el.type === 'timepicker') out[k] = { [k]: { type: 'timepicker', selected_time: el.initial_time ?? null } };
    else if (el.type === 'checkboxes') out[k] = { [k]: { type: 'checkboxes', selected_options: (el.initial_options as unknown[] | undefined) ?? [] } };
    else out[k] = { [k]: { type: 'plain_text_input', value: changes[k] ?? (el.initial_value as string | undefined) ?? null } };
  }
  return out;
}

describe('Slack: editing a report sent back (issue 13.1, 13.13)', () => {
  it('"Ret rapporten" opens the filing modal with the current values; "=" is never stored; the review modal shows every field in Danish with Ret and Annuller', async () => {
    const sara = core.directory.personByEmail('sara@aeroe.dk')!;
    const hans = core.directory.personByEmail('hans@aeroe.dk')!;
    const number = fileReport(core, sara, { area: 'grupper', groupName: '3.B', platform: 'web', profileType: 'barn', severity: 'mindre_alvorlig' });
    const asked = core.workflow.decide({ kind: 'person', person: hans, identity: 'slack:T1:UHANS' }, number, 'request_info', 'Hvilken klasse?');
    expect(asked.ok).toBe(true);

    // In a DM, "ret <nr>" offers the modal (Slack opens one only from a click).
    await post(imEvent('USARA', `ret ${number}`, 'Ev-ret-1'), 'application/json');
    await until(() => fake.callsOf('chat.postMessage').some((p) => p.channel === 'DUSARA' && JSON.stringify(p.blocks).includes(REPORT_ACTIONS.edit)), 3000, 'the edit reply with the form button');
    const dm = JSON.stringify(fake.callsOf('chat.postMessage').filter((p) => p.channel === 'DUSARA').at(-1));
    expect(dm).toContain('Åbn formularen');
    expect(dm).not.toMatch(/: (grupper|web|barn|mindre_alvorlig|true)\b/);

    const opens = fake.callsOf('views.open').length;
    await post(blockAction(REPORT_ACTIONS.edit, number, 'USARA', `${fake.url}/response/e1`));
    await until(() => fake.callsOf('views.open').length > opens, 3000, 'the edit modal');
    const view = fake.callsOf('views.open').at(-1)!.view as { callback_id: string; private_metadata: string; title: { text: string }; blocks: { block_id?: string; element?: Record<string, unknown> }[] };
    expect(view.callback_id).toBe('report_form');
    expect(view.title.text).toBe('Ret fejlrapport');
    expect(JSON.stringify(view.blocks)).toContain('Spørgsmålet var: Hvilken klasse?');
    const area = view.blocks.find((b) => b.block_id === 'area')!.element!;
    expect(area.initial_option).toMatchObject({ value: 'grupper', text: { text: 'Grupper' } });
    expect(view.blocks.find((b) => b.block_id === 'groupName')!.element!.initial_value).toBe('3.B');

    const res = await post(viewSubmission('report_form', view.private_metadata, stateFrom(view, { groupName: '3.B og 3.C', errorText: '=' }), 'USARA'));
    const review = (await res.json()) as { response_action: string; view: { callback_id: string; blocks: unknown[] } };
    expect(review).toMatchObject({ response_action: 'update', view: { callback_id: 'report_review' } });
    const shown = JSON.stringify(review.view.blocks);
    expect(shown).toContain('Web (browser)');
    expect(shown).toContain('Barn/elev');
    expect(shown).toContain('Mindre alvorlig');
    expect(shown).toContain('3.B og 3.C');
    expect(shown).not.toMatch(/mindre_alvorlig|\\n(web|barn|grupper|true)"/);
    expect(shown).toMatch(/"value":"edit"[\s\S]*"value":"discard"|"value":"discard"[\s\S]*"value":"edit"/);
    expect(core.workflow.get(number)!.fields.errorText).toBeUndefined();

    // "Ret rapporten" in the review goes back to the form with everything kept.
    const back = await post(viewSubmission('report_review', view.private_metadata, { choice: { choice: { type: 'radio_buttons', selected_option: { value: 'edit' } } } }, 'USARA'));
    expect((await back.json()) as object).toMatchObject({ response_action: 'update', view: { callback_id: 'report_form', title: { text: 'Ret fejlrapport' } } });

    await post(viewSubmission('report_review', view.private_metadata, { choice: { choice: { type: 'radio_buttons', selected_option: { value: 'new' } } } }, 'USARA'));
    await until(() => core.workflow.get(number)?.status === 'submitted', 3000, 'the report sent again');
    expect(core.workflow.get(number)!.fields.groupName).toBe('3.B og 3.C');
  });
});
