import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import { fileReport, OPERATOR, person, testCore, textOf, validForm } from '../harness/core.harness.js';

function aeroe() {
  const core = testCore();
  const reporter = person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  const holder = person(core, 'hans@aeroe.dk', 'Hans Holder', '492', 'staff', true);
  const holder2 = person(core, 'hanne@aeroe.dk', 'Hanne Holder', '492', 'staff', true);
  const staff = person(core, 'mads@aeroe.dk', 'Mads Medarbejder', '492', 'staff');
  const stranger = person(core, 'odin@odense.dk', 'Odin Odense', 'Odense', 'staff', true);
  return { core, reporter, holder, holder2, staff, stranger };
}

const chat = (core: ReturnType<typeof testCore>, who: { email: string }, text: string) =>
  core.bot.handle({ type: 'message', actor: { identity: `local:${who.email}`, email: who.email }, conversation: { channel: 'test', id: 'c' }, text });
const click = (core: ReturnType<typeof testCore>, who: { email: string }, actionId: string, value: string, text?: string) =>
  core.bot.handle({ type: 'action', actor: { identity: `local:${who.email}`, email: who.email }, conversation: { channel: 'test', id: 'c' }, actionId, value, ...(text ? { text } : {}) });

describe('fault report lifecycle', () => {
  it('files through the step-by-step dialogue, screens, submits, approves, forwards once and tells the reporter', async () => {
    const { core, reporter, holder } = aeroe();
    // Required questions first (the set-up check right after "Én bruger"), the optional ones last.
    const answers = ['Beskeder kan ikke åbnes', '2', 'Appen lukker, når man trykker på en besked. Barnets cpr er 0102031234', 'At beskeden åbner', 'Åbn appen og tryk på en besked', '2026-11-20', '08:15', '1', '2', 'iOS 17.4', 'Aula 2.3.1', 'Mette Hansen', '2', 'Søby Skole', '280123', '1', '1', '2', '-', '-'];
    let last = textOf(await chat(core, reporter, 'fejl'));
    expect(last).toMatch(/1\/\d+\. Titel/);
    for (const a of answers) last = textOf(await chat(core, reporter, a));
    expect(last).toMatch(/Klar til at sende/);
    expect(last).toMatch(/anonymisere skærmbilleder/);
    const draft = core.workflow.listByReporter(reporter.id)[0]!;
    expect(draft.fields.whatHappened).not.toContain('0102031234');
    expect(draft.fields.whatHappened).toContain('[CPR-nummer skjult]');

    const submitted = textOf(await click(core, reporter, REPORT_ACTIONS.submit, String(draft.id)));
    const number = /AULA-\d{4}-\d{6}/.exec(submitted)?.[0];
    expect(number).toBeDefined();
    const card = core.notifications.pending(holder.id)[0]!;
    expect(card.kind).toBe('approval_request');
    const actionIds = card.reply.elements.flatMap((e) => (e.kind === 'buttons' ? e.buttons.map((b) => b.actionId) : []));
    expect(actionIds).toEqual(['report.approve', 'report.reject', 'report.request_info']);

    expect(textOf(await click(core, holder, REPORT_ACTIONS.approve, number!))).toMatch(/godkendt og sendes nu til Netcompany/);
    await core.outboxWorker.runOnce();
    const json = JSON.parse(readFileSync(join(core.dir, 'outbox', `${number}.json`), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ number, municipality: { code: '492' } });
    expect(readFileSync(join(core.dir, 'outbox', `${number}.txt`), 'utf8')).not.toContain('0102031234');
    expect(core.workflow.get(number!)?.status).toBe('forwarded');
    await core.outboxWorker.runOnce();
    expect(core.outbox.list()).toHaveLength(1);
    const told = core.notifications.pending(reporter.id).map((n) => textOf([n.reply]));
    expect(told.join('\n')).toMatch(/godkendt af Hans Holder[\s\S]*sendt til Netcompanys tekniske service desk/);
    // The reply to the submission said "sendt til godkendelse"; a notification does not say it a second time (issue 13.5).
    expect(told.join('\n')).not.toMatch(/sendt til godkendelse/);
    await core.close();
  });

  it('refuses a click by someone without a seat in that municipality, reveals nothing of the report and changes nothing', async () => {
    const { core, reporter, staff, stranger } = aeroe();
    const number = fileReport(core, reporter);
    for (const who of [staff, stranger]) {
      const r = await click(core, who, REPORT_ACTIONS.approve, number);
      expect(r[0]?.ephemeral).toBe(true);
      // Staff and people of other municipalities may not even see the report: the same words as a missing one.
      expect(textOf(r)).toBe(`Rapport ${number} findes ikke, eller du har ikke adgang til den.`);
    }
    expect(core.workflow.get(number)?.status).toBe('submitted');
    expect(core.outbox.list()).toEqual([]);
    expect(core.audit.list().filter((e) => e.action === 'report.approve' && e.outcome === 'refused')).toHaveLength(2);
    await core.close();
  });

  it('a second approver is told who decided first, and nothing is forwarded twice', async () => {
    const { core, reporter, holder, holder2 } = aeroe();
    const number = fileReport(core, reporter);
    await click(core, holder, REPORT_ACTIONS.approve, number);
    const second = textOf(await click(core, holder2, REPORT_ACTIONS.approve, number));
    expect(second).toMatch(new RegExp(`${number} er allerede godkendt af Hans Holder`));
    const again = textOf(await click(core, holder, REPORT_ACTIONS.approve, number));
    expect(again).toMatch(/allerede godkendt/);
    expect(core.outbox.list()).toHaveLength(1);
    await core.close();
  });

  it('reject needs a reason; the button asks for it and the reporter gets it', async () => {
    const { core, reporter, holder } = aeroe();
    const number = fileReport(core, reporter);
    expect(core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'reject', '  ')).toMatchObject({ ok: false, code: 'note_required' });
    expect(textOf(await click(core, holder, REPORT_ACTIONS.reject, number))).toMatch(/Skriv begrundelsen/);
    await chat(core, holder, 'Det er et spørgsmål om brug; se vejledningen.');
    expect(core.workflow.get(number)?.status).toBe('rejected');
    expect(core.notifications.pending(reporter.id).map((n) => textOf([n.reply])).join('\n')).toMatch(/afvist af Hans Holder[\s\S]*Begrundelse: Det er et spørgsmål om brug/);
    await core.close();
  });

  it('asks for more information, the reporter edits and resubmits with the same number', async () => {
    const { core, reporter, holder } = aeroe();
    const number = fileReport(core, reporter);
    await click(core, holder, REPORT_ACTIONS.requestInfo, number, 'Hvilken iOS-version præcist?');
    expect(core.workflow.get(number)?.status).toBe('needs_info');
    expect(textOf(await chat(core, reporter, `ret ${number}`))).toMatch(/Hvilken iOS-version præcist/);
    const report = core.workflow.get(number)!;
    const r = core.workflow.submit(reporter, report.id, { os: 'iOS 17.4.1' }, true);
    expect(r).toMatchObject({ ok: true, value: { kind: 'submitted', report: { number, status: 'submitted' } } });
    expect(core.workflow.get(number)?.fields.os).toBe('iOS 17.4.1');
    await core.close();
  });

  it('keeps what was typed when the form is invalid and says in Danish what to fix', () => {
    const { core, reporter } = aeroe();
    const draft = core.workflow.draftFor(reporter);
    const r = core.workflow.submit(reporter, draft.id, validForm({ area: 'grupper', title: 'x'.repeat(130), severity: 'meget slem' }), false);
    expect(r.ok && r.value.kind).toBe('invalid');
    if (!r.ok || r.value.kind !== 'invalid') return;
    expect(r.value.errors.title).toMatch(/120 tegn/);
    expect(r.value.errors.groupName).toMatch(/gruppe/i);
    expect(r.value.errors.severity).toMatch(/Kritisk/);
    expect(core.workflow.get(draft.id)?.fields).toMatchObject({ whatHappened: 'Når forælderen trykker på en besked, lukker appen.', title: 'x'.repeat(130) });
    return core.close();
  });

  it('screens before submission and offers to add "same error here" to a look-alike open report', async () => {
    const { core, reporter } = aeroe();
    const first = fileReport(core, reporter);
    const draft = core.workflow.draftFor(reporter);
    const r = core.workflow.submit(reporter, draft.id, validForm({ area: 'widgets', title: 'Skemaet i widgetten viser forkerte timer', whatHappened: 'Skemabrikken viser forkerte timer.' }), false);
    expect(r.ok && r.value.kind).toBe('review');
    if (!r.ok || r.value.kind !== 'review') return;
    expect(r.value.review.advice.map((a) => a.code)).toContain('widget_vendor');
    const draft2 = core.workflow.draftFor(reporter);
    const dup = core.workflow.submit(reporter, draft2.id, validForm(), false);
    expect(dup.ok && dup.value.kind === 'review' && dup.value.review.duplicates.map((d) => d.number)).toEqual([first]);
    const same = await click(core, reporter, REPORT_ACTIONS.sameError, `${draft2.id}:${first}`);
    expect(textOf(same)).toMatch(new RegExp(`skrevet på ${first}`));
    await core.close();
  });

  it('lets the reporter withdraw before a decision, not after', async () => {
    const { core, reporter, holder } = aeroe();
    const a = fileReport(core, reporter);
    expect(textOf(await chat(core, reporter, `tilbagekald ${a}`))).toMatch(/trukket tilbage/);
    const b = fileReport(core, reporter);
    await click(core, holder, REPORT_ACTIONS.approve, b);
    expect(textOf(await chat(core, reporter, `tilbagekald ${b}`))).toMatch(/kan ikke trækkes tilbage/);
    await core.close();
  });

  it('a support-entitled reporter may forward their own report directly', async () => {
    const { core, holder } = aeroe();
    const number = fileReport(core, holder);
    expect(core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve')).toMatchObject({ ok: true, value: { status: 'approved' } });
    await core.close();
  });

  it('tells unknown users and staff that they cannot file and whom to ask', async () => {
    const { core, staff } = aeroe();
    person(core, 'anne@aeroe.dk', 'Anne Admin', '492', 'admin');
    expect(textOf(await chat(core, { email: 'ukendt@eksempel.dk' }, 'fejl'))).toMatch(/ikke registreret som superbruger/);
    expect(textOf(await chat(core, staff, 'fejl'))).toMatch(/registreret som medarbejder[\s\S]*Anne Admin \(anne@aeroe\.dk\)/);
    await core.close();
  });

  it('status lists the reporter\'s own reports with number, title and status', async () => {
    const { core, reporter } = aeroe();
    const number = fileReport(core, reporter);
    expect(textOf(await chat(core, reporter, 'status'))).toContain(`${number} Beskeder kan ikke åbnes i forældreappen – afventer godkendelse`);
    await core.close();
  });
});

describe('seats and quota', () => {
  it('a fourth seat in Ærø (quota 3) fails naming the quota and the holders', () => {
    const core = testCore();
    for (const n of [1, 2, 3]) person(core, `s${n}@aeroe.dk`, `Seat ${'ABCD'[n - 1]}`, 'Ærø', 'staff', true);
    person(core, 's4@aeroe.dk', 'Seat D', 'Ærø', 'staff');
    const r = core.directory.assignSeat(OPERATOR, 'Ærø', 's4@aeroe.dk');
    expect(r).toMatchObject({ ok: false, code: 'quota' });
    expect(!r.ok && r.message).toMatch(/Ærø Kommune har 3 pladser .* Seat A \(s1@aeroe\.dk\), Seat B \(s2@aeroe\.dk\) og Seat C \(s3@aeroe\.dk\)/);
    expect(core.audit.list().filter((e) => e.action === 'seat.assign').map((e) => e.outcome)).toEqual(['refused', 'ok', 'ok', 'ok']);
    return core.close();
  });

  it('only the municipality\'s admins change its seats', () => {
    const core = testCore();
    const admin = person(core, 'anne@aeroe.dk', 'Anne Admin', 'Ærø', 'admin');
    const otherAdmin = person(core, 'ole@odense.dk', 'Ole Admin', 'Odense', 'admin');
    person(core, 'x@aeroe.dk', 'X', 'Ærø', 'staff');
    expect(core.directory.assignSeat({ kind: 'person', person: otherAdmin, identity: 'i' }, 'Ærø', 'x@aeroe.dk')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(core.directory.assignSeat({ kind: 'person', person: admin, identity: 'i' }, 'Ærø', 'x@aeroe.dk')).toMatchObject({ ok: true });
    expect(core.directory.revokeSeat({ kind: 'person', person: admin, identity: 'i' }, 'Ærø', 'x@aeroe.dk')).toMatchObject({ ok: true });
    return core.close();
  });

  it('an over-quota municipality cannot forward until seats are revoked, and the refusal says so', async () => {
    const { tempKnowledge } = await import('../harness/temp-knowledge.js');
    const { writeFileSync, readFileSync: read } = await import('node:fs');
    const dir = tempKnowledge({});
    const core = testCore({ KNOWLEDGE_DIR: dir });
    const reporter = person(core, 'sara@aeroe.dk', 'Sara', 'Ærø', 'superuser');
    const holders = [1, 2, 3].map((n) => person(core, `s${n}@aeroe.dk`, `Seat ${'ABCD'[n - 1]}`, 'Ærø', 'staff', true));
    const number = fileReport(core, reporter);
    const csv = join(dir, 'data', 'municipalities.csv');
    writeFileSync(csv, read(csv, 'utf8').replace('492,Ærø Kommune,Ærø,Region Syddanmark,3', '492,Ærø Kommune,Ærø,Region Syddanmark,2'));
    expect(core.knowledge.reloadIfChanged()).toBe(true);
    const r = core.workflow.decide({ kind: 'person', person: holders[0]!, identity: 'i' }, number, 'approve');
    expect(r).toMatchObject({ ok: false, code: 'over_quota' });
    expect(!r.ok && r.message).toMatch(/3 aktive supportberettigede, men kun 2 pladser/);
    expect(core.outbox.list()).toEqual([]);
    core.directory.revokeSeat(OPERATOR, 'Ærø', 's3@aeroe.dk');
    expect(core.workflow.decide({ kind: 'person', person: holders[0]!, identity: 'i' }, number, 'approve')).toMatchObject({ ok: true });
    expect(existsSync(csv)).toBe(true);
    await core.close();
  });
});
