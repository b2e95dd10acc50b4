import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/slack.app.js';
import { mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { signBody } from '../../src/outbox/forwarders/index.js';
import { normaliseText } from '../../src/privacy/normalise.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import { fileReport, OPERATOR, person, testCore, validForm } from '../harness/core.harness.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { signedHeaders, viewSubmission } from '../slack/slack.payloads.js';
import { FakeConnector } from '../teams/fake-connector.js';
import { executeInvoke, TENANT } from '../teams/teams.activities.js';
import { cprSpelling, type CprSpelling } from './cpr-spellings.js';

/**
 * Issue 11 item 5: CPR numbers in every spelling, pushed through every entry point into the core
 * (chat, Slack modal, Teams card, status callback, people import, question log, reject reason),
 * never reach the database file nor a forwarded file.
 */
const SEED = 20261130;
const SLACK_SECRET = 'slack-signing-secret-for-cpr-tests';
const STATUS_SECRET = 'status-secret-for-cpr-tests-0123';
const fake = new FakeSlack();
const connector = new FakeConnector();
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let teams: TeamsAdapterHandle;
let base = '';
const teamsUser = { id: '29:tove', aad: '00000000-0000-0000-0000-0000000000d4', name: 'Tove Teams' };

beforeAll(async () => {
  await fake.start();
  await connector.start();
  core = testCore({ SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: `${fake.url}/api/`, FORWARD_WEBHOOK_SECRET: STATUS_SECRET });
  http = new HttpServer(core);
  slack = mountSlack(core, http, { notifyIntervalMs: 60_000 })!;
  teams = mountTeams(core, http, { notifyIntervalMs: 60_000 });
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  person(core, 'tove@aeroe.dk', 'Tove Teams', 'Ærø', 'superuser');
  person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
  fake.users.set('USARA', { email: 'sara@aeroe.dk', name: 'Sara Superbruger' });
  const linked = core.directory.link(OPERATOR, `teams:${TENANT}:${teamsUser.aad}`, 'tove@aeroe.dk');
  if (!linked.ok) throw new Error(linked.message);
}, 30_000);

afterAll(async () => {
  await slack.stop();
  await teams.stop();
  await http.close();
  await core.close();
  await fake.stop();
  await connector.stop();
});

function slackState(values: Record<string, unknown>): Record<string, Record<string, unknown>> {
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

/** Everything SQLite has on disk (main file and WAL) and every forwarded file, normalised like the masking does. */
function storedText(): string {
  const files = [core.config.DATABASE_PATH, `${core.config.DATABASE_PATH}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8'));
  const out = join(core.dir, 'outbox');
  if (existsSync(out)) for (const f of readdirSync(out)) files.push(readFileSync(join(out, f), 'utf8'));
  return normaliseText(files.join('\n'));
}

/** The CPR's ten digits with anything but digits between them: any spelling of it that survived. */
function leakPattern(c: CprSpelling): RegExp {
  return new RegExp(c.digits.split('').join(String.raw`\D{0,4}`));
}

const holder = () => core.directory.personByEmail('hans@aeroe.dk')!;
const asHolder = () => ({ identity: 'local:hans@aeroe.dk', email: 'hans@aeroe.dk' });

async function throughEveryEntry(c: CprSpelling, i: number): Promise<void> {
  const s = c.text;
  // Chat: a question (question log) and the actor's display name.
  await core.bot.handle({ type: 'message', actor: { identity: 'local:mads@aeroe.dk', displayName: `Mads ${s}` }, conversation: { channel: 'test', id: 'c' }, text: `Hvordan retter jeg barnet ${s}?` });

  // Slack modal submission: a report whose text fields carry the number; it is approved and forwarded.
  const sara = core.directory.personByEmail('sara@aeroe.dk')!;
  const draft = core.workflow.draftFor(sara);
  const body = viewSubmission('report_form', String(draft.id), slackState(validForm({ whatHappened: `Eleven ${s} kan ikke logge ind`, affectedNames: `Mette ${s}`, steps: s })), 'USARA');
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SLACK_SECRET, body, 'application/x-www-form-urlencoded'), body });
  expect(res.status).toBe(200);
  await res.text();
  const submitted = core.workflow.submit(sara, draft.id, undefined, true);
  expect(submitted.ok && submitted.value.kind).toBe('submitted');
  const slackNumber = submitted.ok && submitted.value.kind === 'submitted' ? submitted.value.report.number! : '';
  await core.bot.handle({ type: 'action', actor: asHolder(), conversation: { channel: 'test', id: 'c' }, actionId: REPORT_ACTIONS.approve, value: slackNumber });
  expect(core.workflow.get(slackNumber)?.status).toBe('approved');
  await core.outboxWorker.runOnce();

  // Teams card submission.
  const tove = core.directory.personByEmail('tove@aeroe.dk')!;
  const teamsDraft = core.workflow.draftFor(tove);
  const inv = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(executeInvoke(connector.url, teamsUser, 'report.form.submit', { draftId: teamsDraft.id, ...validForm({ title: `Fejl ${s}`, whatHappened: `Barnet ${s}`, setupChecked: 'true' }) })),
  });
  expect(inv.status).toBe(200);
  await inv.text();
  expect(core.workflow.get(teamsDraft.id)?.fields.whatHappened).toMatch(/^Barnet \[CPR-nummer skjult\]/);

  // Reject reason (through the bot, as the adapters send it).
  const toReject = fileReport(core, sara, { title: `Afvis ${i}` });
  await core.bot.handle({ type: 'action', actor: asHolder(), conversation: { channel: 'test', id: 'c' }, actionId: REPORT_ACTIONS.reject, value: toReject, text: `Skriv ikke ${s} her` });
  expect(core.workflow.get(toReject)?.status).toBe('rejected');
  // Info question.
  const toAsk = fileReport(core, sara, { title: `Spørg ${i}` });
  expect(core.workflow.decide({ kind: 'person', person: holder(), identity: 'local:hans@aeroe.dk' }, toAsk, 'request_info', `Er det ${s}?`).ok).toBe(true);

  // Status callback from the service desk.
  const status = JSON.stringify({ number: slackNumber, status: 'i gang', message: `Vi har set ${s}`, reference: `NC ${s}`.slice(0, 200) });
  const ts = String(Math.floor(Date.now() / 1000));
  const cb = await fetch(`${base}/api/reports/${slackNumber}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-aula-timestamp': ts, 'x-aula-signature': `sha256=${signBody(STATUS_SECRET, ts, status)}` },
    body: status,
  });
  expect(cb.status).toBe(200);

  // People import: a name with a CPR number (or any digit) is refused, the rest imported.
  const imported = core.directory.importCsv(OPERATOR, `email,navn,kommunekode,rolle\np${i}@aeroe.dk,Per ${s},492,staff\nq${i}@aeroe.dk,Kim Kaj,492,staff\n`);
  expect(imported.imported).toBe(1);
  expect(imported.errors.join('\n')).toMatch(/linje 2:/);
  expect(core.directory.personByEmail(`p${i}@aeroe.dk`)).toBeUndefined();
}

describe('CPR numbers in every spelling, through every entry point (fixed seed)', () => {
  it('never reach the database file or a forwarded file', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(cprSpelling, async (c) => {
        const i = run++;
        await throughEveryEntry(c, i);
        const stored = storedText();
        expect(stored).not.toMatch(leakPattern(c));
        expect(stored).toContain('[CPR-nummer skjult]');
      }),
      { seed: SEED, numRuns: 12, endOnFailure: true },
    );
    // The forwarded files exist: the check above looked at something.
    expect(readdirSync(join(core.dir, 'outbox')).filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(12);
  }, 120_000);
});
