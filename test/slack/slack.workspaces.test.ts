import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/slack.app.js';
import { workspaceOf } from '../../adapters/slack/slack.workspaces.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { FakeSlack } from './fake-slack.js';
import { blockAction, imEvent, signedHeaders, slashCommand } from './slack.payloads.js';

const SECRET = 'slack-signing-secret-for-tests';
const form = 'application/x-www-form-urlencoded';

interface Setup {
  fake: FakeSlack;
  core: ReturnType<typeof testCore>;
  http: HttpServer;
  slack: SlackAdapter;
  base: string;
}

async function setup(env: Record<string, string> = {}): Promise<Setup> {
  const fake = await new FakeSlack().start();
  const core = testCore({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: `${fake.url}/api/`, ...env });
  const http = new HttpServer(core);
  const slack = mountSlack(core, http, { notifyIntervalMs: 60_000 })!;
  const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
  fake.users.set('UHANS', { email: 'hans@aeroe.dk', name: 'Hans Holder' });
  return { fake, core, http, slack, base };
}

async function teardown(s: Setup): Promise<void> {
  await s.slack.stop();
  await s.http.close();
  await s.core.close();
  await s.fake.stop();
}

const post = (s: Setup, body: string, type = form) => fetch(`${s.base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body, type), body });
/** The same request from another workspace. */
const fromTeam = (body: string, team: string) => body.replaceAll('T1', team);

describe('Slack workspace allowlist', () => {
  describe('SLACK_ALLOWED_TEAMS empty: only the bot token\'s own workspace (auth.test)', () => {
    let s: Setup;
    beforeAll(async () => {
      s = await setup();
    });
    afterAll(() => teardown(s));

    it('refuses a slash command from another workspace in Danish, with no users.info lookup and no link', async () => {
      const res = await post(s, fromTeam(slashCommand('/aula-status', '', 'UHANS', `${s.fake.url}/response/1`), 'T9'));
      expect(res.status).toBe(200);
      const json = (await res.json()) as { text: string; response_type: string };
      expect(json).toMatchObject({ response_type: 'ephemeral' });
      expect(json.text).toMatch(/ikke sat op til dit Slack-arbejdsområde/);
      expect(s.fake.callsOf('users.info')).toEqual([]);
      expect(s.core.directory.resolve('slack:T9:UHANS')).toBeUndefined();
      const line = s.core.logs.lines.find((l) => l.includes('workspace not allowed'))!;
      expect(JSON.parse(line)).toMatchObject({ team: 'T9' });
    });

    it('ignores a direct message from another workspace and from a Slack Connect guest in our channel', async () => {
      await post(s, fromTeam(imEvent('UHANS', 'afventer', 'EvX1'), 'T9'), 'application/json');
      const guest = JSON.parse(imEvent('UHANS', 'afventer', 'EvX2')) as { event: Record<string, unknown> };
      guest.event.user_team = 'T9';
      await post(s, JSON.stringify(guest), 'application/json');
      await post(s, fromTeam(blockAction('report.approve', 'AULA-2026-000001', 'UHANS', `${s.fake.url}/response/2`), 'T9'));
      await new Promise((r) => setTimeout(r, 200)); // events are acked before they are handled
      expect(s.fake.callsOf('users.info')).toEqual([]);
      expect(s.fake.callsOf('chat.postMessage')).toEqual([]);
      expect(JSON.stringify(s.fake.responses)).toMatch(/ikke sat op til dit Slack-arbejdsområde/);
      expect(s.core.directory.resolve('slack:T9:UHANS')).toBeUndefined();
      expect(s.core.directory.resolve('slack:T1:UHANS')).toBeUndefined();
    });

    it('serves its own workspace (and links by e-mail there)', async () => {
      const res = await post(s, slashCommand('/aula-status', '', 'UHANS', `${s.fake.url}/response/3`));
      expect(((await res.json()) as { text?: string }).text ?? '').not.toMatch(/ikke sat op/);
      expect(s.core.directory.resolve('slack:T1:UHANS')?.email).toBe('hans@aeroe.dk');
    });
  });

  it('a notification is not sent to, nor linked with, a Slack user that the e-mail look-up finds in a workspace not allowed', async () => {
    const s = await setup();
    try {
      const olga = person(s.core, 'olga@aeroe.dk', 'Olga Holder', 'Ærø', 'staff', true);
      s.fake.users.set('UOLGA', { email: olga.email, name: olga.name, team: 'T9' });
      const sara = person(s.core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
      const number = fileReport(s.core, sara);
      await s.slack.notifier.run();
      expect(s.fake.callsOf('users.lookupByEmail').map((p) => p.email)).toContain(olga.email);
      expect(JSON.stringify(s.fake.callsOf('chat.postMessage').filter((p) => JSON.stringify(p).includes(number)))).not.toContain('UOLGA');
      expect(s.core.directory.resolve('slack:T9:UOLGA')).toBeUndefined();
      expect(s.core.logs.text).toMatch(/found the person in a workspace not allowed; not linked/);
      // The seat holder in our own workspace still gets the approval card.
      expect(s.fake.callsOf('chat.postMessage').some((p) => p.channel === 'UHANS' && JSON.stringify(p).includes(number))).toBe(true);
    } finally {
      await teardown(s);
    }
  });

  it('SLACK_ALLOWED_TEAMS takes team ids and Enterprise Grid ids', async () => {
    const s = await setup({ SLACK_ALLOWED_TEAMS: 'E0ORG, T5' });
    try {
      const refused = (await (await post(s, slashCommand('/aula-status', '', 'UHANS', `${s.fake.url}/response/4`))).json()) as { text: string };
      expect(refused.text).toMatch(/ikke sat op/); // T1 is the token's workspace, but not on the list
      const inOrg = `${slashCommand('/aula-status', '', 'UHANS', `${s.fake.url}/response/5`)}&enterprise_id=E0ORG`;
      expect(((await (await post(s, inOrg)).json()) as { text?: string }).text ?? '').not.toMatch(/ikke sat op/);
      const t5 = fromTeam(slashCommand('/aula-status', '', 'UHANS', `${s.fake.url}/response/6`), 'T5');
      expect(((await (await post(s, t5)).json()) as { text?: string }).text ?? '').not.toMatch(/ikke sat op/);
    } finally {
      await teardown(s);
    }
  });

  it('a shared-channel guest does not inherit our Grid org', () => {
    expect(workspaceOf({ team_id: 'T1', enterprise_id: 'E0ORG', event: { user_team: 'T9' } })).toEqual({ team: 'T9' });
    expect(workspaceOf({ team_id: 'T1', enterprise_id: 'E0ORG', event: { user_team: 'T1' } })).toEqual({ team: 'T1', enterprise: 'E0ORG' });
    expect(workspaceOf({ team: { id: 'T1' }, user: { id: 'U', team_id: 'T2' } })).toEqual({ team: 'T2' });
  });
});
