import { describe, expect, it } from 'vitest';
import { REPORT_ACTIONS } from '../../src/reports/report.replies.js';
import { removePerson } from '../../src/directory/person.removal.js';
import { SqliteDirectory } from '../../src/store/sqlite/directory.sqlite-repository.js';
import { fileReport, OPERATOR, person, testCore, textOf } from '../harness/core.harness.js';

/** Ærø and Odense, each with an admin, a superuser, a seat holder and a staff member. */
function twoMunicipalities() {
  const core = testCore();
  const p = {
    aeroeAdmin: person(core, 'ada@aeroe.dk', 'Ada Admin', 'Ærø', 'admin'),
    sara: person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser'),
    hans: person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true),
    mads: person(core, 'mads@aeroe.dk', 'Mads Medarbejder', 'Ærø', 'staff'),
    otto: person(core, 'otto@odense.dk', 'Otto Admin', 'Odense', 'admin'),
    olga: person(core, 'olga@odense.dk', 'Olga Superbruger', 'Odense', 'superuser'),
    odin: person(core, 'odin@odense.dk', 'Odin Holder', 'Odense', 'staff', true),
  };
  return { core, ...p };
}
type World = ReturnType<typeof twoMunicipalities>;
const say = (core: World['core'], who: { email: string }, text: string) =>
  core.bot.handle({ type: 'message', actor: { identity: `local:${who.email}`, email: who.email }, conversation: { channel: 'console', id: 'c' }, text }).then(textOf);
const click = (core: World['core'], who: { email: string }, actionId: string, value: string) =>
  core.bot.handle({ type: 'action', actor: { identity: `local:${who.email}`, email: who.email }, conversation: { channel: 'console', id: 'c' }, actionId, value }).then(textOf);

describe('an admin acts only on people of their own municipality (issue 10.2)', () => {
  it('admin superbruger / admin tildel in the terminal cannot take over another municipality\'s admin', async () => {
    const w = twoMunicipalities();
    expect(await say(w.core, w.otto, 'admin superbruger ada@aeroe.dk Ada Overtaget')).toMatch(/kun registrere superbrugere i din egen kommune/);
    expect(await say(w.core, w.otto, 'admin tildel ada@aeroe.dk')).toMatch(/^ada@aeroe\.dk er ikke registreret i Odense Kommune\. En plads/);
    expect(w.core.directory.personByEmail('ada@aeroe.dk')).toMatchObject({ municipalityCode: '492', role: 'admin', name: 'Ada Admin' });
    expect(await say(w.core, w.aeroeAdmin, 'admin pladser')).toMatch(/Ærø Kommune/);
    const refused = w.core.audit.list().filter((e) => e.outcome === 'refused' && e.actor === `person:${w.otto.id}`);
    expect(refused.map((e) => e.action).sort()).toEqual(['seat.assign', 'superuser.add']);
  });

  it('an admin cannot demote a fellow admin of the same municipality to superuser', async () => {
    const w = twoMunicipalities();
    person(w.core, 'alma@aeroe.dk', 'Alma Admin', 'Ærø', 'admin');
    expect(await say(w.core, w.aeroeAdmin, 'admin superbruger alma@aeroe.dk Alma A')).toMatch(/allerede registreret som administrator/);
    expect(w.core.directory.personByEmail('alma@aeroe.dk')?.role).toBe('admin');
  });

  it('the operator cannot silently move people either: people add and seats assign refuse another municipality; people move does it, revokes seats elsewhere and is audited', () => {
    const w = twoMunicipalities();
    const add = w.core.directory.addPerson(OPERATOR, { email: 'odin@odense.dk', name: 'Odin', municipality: 'Ærø', role: 'staff' });
    expect(add).toMatchObject({ ok: false, code: 'other_municipality' });
    expect(w.core.directory.personByEmail('odin@odense.dk')?.municipalityCode).toBe('461');
    expect(w.core.directory.assignSeat(OPERATOR, 'Odense', 'hans@aeroe.dk')).toMatchObject({ ok: false, code: 'other_municipality' });

    const moved = w.core.directory.movePerson(OPERATOR, 'odin@odense.dk', 'Ærø');
    expect(moved).toMatchObject({ ok: true, value: { person: { municipalityCode: '492' }, revoked: ['461'] } });
    expect(w.core.directory.isSeatHolder(w.odin.id, '461')).toBe(false);
    expect(w.core.audit.list().find((e) => e.action === 'person.move')).toMatchObject({ actor: 'operator', subject: `person:${w.odin.id}` });
    expect(w.core.directory.movePerson({ kind: 'person', person: w.otto, identity: 'local:otto@odense.dk' }, 'hans@aeroe.dk', 'Odense')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('people remove goes through the permission table: an admin, even of the same municipality, is refused and audited; nothing changes', () => {
    const w = twoMunicipalities();
    const admin = { kind: 'person', person: w.aeroeAdmin, identity: 'local:ada@aeroe.dk' } as const;
    const r = removePerson(new SqliteDirectory(w.core.db), w.core.audit, admin, 'hans@aeroe.dk', () => []);
    expect(r).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/Kun driften kan fjerne personer/) });
    expect(w.core.directory.isSeatHolder(w.hans.id, '492')).toBe(true);
    expect(w.core.audit.list().find((e) => e.action === 'person.remove')).toMatchObject({ actor: `person:${w.aeroeAdmin.id}`, outcome: 'refused' });
    expect(removePerson(new SqliteDirectory(w.core.db), w.core.audit, OPERATOR, 'hans@aeroe.dk', () => [])).toMatchObject({ ok: true });
    expect(w.core.directory.isSeatHolder(w.hans.id, '492')).toBe(false);
  });

  it('a seat left behind in another municipality (from before this rule) grants nothing there', () => {
    const w = twoMunicipalities();
    // Simulate old data: Hans holds a seat in Odense although he is registered in Ærø.
    w.core.db.prepare("INSERT INTO seats (municipality_code, person_id, assigned_at, assigned_by) VALUES ('461', ?, '2026-01-01', 'operator')").run(w.hans.id);
    const number = fileReport(w.core, w.olga);
    const r = w.core.workflow.decide({ kind: 'person', person: w.hans, identity: 'local:hans@aeroe.dk' }, number, 'approve');
    expect(r).toMatchObject({ ok: false, code: 'not_found' });
    expect(w.core.workflow.get(number)?.status).toBe('submitted');
  });
});

describe('identities are never moved silently (issue 10.3)', () => {
  it('people link refuses an identity linked to someone else; unlink then link works', () => {
    const w = twoMunicipalities();
    expect(w.core.directory.link(OPERATOR, 'slack:T1:UHANS', 'hans@aeroe.dk').ok).toBe(true);
    const r = w.core.directory.link(OPERATOR, 'slack:T1:UHANS', 'odin@odense.dk');
    expect(r).toMatchObject({ ok: false, code: 'exists' });
    expect(r.ok ? '' : r.message).toMatch(/allerede koblet til Hans Holder/);
    expect(w.core.directory.resolve('slack:T1:UHANS')?.email).toBe('hans@aeroe.dk');
    expect(w.core.directory.unlink(OPERATOR, 'slack:T1:UHANS').ok).toBe(true);
    expect(w.core.directory.link(OPERATOR, 'slack:T1:UHANS', 'odin@odense.dk').ok).toBe(true);
    expect(w.core.directory.resolve('slack:T1:UHANS')?.email).toBe('odin@odense.dk');
    expect(w.core.directory.link({ kind: 'person', person: w.aeroeAdmin, identity: 'x' }, 'slack:T1:UNEW', 'mads@aeroe.dk')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('an e-mail on first contact never re-links an identity that is already linked', () => {
    const w = twoMunicipalities();
    expect(w.core.directory.link(OPERATOR, 'teams:aa:01', 'hans@aeroe.dk').ok).toBe(true);
    expect(w.core.directory.resolve('teams:aa:01', 'odin@odense.dk')?.email).toBe('hans@aeroe.dk');
  });
});

describe('"Samme fejl her" stays inside the municipality and the caller\'s own draft (issue 10.4)', () => {
  it('another person\'s draft id copies nothing, and a report of another municipality is refused', async () => {
    const w = twoMunicipalities();
    const aeroeNumber = fileReport(w.core, w.sara);
    const odenseNumber = fileReport(w.core, w.olga, { title: 'Odense-fejl' });
    const odenseDraft = w.core.workflow.draftFor(w.olga);
    w.core.workflow.saveDraft(w.olga, odenseDraft.id, { whatHappened: 'elev Peter i 7.b kan ikke se skemaet' });

    // Sara (Ærø) names Olga's draft as "hers": nothing of it is copied, Olga's draft stays open.
    const r = w.core.workflow.sameError(w.sara, odenseDraft.id, aeroeNumber);
    expect(r.ok).toBe(true);
    const notes = w.core.db.prepare('SELECT text FROM report_notes').all() as { text: string }[];
    expect(JSON.stringify(notes)).not.toContain('7.b');
    expect(w.core.workflow.get(odenseDraft.id)?.status).toBe('draft');

    expect(await click(w.core, w.sara, REPORT_ACTIONS.sameError, `0:${odenseNumber}`)).toMatch(/findes ikke i din kommune/);
    expect(w.core.workflow.sameError(w.mads, 0, aeroeNumber)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('seeing a report', () => {
  it('vis <nummer>: the reporter, the seat holders and the admin of the municipality see it; staff and others see nothing', async () => {
    const w = twoMunicipalities();
    const number = fileReport(w.core, w.sara, { title: 'Galleriet er tomt' });
    for (const who of [w.sara, w.hans, w.aeroeAdmin]) expect(await say(w.core, who, `vis ${number}`)).toContain('Galleriet er tomt');
    for (const who of [w.mads, w.otto, w.odin, w.olga]) {
      const t = await say(w.core, who, `vis ${number}`);
      expect(t).toBe(`Rapport ${number} findes ikke, eller du har ikke adgang til den.`);
    }
    expect(await say(w.core, w.mads, 'vis mig hvordan jeg logger ind')).not.toMatch(/findes ikke, eller du har ikke adgang/);
    expect(await say(w.core, w.mads, 'info om komme gå')).not.toMatch(/Skriv rapportens nummer/);
  });

  it('a report number is accepted in every form people type: 1, #1, 000001, 2026-1, aula-2026-000001', async () => {
    const w = twoMunicipalities();
    const number = fileReport(w.core, w.sara, { title: 'Kalenderen er tom' });
    const seq = Number(number.slice(-6));
    const year = number.slice(5, 9);
    for (const form of [String(seq), `#${seq}`, String(seq).padStart(6, '0'), `${year}-${seq}`, number.toLowerCase()]) {
      expect(await say(w.core, w.hans, `vis ${form}`)).toContain('Kalenderen er tom');
    }
    expect(await say(w.core, w.hans, `godkend ${seq}`)).toMatch(/godkendt og sendes nu til Netcompany/);
  });

  it('afvis without a reason asks for it only when the person may decide', async () => {
    const w = twoMunicipalities();
    const number = fileReport(w.core, w.sara);
    expect(await click(w.core, w.odin, REPORT_ACTIONS.reject, number)).toMatch(/findes ikke, eller du har ikke adgang/);
    expect(w.core.reports).toBeDefined();
    // Odin's next message is an ordinary question, not a rejection reason.
    expect(await say(w.core, w.odin, 'hvordan logger jeg ind')).not.toMatch(/afvist/);
    expect(w.core.workflow.get(number)?.status).toBe('submitted');
    expect(await click(w.core, w.hans, REPORT_ACTIONS.reject, number)).toMatch(/Skriv begrundelsen/);
  });

  it('a refused decision on a withdrawn report is audited (issue 10.9)', () => {
    const w = twoMunicipalities();
    const number = fileReport(w.core, w.sara);
    expect(w.core.workflow.withdraw(w.sara, number).ok).toBe(true);
    expect(w.core.workflow.decide({ kind: 'person', person: w.hans, identity: 'local:hans@aeroe.dk' }, number, 'approve').ok).toBe(false);
    expect(w.core.audit.list().find((e) => e.action === 'report.approve')).toMatchObject({ outcome: 'refused', actor: `person:${w.hans.id}` });
  });
});
