import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/http.server.js';
import type { TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { fileReport, OPERATOR, person, testCore } from '../harness/core.harness.js';
import { useTeamsServer } from './teams.server.js';
import { TENANT, executeInvoke, messageActivity } from './teams.activities.js';

// Issue 13.5: a posted approval card is updated only when what it shows has changed.
const server = useTeamsServer();
const connector = server.connector;
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let teams: TeamsAdapterHandle;
let base = '';
const hans = { id: '29:hans', aad: '00000000-0000-0000-0000-0000000000b2', name: 'Hans Holder' };

beforeAll(async () => {
  ({ core, http, teams, base } = server);
  person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
  person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
  expect(core.directory.link(OPERATOR, `teams:${TENANT}:${hans.aad}`, 'hans@aeroe.dk').ok).toBe(true);
});

const post = server.post;
const puts = () => connector.calls.filter((c) => c.method === 'PUT').length;

describe('Teams approval cards', () => {
  it('are updated once when decided, and not again when nothing they show has changed', async () => {
    await post(messageActivity(connector.url, hans, 'hej'));
    const sara = core.directory.personByEmail('sara@aeroe.dk')!;
    const number = fileReport(core, sara, { title: 'Opslag forsvinder' });
    await teams.notifier.run();
    expect(JSON.stringify(connector.cards(`a:conv-${hans.aad}`))).toContain(number);
    await post(executeInvoke(connector.url, hans, 'report.approve', { value: number }));
    await teams.notifier.run();
    const afterDecision = puts();
    expect(afterDecision).toBeGreaterThanOrEqual(1);

    // A change the card does not show (here: a version bump with no visible difference).
    const r = core.workflow.get(number)!;
    expect(core.db.prepare('UPDATE reports SET version = version + 1 WHERE id = ?').run(r.id).changes).toBe(1);
    await teams.notifier.run();
    await teams.notifier.run();
    expect(puts()).toBe(afterDecision);
  });

  it('deliver no approval card for a report withdrawn (or a seat given up) before the holder could be reached', async () => {
    const hanne = { id: '29:hanne', aad: '00000000-0000-0000-0000-0000000000b3', name: 'Hanne Holder' };
    person(core, 'hanne@aeroe.dk', 'Hanne Holder', 'Ærø', 'staff', true);
    expect(core.directory.link(OPERATOR, `teams:${TENANT}:${hanne.aad}`, 'hanne@aeroe.dk').ok).toBe(true);
    const sara = core.directory.personByEmail('sara@aeroe.dk')!;
    const withdrawn = fileReport(core, sara, { title: 'Trukket tilbage' });
    expect(core.workflow.withdraw(sara, withdrawn).ok).toBe(true);
    const kept = fileReport(core, sara, { title: 'Stadig åben' });
    await post(messageActivity(connector.url, hanne, 'hej'));
    await teams.notifier.run();
    const cards = JSON.stringify(connector.cards(`a:conv-${hanne.aad}`));
    expect(cards).toContain(kept);
    expect(cards).not.toContain(withdrawn);
  });
});
