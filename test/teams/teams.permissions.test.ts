import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { REFRESH_VERB } from '../../adapters/teams/teams.cards.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { linkTeamsUsers, useTeamsServer } from './teams.server.js';
import { executeInvoke } from './teams.activities.js';

// Issue 10.1: every report.* verb and the refresh verb showed the full report to anyone who asked.
const server = useTeamsServer();
const connector = server.connector;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let teams: TeamsAdapterHandle;
let base = '';
const stranger = { id: '29:x', aad: '00000000-0000-0000-0000-0000000000ff', name: 'Ukendt' };
const odin = { id: '29:odin', aad: '00000000-0000-0000-0000-0000000000d4', name: 'Odin Odense' };
const hans = { id: '29:hans', aad: '00000000-0000-0000-0000-0000000000b2', name: 'Hans Holder' };
const mads = { id: '29:mads', aad: '00000000-0000-0000-0000-0000000000c3', name: 'Mads Medarbejder' };
let number = '';
let odenseDraftId = 0;
const SECRET_TEXT = 'elev i 7.b kan ikke se skemaet';

beforeAll(async () => {
  ({ core, http, teams, base } = server);
  const sara = person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
  person(core, 'mads@aeroe.dk', 'Mads Medarbejder', 'Ærø', 'staff');
  const olga = person(core, 'olga@odense.dk', 'Olga Odense', 'Odense', 'superuser');
  person(core, 'odin@odense.dk', 'Odin Odense', 'Odense', 'staff', true);
  linkTeamsUsers(core, [[hans, 'hans@aeroe.dk'], [mads, 'mads@aeroe.dk'], [odin, 'odin@odense.dk']] as const);
  number = fileReport(core, sara, { whatHappened: SECRET_TEXT, title: 'Skemaet mangler i 7.b' });
  odenseDraftId = core.workflow.draftFor(olga).id;
  core.workflow.saveDraft(olga, odenseDraftId, { title: 'Odenses hemmelige kladde' });
});

const invoke = async (activity: unknown) => {
  const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return JSON.parse(await res.text()) as { statusCode: number; value: Record<string, unknown> };
};

describe('Teams shows a report only to whom the permission table allows (issue 10.1)', () => {
  it.each([
    ['an unregistered identity', stranger],
    ['a seat holder of another municipality', odin],
    ['a staff member of the same municipality', mads],
  ])('refresh by %s reveals nothing: not the title, the text, the reporter or her e-mail', async (_who, user) => {
    const card = JSON.stringify((await invoke(executeInvoke(connector.url, user, REFRESH_VERB, { number }))).value);
    expect(card).toContain('findes ikke, eller du har ikke adgang');
    for (const secret of ['Skemaet mangler', SECRET_TEXT, 'Sara Superbruger', 'sara@aeroe.dk', 'Søby Skole']) expect(card).not.toContain(secret);
  });

  it.each(['report.approve', 'report.reject', 'report.request_info'])('a refused %s returns the refusal only, never the report card', async (verb) => {
    const r = JSON.stringify((await invoke(executeInvoke(connector.url, odin, verb, { value: number, noteField: 'note', note: 'nej' }))).value);
    expect(r).not.toContain(SECRET_TEXT);
    expect(r).not.toContain('sara@aeroe.dk');
    expect(core.workflow.get(number)?.status).toBe('submitted');
  });

  it('numeric ids are not report numbers: another municipality\'s draft is not reachable', async () => {
    const card = JSON.stringify((await invoke(executeInvoke(connector.url, hans, REFRESH_VERB, { number: String(odenseDraftId) }))).value);
    expect(card).not.toContain('Odenses hemmelige kladde');
    expect(card).toContain('findes ikke');
  });

  it('the municipality\'s seat holder still sees the whole card with its decision buttons', async () => {
    const card = JSON.stringify((await invoke(executeInvoke(connector.url, hans, REFRESH_VERB, { number }))).value);
    expect(card).toContain(SECRET_TEXT);
    expect(card).toContain('"verb":"report.approve"');
  });
});
