import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core, CoreOptions } from '../../src/core.js';
import type { Person } from '../../src/directory/directory.types.js';
import { SmtpForwarder, type MailTransport, type OutgoingMail } from '../../src/outbox/forwarders/smtp.forwarder.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import { fileReport, person, testCore, textOf, validForm } from '../harness/core.harness.js';
import { startReceiver, type Receiver } from '../harness/receiver.js';

const SECRET = 'test-secret-0123456789abcdef';
const CPR = '150220-7710';
let receiver: Receiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

type TestCore = Core & { dir: string };

function aeroe(env: Record<string, string> = {}, options: CoreOptions = {}) {
  const core = testCore(env, options);
  const reporter = person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  const holder = person(core, 'hans@aeroe.dk', 'Hans Holder', '492', 'staff', true);
  const ole = person(core, 'ole@aeroe.dk', 'Ole Olsen', 'Ærø', 'superuser');
  return { core, reporter, holder, ole };
}

const click = (core: Core, who: { email: string }, actionId: string, value: string) =>
  core.bot.handle({ type: 'action', actor: { identity: `local:${who.email}`, email: who.email }, conversation: { channel: 'test', id: 'c' }, actionId, value });

/** Ole drafts the same fault from his school (with a CPR number in the text), is shown the look-alike and clicks "Samme fejl som …". */
async function sameErrorThroughBot(core: Core, ole: Person, number: string): Promise<string> {
  const draft = core.workflow.draftFor(ole);
  const form = validForm({ institutionName: 'Marstal Skole', institutionCode: '280456', groupName: '3.A forældre', affectedNames: 'Ida Jensen, Bo Jensen', whatHappened: `Forælder til barnet med CPR ${CPR} kan heller ikke åbne beskeder.` });
  const review = core.workflow.submit(ole, draft.id, form, false);
  expect(review.ok && review.value.kind === 'review' && review.value.review.duplicates.map((d) => d.number)).toEqual([number]);
  return textOf(await click(core, ole, REPORT_ACTIONS.sameError, `${draft.id}:${number}`));
}

function approve(core: Core, holder: Person, number: string): void {
  const r = core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
  if (!r.ok) throw new Error(r.message);
}

async function forwarded(core: TestCore, reporter: Person, holder: Person): Promise<string> {
  const number = fileReport(core, reporter);
  approve(core, holder, number);
  await core.outboxWorker.runOnce();
  expect(core.workflow.get(number)?.status).toBe('forwarded');
  return number;
}

describe('"Samme fejl her" on a forwarded report reaches Netcompany as a supplement', () => {
  it('file forwarder: a separate supplement file next to the report\'s, with who, institution, group and affected users, CPR masked', async () => {
    const { core, reporter, holder, ole } = aeroe();
    const number = await forwarded(core, reporter, holder);
    const reportJson = readFileSync(join(core.dir, 'outbox', `${number}.json`), 'utf8');

    const said = await sameErrorThroughBot(core, ole, number);
    expect(said).toMatch(new RegExp(`Jeg har sendt et supplement til Netcompany om ${number}`));
    expect(core.outbox.list().map((i) => [i.kind, i.status])).toEqual([['report', 'delivered'], ['supplement', 'pending']]);
    await core.outboxWorker.runOnce();
    expect(core.outbox.list().map((i) => i.status)).toEqual(['delivered', 'delivered']);

    const files = readdirSync(join(core.dir, 'outbox')).sort();
    const base = files.find((f) => f.startsWith(`${number}.supplement-`) && f.endsWith('.json'))!.replace(/\.json$/, '');
    expect(files).toEqual([`${number}.json`, `${number}.txt`, `${base}.json`, `${base}.txt`].sort());
    const json = JSON.parse(readFileSync(join(core.dir, 'outbox', `${base}.json`), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({
      type: 'supplement',
      number,
      reportNumber: number,
      idempotencyKey: core.outbox.list()[1]!.idempotencyKey,
      reportIdempotencyKey: core.outbox.list()[0]!.idempotencyKey,
      seenBy: { name: 'Ole Olsen', email: 'ole@aeroe.dk' },
      institutionName: 'Marstal Skole',
      institutionCode: '280456',
      groupName: '3.A forældre',
      affectedNames: 'Ida Jensen, Bo Jensen',
      installationId: core.outbox.installationId,
    });
    const text = readFileSync(join(core.dir, 'outbox', `${base}.txt`), 'utf8');
    expect(text).toMatch(new RegExp(`^Supplement til fejlrapport ${number}`));
    expect(text).toMatch(/Samme fejl er også set af: Ole Olsen <ole@aeroe\.dk>/);
    expect(text).toMatch(/Institution: Marstal Skole \(280456\)/);
    expect(text).toMatch(/Gruppe: 3\.A forældre/);
    expect(text).toMatch(/Berørte brugere: Ida Jensen, Bo Jensen/);
    for (const f of files) expect(readFileSync(join(core.dir, 'outbox', f), 'utf8')).not.toContain(CPR);
    expect(text).toContain('[CPR-nummer skjult]');
    // The report's own file is untouched, and the draft was closed.
    expect(readFileSync(join(core.dir, 'outbox', `${number}.json`), 'utf8')).toBe(reportJson);
    expect(core.workflow.list({ status: 'withdrawn' }).map((r) => r.reporterId)).toEqual([ole.id]);
    expect(core.workflow.list({ status: 'draft' })).toEqual([]);
    await core.close();
  });

  it('webhook forwarder: a signed JSON body with type "supplement", the report number and its own key', async () => {
    receiver = await startReceiver(SECRET);
    const { core, reporter, holder, ole } = aeroe({ FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET });
    const number = await forwarded(core, reporter, holder);
    expect(await sameErrorThroughBot(core, ole, number)).toMatch(/Jeg har sendt et supplement til Netcompany/);
    await core.outboxWorker.runOnce();
    expect(receiver.requests).toHaveLength(2);
    const [report, supplement] = receiver.requests;
    expect(report!.body.type).toBe('report');
    expect(supplement!.validSignature).toBe(true);
    expect(supplement!.key).not.toBe(report!.key);
    expect(supplement!.body).toMatchObject({ type: 'supplement', number, reportNumber: number, idempotencyKey: supplement!.key, reportIdempotencyKey: report!.key, seenBy: { name: 'Ole Olsen' }, institutionName: 'Marstal Skole', groupName: '3.A forældre', affectedNames: 'Ida Jensen, Bo Jensen' });
    expect(JSON.stringify(supplement!.body)).not.toContain(CPR);
    expect(receiver.processed.size).toBe(2);
    await core.close();
  });

  it('smtp forwarder: an e-mail "Supplement til AULA-…" answering the report\'s mail', async () => {
    const sent: OutgoingMail[] = [];
    const transport: MailTransport = { sendMail: async (m) => (sent.push(m), { accepted: [m.to], rejected: [] }) };
    const forwarder = new SmtpForwarder({ host: 'smtp.example', port: 587, secure: false, from: 'Aula <aula@aeroe.example>', to: 'desk@netcompany.example', transport });
    const { core, reporter, holder, ole } = aeroe({}, { forwarder });
    const number = await forwarded(core, reporter, holder);
    await sameErrorThroughBot(core, ole, number);
    await core.outboxWorker.runOnce();
    expect(sent).toHaveLength(2);
    const [reportMail, mail] = sent;
    expect(mail!.subject).toMatch(new RegExp(`^Supplement til ${number}`));
    expect(mail!.headers['In-Reply-To']).toBe(reportMail!.messageId);
    expect(mail!.text).toMatch(/Samme fejl er også set af: Ole Olsen/);
    expect(mail!.text).toMatch(/Berørte brugere: Ida Jensen, Bo Jensen/);
    expect(mail!.text).not.toContain(CPR);
    expect(mail!.attachments[0]!.filename).toBe(`${number}-supplement.json`);
    await core.close();
  });

  it('on a report not yet approved the note is kept, the user is told it goes with the report, and the forwarded report carries it', async () => {
    const { core, reporter, holder, ole } = aeroe();
    const number = fileReport(core, reporter);
    const said = await sameErrorThroughBot(core, ole, number);
    expect(said).toMatch(new RegExp(`skrevet på ${number}`));
    expect(said).toMatch(/ikke godkendt endnu.*når rapporten bliver godkendt/s);
    expect(said).not.toMatch(/supplement/);
    expect(core.outbox.list()).toEqual([]);
    approve(core, holder, number);
    await core.outboxWorker.runOnce();
    expect(core.outbox.list().map((i) => i.kind)).toEqual(['report']);
    const json = JSON.parse(readFileSync(join(core.dir, 'outbox', `${number}.json`), 'utf8')) as { notes: string[] };
    expect(json.notes).toHaveLength(1);
    expect(json.notes[0]).toMatch(/Samme fejl set af Ole Olsen \(Marstal Skole, gruppe 3\.A forældre\)/);
    expect(json.notes[0]).toMatch(/Berørte brugere: Ida Jensen, Bo Jensen/);
    expect(json.notes[0]).not.toContain(CPR);
    expect(readFileSync(join(core.dir, 'outbox', `${number}.txt`), 'utf8')).toMatch(/Bemærkninger:\nSamme fejl set af Ole Olsen/);
    await core.close();
  });

  it('on an approved report still in the outbox, the supplement waits and goes after the report, not inside it', async () => {
    receiver = await startReceiver(SECRET);
    receiver.respond = (i) => (i === 1 ? 503 : 200);
    const { core, reporter, holder, ole } = aeroe({ FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET });
    const number = fileReport(core, reporter);
    approve(core, holder, number);
    expect(await sameErrorThroughBot(core, ole, number)).toMatch(/Jeg har sendt et supplement til Netcompany/);
    await core.outboxWorker.runOnce(); // the report fails once; the supplement must not overtake it
    expect(receiver.requests.map((r) => r.body.type)).toEqual(['report']);
    for (let i = 0; i < 20 && core.outbox.list().some((x) => x.status === 'pending'); i++) {
      await new Promise((r) => setTimeout(r, 10));
      await core.outboxWorker.runOnce();
    }
    expect(receiver.requests.map((r) => r.body.type)).toEqual(['report', 'report', 'supplement']);
    expect(receiver.requests[1]!.body.notes).toEqual([]);
    expect(core.workflow.get(number)?.status).toBe('forwarded');
    await core.close();
  });

  it('a closed report refuses the note and keeps the draft: it would reach no one', async () => {
    const { core, reporter, holder, ole } = aeroe();
    const number = await forwarded(core, reporter, holder);
    const draft = core.workflow.draftFor(ole);
    core.delivery.externalStatus(number, 'løst', 'Rettet i version 2.4', null);
    const said = textOf(await click(core, ole, REPORT_ACTIONS.sameError, `${draft.id}:${number}`));
    expect(said).toMatch(new RegExp(`${number} er lukket`));
    expect(core.outbox.list().map((i) => i.kind)).toEqual(['report']);
    expect(core.workflow.get(draft.id)?.status).toBe('draft');
    await core.close();
  });
});

describe('a supplement that cannot be delivered', () => {
  it('is given up after a permanent refusal: the seat holders and the person who added it are told, the report itself stays forwarded, and --retry sends it', async () => {
    receiver = await startReceiver(SECRET);
    const { core, reporter, holder, ole } = aeroe({ FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET });
    const number = await forwarded(core as TestCore, reporter, holder);
    receiver.respond = () => 400;
    await sameErrorThroughBot(core, ole, number);
    await core.outboxWorker.runOnce();
    expect(core.outbox.list().map((i) => [i.kind, i.status])).toEqual([['report', 'delivered'], ['supplement', 'dead']]);
    expect(core.workflow.get(number)?.status).toBe('forwarded');
    for (const p of [holder, ole]) {
      const told = core.notifications.pending(p.id).filter((n) => n.kind === 'supplement_dead_letter');
      expect(told, p.email).toHaveLength(1);
      expect(JSON.stringify(told[0]!.reply)).toContain(`Et supplement fra Ole Olsen til fejlrapport **${number}**`);
      expect(JSON.stringify(told[0]!.reply)).toContain(`aula-support outbox --retry ${number}`);
    }
    expect(core.notifications.pending(reporter.id).some((n) => n.kind === 'supplement_dead_letter')).toBe(false);
    expect(core.audit.list().some((e) => e.action === 'report.supplement_dead_letter' && e.subject === `report:${number}`)).toBe(true);
    receiver.respond = () => 200;
    expect(core.outbox.requeue(core.workflow.get(number)!.id)).toBe(true);
    await core.outboxWorker.runOnce();
    expect(core.outbox.list().map((i) => i.status)).toEqual(['delivered', 'delivered']);
    await core.close();
  });
});
