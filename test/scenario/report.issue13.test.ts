import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Button, Reply } from '../../src/bot/bot.types.js';
import { INTAKE_CHOICE_ACTION } from '../../src/bot/report.dialogue.js';
import { AFFECTED_SCOPES, AULA_AREAS, PLATFORMS, PROFILE_TYPES, SEVERITIES, WORKED_BEFORE } from '../../src/reports/report.fields.js';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import { fileReport, person, testCore, textOf } from '../harness/core.harness.js';

/** 24 November 2026, 13:00 in Copenhagen. */
const NOW = new Date('2026-11-24T12:00:00Z');

function aeroe() {
  const core = testCore({}, { now: () => NOW });
  const reporter = person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  const holder = person(core, 'hans@aeroe.dk', 'Hans Holder', '492', 'staff', true);
  return { core, reporter, holder };
}

type Core = ReturnType<typeof testCore>;
const chat = (core: Core, who: { email: string }, text: string) =>
  core.bot.handle({ type: 'message', actor: { identity: `local:${who.email}`, email: who.email }, conversation: { channel: 'console', id: 'c' }, text });
const click = (core: Core, who: { email: string }, actionId: string, value: string, text?: string) =>
  core.bot.handle({ type: 'action', actor: { identity: `local:${who.email}`, email: who.email }, conversation: { channel: 'console', id: 'c' }, actionId, value, ...(text ? { text } : {}) });
const buttonsOf = (replies: readonly Reply[]): Button[] => replies.flatMap((r) => r.elements.flatMap((e) => (e.kind === 'buttons' ? e.buttons : [])));

/** Every stored choice key that differs from what a person reads ("ja", "web", "barn", "en", "mindre_alvorlig", …), and "true". */
const INTERNAL_CODES = [
  ...new Set(
    [AULA_AREAS, PLATFORMS, PROFILE_TYPES, AFFECTED_SCOPES, WORKED_BEFORE, SEVERITIES]
      .flatMap((m) => Object.keys(m))
      .filter((k) => k !== 'andet' && k !== 'login')
      .concat(['true', 'false']),
  ),
];

/** Internal codes standing as a value ("Platform: web", "…: true") or anywhere as snake_case, and a lone "=" as a value. */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const value = line.includes(':') ? line.slice(line.indexOf(':') + 1).trim() : line.trim();
    if (INTERNAL_CODES.includes(value)) found.push(line);
    if (/(^|:\s*)=\s*$/.test(line.trim())) found.push(line);
    if (/\?\s+=\s*$/.test(line)) found.push(line);
  }
  for (const code of INTERNAL_CODES.filter((c) => c.includes('_'))) if (text.includes(code)) found.push(code);
  if (/\.\.\s/.test(text)) found.push('doubled full stop');
  return found;
}

/** A report with a value for every choice whose key a person should never see. */
const CODE_HEAVY = { area: 'grupper', groupName: '3.B forældre', platform: 'web', profileType: 'barn', affectedScope: 'en', setupChecked: true, severity: 'mindre_alvorlig', workedBefore: 'ja', os: 'Windows 11', clientVersion: 'Chrome 126' };

describe('issue 13: reports people finish (terminal and every chat)', () => {
  it('13.1 ret <nr> shows a numbered list of fields in Danish, edits one field, never stores "=", and nothing internal reaches the service desk', async () => {
    const { core, reporter, holder } = aeroe();
    const number = fileReport(core, reporter, CODE_HEAVY);
    await click(core, holder, REPORT_ACTIONS.requestInfo, number, 'Hvilken gruppe præcist? Se liste.');
    // The reporter's notification offers the edit and the full view as buttons.
    const note = core.notifications.pending(reporter.id).find((n) => n.kind === 'decision.request_info')!;
    expect(buttonsOf([note.reply]).map((b) => b.actionId)).toEqual([REPORT_ACTIONS.edit, REPORT_ACTIONS.show]);

    const menu = await chat(core, reporter, `ret ${number}`);
    const menuText = textOf(menu);
    expect(menuText).toContain('Spørgsmålet var: Hvilken gruppe præcist? Se liste.');
    expect(menuText).toMatch(/Område i Aula: Grupper/);
    expect(menuText).toMatch(/Platform: Web \(browser\)/);
    expect(menuText).toMatch(/Profiltype: Barn\/elev/);
    expect(menuText).toMatch(/Hvor mange er ramt\?: Én bruger/);
    expect(menuText).toMatch(/Alvorlighed: Mindre alvorlig/);
    expect(menuText).toMatch(/opsætning er tjekket i kommunens administrative systemer: Ja/);
    expect(leaks(menuText)).toEqual([]);
    const fieldButtons = buttonsOf(menu).filter((b) => b.actionId === REPORT_ACTIONS.editField);
    // Only the questions that apply: no "Andre berørte brugere" when one user is hit.
    expect(fieldButtons.map((b) => b.value.split(':')[1])).not.toContain('otherUsers');
    expect(fieldButtons.length).toBeGreaterThan(15);

    // Pick "Fejlbesked" (empty, optional) and type "=": nothing is stored, and the list comes back.
    const errorText = fieldButtons.find((b) => b.value.endsWith(':errorText'))!;
    const prompt = textOf(await click(core, reporter, errorText.actionId, errorText.value));
    expect(prompt).toMatch(/Fejlbesked/);
    expect(leaks(prompt)).toEqual([]);
    const back = textOf(await chat(core, reporter, '='));
    expect(back).toMatch(/Vælg det felt, du vil ændre/);
    expect(core.workflow.get(number)!.fields.errorText).toBeUndefined();

    // Change the group's name; the prompt shows the current answer without a doubled full stop.
    const group = fieldButtons.find((b) => b.value.endsWith(':groupName'))!;
    expect(textOf(await click(core, reporter, group.actionId, group.value))).toMatch(/Nuværende svar: 3\.B forældre\./);
    await chat(core, reporter, '3.B forældre og lærere');
    expect(core.workflow.get(number)!.fields.groupName).toBe('3.B forældre og lærere');

    // Attachments with a bad link and "=": not a trap, "-" skips.
    const attach = fieldButtons.find((b) => b.value.endsWith(':attachments'))!;
    await click(core, reporter, attach.actionId, attach.value);
    expect(textOf(await chat(core, reporter, 'ikke-et-link'))).toMatch(/ikke et gyldigt link/);
    expect(textOf(await chat(core, reporter, '='))).toMatch(/ikke et gyldigt link/);
    expect(textOf(await chat(core, reporter, '-'))).toMatch(/Vælg det felt/);

    const review = await click(core, reporter, REPORT_ACTIONS.review, String(core.workflow.get(number)!.id));
    expect(textOf(review)).toMatch(/Klar til at sende/);
    expect(leaks(textOf(review))).toEqual([]);
    await click(core, reporter, REPORT_ACTIONS.submit, String(core.workflow.get(number)!.id));
    await click(core, holder, REPORT_ACTIONS.approve, number);
    await core.outboxWorker.runOnce();
    const forwarded = readFileSync(join(core.dir, 'outbox', `${number}.txt`), 'utf8');
    expect(forwarded).toContain('Gruppens navn: 3.B forældre og lærere');
    expect(forwarded).not.toMatch(/Fejlbesked|Andre berørte brugere/);
    expect(leaks(forwarded)).toEqual([]);
    await core.close();
  });

  it('13.2 the terminal dialogue: required first, a steady counter, Danish dates and times, no dead end at the set-up check, "ved ikke", optional last', async () => {
    const { core, reporter } = aeroe();
    const counters: [number, number][] = [];
    const track = (out: string) => {
      const m = /(\d+)\/(\d+)\. /.exec(out);
      if (m) counters.push([Number(m[1]), Number(m[2])]);
      return out;
    };
    const say = async (text: string) => track(textOf(await chat(core, reporter, text)));
    expect(await say('fejl')).toMatch(/1\/\d+\. Titel/);
    await say('Kalenderen viser ingen aftaler');
    await say('3'); // Kalender: no group question
    await say('Kalenderen er tom.');
    await say('At aftalerne vises.');
    expect(await say('Åbn kalenderen; vælg uge 48; se at den er tom')).toMatch(/Dato for fejlen/);
    expect(core.workflow.openDraft(reporter)!.fields.steps).toBe('Åbn kalenderen\nvælg uge 48\nse at den er tom');
    expect(await say('31-12-2026')).toMatch(/ligger i fremtiden/);
    expect(await say('i går')).toMatch(/Klokkeslæt/);
    expect(core.workflow.openDraft(reporter)!.fields.occurredDate).toBe('2026-11-23');
    expect(await say('kl. 9')).toMatch(/Har det virket før/);
    expect(core.workflow.openDraft(reporter)!.fields.occurredTime).toBe('09:00');
    for (const a of ['1', '1', 'Windows 11', 'Chrome 126', 'Mette Hansen', '2', 'Søby Skole']) await say(a);
    expect(await say('x')).toMatch(/Institutionskode[\s\S]*ved ikke/);
    expect(await say('ved ikke')).toMatch(/Hvor mange er ramt/);
    // "Én bruger" → the set-up check comes next, not "Andre berørte brugere".
    const setup = await say('1');
    expect(setup).toMatch(/opsætning er tjekket/);
    expect(setup).not.toMatch(/Andre berørte brugere/);
    const no = await chat(core, reporter, 'nej');
    expect(textOf(no)).toMatch(/Din kladde er gemt/);
    const yes = buttonsOf(no).find((b) => b.label === 'Ja, nu er det tjekket')!;
    expect(track(textOf(await click(core, reporter, yes.actionId, yes.value)))).toMatch(/Alvorlighed/);
    expect(await say('3')).toMatch(/Fejlbesked[\s\S]*Valgfrit/);
    expect(await say('-')).toMatch(/Skærmbilleder/); // otherUsers is not asked for one user
    expect(await say('-')).toMatch(/Klar til at sende/);
    expect(core.workflow.openDraft(reporter)!.fields.institutionCode).toBe('Ved ikke');
    // n goes up by one per question; the total never grows.
    for (let i = 1; i < counters.length; i++) {
      const [n, total] = counters[i]!;
      const [pn, ptotal] = counters[i - 1]!;
      expect(n === pn || n === pn + 1).toBe(true);
      expect(total).toBeLessThanOrEqual(ptotal);
    }
    await core.close();
  });

  it('13.2 a time later today is refused in the dialogue; length is counted as typed, before CPR masking', async () => {
    const { core, reporter } = aeroe();
    await chat(core, reporter, 'fejl');
    for (const a of ['Titel', '3', 'x', 'y']) await chat(core, reporter, a);
    await chat(core, reporter, 'trin');
    await chat(core, reporter, 'i dag');
    expect(textOf(await chat(core, reporter, '14.30'))).toMatch(/Klokken 14:30 i dag er ikke kommet endnu/);
    expect(textOf(await chat(core, reporter, '12.45'))).toMatch(/Har det virket før/);
    const draft = core.workflow.openDraft(reporter)!;
    const typed = 'Barnets nummer 0102031234 vises. '.repeat(120); // 3,960 characters typed
    const r = core.workflow.submit(reporter, draft.id, { whatHappened: typed }, false);
    expect(r.ok && r.value.kind === 'invalid' && r.value.errors.whatHappened).toBeFalsy();
    await core.close();
  });

  it('13.3 afvis/info without text take the next line as the reason; command words and bare numbers do not take over questions; kassér throws a draft away', async () => {
    const { core, reporter, holder } = aeroe();
    const number = fileReport(core, reporter);
    expect(textOf(await chat(core, holder, `afvis ${number}`))).toMatch(/Skriv begrundelsen/);
    await chat(core, holder, 'Det er et spørgsmål om brug, se vejledningen.');
    expect(core.workflow.get(number)).toMatchObject({ status: 'rejected', decisionNote: 'Det er et spørgsmål om brug, se vejledningen.' });
    const second = fileReport(core, reporter, { title: 'Komme/gå viser forkert tid' });
    expect(textOf(await chat(core, holder, `info ${second}`))).toMatch(/Skriv dit spørgsmål/);
    await chat(core, holder, 'Hvilken institution?');
    expect(core.workflow.get(second)).toMatchObject({ status: 'needs_info', decisionNote: 'Hvilken institution?' });

    for (const q of ['ret min e-mail i aula', 'info om komme gå', 'godkend forældre i aula']) {
      expect(textOf(await chat(core, holder, q))).not.toMatch(/ingen rapport med nummer|Skriv rapportens nummer/);
    }
    expect(textOf(await chat(core, holder, '5'))).not.toMatch(/iPhone/i);
    expect(textOf(await chat(core, reporter, 'ret'))).toBe('Skriv rapportens nummer, fx "ret AULA-2026-000123".');

    await chat(core, reporter, 'fejl');
    await chat(core, reporter, 'En kladde jeg fortryder');
    expect(textOf(await chat(core, reporter, 'kassér'))).toMatch(/Kladden er kasseret/);
    expect(core.workflow.openDraft(reporter)).toBeUndefined();
    expect(textOf(await chat(core, reporter, 'fejl'))).not.toMatch(/Du fortsætter din kladde/);
    await core.close();
  });

  it('13.4 the review shows the whole report with Ret and Annuller; approval cards carry every field; vis and a Vis button show it all', async () => {
    const { core, reporter, holder } = aeroe();
    const draft = core.workflow.draftFor(reporter);
    const { validForm } = await import('../harness/core.harness.js');
    const r = core.workflow.submit(reporter, draft.id, validForm(CODE_HEAVY), false);
    expect(r.ok && r.value.kind).toBe('review');
    const review = await click(core, reporter, REPORT_ACTIONS.review, String(draft.id));
    const text = textOf(review);
    for (const label of ['Hvad forventede du?', 'Trin til at genskabe fejlen', 'Fejlen opstod: 20. november 2026 kl. 08:15', 'Gruppens navn: 3.B forældre', 'Berørte brugere: Mette Hansen', 'Platform: Web (browser)']) expect(text).toContain(label);
    expect(buttonsOf(review).map((b) => b.label)).toEqual(expect.arrayContaining(['Send til godkendelse', 'Ret', 'Annuller']));
    // "Ret" opens the list of fields; "Annuller" throws the draft away.
    expect(textOf(await click(core, reporter, REPORT_ACTIONS.edit, String(draft.id)))).toMatch(/Vælg det felt/);
    await click(core, reporter, REPORT_ACTIONS.submit, String(draft.id));
    const number = core.workflow.get(draft.id)!.number!;
    const card = textOf([core.notifications.pending(holder.id)[0]!.reply]);
    for (const label of ['Hvad forventede du?', 'Trin til at genskabe fejlen', 'Fejlen opstod', 'Gruppens navn', 'Berørte brugere: Mette Hansen', 'opsætning er tjekket i kommunens administrative systemer: Ja', 'Institutionskode: 280123']) expect(card).toContain(label);
    expect(leaks(card)).toEqual([]);
    const status = await chat(core, reporter, 'status');
    const vis = buttonsOf(status).find((b) => b.actionId === REPORT_ACTIONS.show)!;
    expect(vis.value).toBe(number);
    expect(textOf(await click(core, reporter, vis.actionId, vis.value))).toContain('Trin til at genskabe fejlen');

    const other = core.workflow.draftFor(reporter);
    // Someone else's "Annuller" with this draft's id throws nothing away.
    const mette = person(core, 'mette@aeroe.dk', 'Mette Superbruger', 'Ærø', 'superuser');
    const hers = core.workflow.draftFor(mette);
    expect(textOf(await click(core, mette, REPORT_ACTIONS.discard, String(other.id)))).toBe('Du har ingen kladde at kassere.');
    expect(core.workflow.get(other.id)!.status).toBe('draft');
    expect(core.workflow.get(hers.id)!.status).toBe('draft');
    await click(core, reporter, REPORT_ACTIONS.discard, String(other.id));
    expect(core.workflow.get(other.id)!.status).toBe('withdrawn');
    await core.close();
  });

  it('13.1 the dialogue never offers "=" without a current answer, and choice buttons carry Danish labels', async () => {
    const { core, reporter } = aeroe();
    await chat(core, reporter, 'fejl');
    const area = await chat(core, reporter, 'Titel');
    expect(textOf(area)).not.toMatch(/Skriv "="/);
    expect(buttonsOf(area).every((b) => b.actionId === INTAKE_CHOICE_ACTION && !INTERNAL_CODES.includes(b.label))).toBe(true);
    await core.close();
  });
});
