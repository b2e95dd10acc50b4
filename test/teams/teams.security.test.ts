import { networkInterfaces } from 'node:os';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { FakeConnector } from './fake-connector.js';
import { TENANT, executeInvoke, messageActivity } from './teams.activities.js';

const OTHER_TENANT = '11111111-2222-3333-4444-555555555555';
const connector = new FakeConnector();
const mallory = { id: '29:mallory', aad: '00000000-0000-0000-0000-00000000ee01', name: 'Mallory' };

interface Setup {
  core: ReturnType<typeof testCore>;
  http: HttpServer;
  teams: TeamsAdapterHandle;
  base: string;
}

async function setup(env: Record<string, string>, stubAuth = false): Promise<Setup> {
  const core = testCore(env);
  const http = new HttpServer(core);
  const teams = mountTeams(core, http, { notifyIntervalMs: 60_000 });
  // With credentials, token validation is replaced by botbuilder's own anonymous validation (no network, no token).
  if (stubAuth) (teams.adapter as unknown as { botFrameworkAuthentication: unknown }).botFrameworkAuthentication = new ConfigurationBotFrameworkAuthentication({});
  const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  return { core, http, teams, base };
}

async function teardown(s: Setup): Promise<void> {
  await s.teams.stop();
  await s.http.close();
  await s.core.close();
}

const post = (s: Setup, activity: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
const withTenant = <T extends { conversation: object; channelData: object }>(a: T, tenant: string): T => ({ ...a, conversation: { ...a.conversation, tenantId: tenant }, channelData: { ...a.channelData, tenant: { id: tenant } } });

beforeAll(async () => {
  await connector.start();
});
afterAll(async () => {
  await connector.stop();
});

describe('local mode is for development only', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup({});
  });
  afterAll(() => teardown(s));

  it('warns loudly at start', () => {
    expect(s.core.logs.text).toMatch(/LOCAL mode.*FOR DEVELOPMENT ONLY/);
  });

  it('refuses a request carrying proxy headers with 403, even from loopback, and does nothing with it', async () => {
    const before = connector.calls.length;
    for (const [h, v] of [['x-forwarded-for', '203.0.113.9'], ['forwarded', 'for=203.0.113.9'], ['x-forwarded-host', 'bot.example'], ['x-real-ip', '203.0.113.9'], ['via', '1.1 proxy']]) {
      const res = await post(s, messageActivity(connector.url, mallory, 'status'), { [h!]: v! });
      expect(res.status, h).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/proxied/);
    }
    expect(connector.calls.length).toBe(before);
    expect(s.core.platform.conversation(`teams:${TENANT}:${mallory.aad}`)).toBeUndefined();
  });

  it('refuses an activity whose serviceUrl is not on this machine before processing it: nothing is sent anywhere', async () => {
    const lan = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    const elsewhere = lan ? await new FakeConnector().start(lan) : undefined;
    try {
      const before = connector.calls.length;
      for (const url of ['https://evil.example/', 'http://127.0.0.1.evil.example/', ...(elsewhere ? [elsewhere.url] : [])]) {
        const res = await post(s, messageActivity(url, mallory, 'Hvor mange supportberettigede har Odense?'));
        expect(res.status, url).toBe(403);
        const inv = await post(s, executeInvoke(url, mallory, 'faq.helpful', { value: 'x' }));
        expect(inv.status, url).toBe(403);
      }
      expect(connector.calls.length).toBe(before);
      if (elsewhere) expect(elsewhere.calls).toEqual([]);
      expect(s.core.platform.conversation(`teams:${TENANT}:${mallory.aad}`)).toBeUndefined();
    } finally {
      await elsewhere?.stop();
    }
  });

  it('never sends a proactive message to a stored conversation outside this machine', async () => {
    const holder = person(s.core, 'ida@odense.dk', 'Ida Holder', 'Odense', 'staff', true);
    const olga = person(s.core, 'olga@odense.dk', 'Olga Superbruger', 'Odense', 'superuser');
    const identity = `teams:${TENANT}:00000000-0000-0000-0000-0000000000d4`;
    s.core.directory.link({ kind: 'operator' }, identity, holder.email);
    // As if stored by an earlier run with credentials.
    s.core.platform.saveConversation(identity, 'teams', { serviceUrl: 'https://evil.example/', conversation: { id: 'a:ida' }, channelId: 'msteams', bot: { id: '28:bot' }, user: { id: '29:ida' } });
    const before = connector.calls.length;
    fileReport(s.core, olga);
    await s.teams.notifier.run();
    expect(connector.calls.length).toBe(before);
    expect(s.core.logs.text).toMatch(/local mode did not send to a serviceUrl outside this machine/);
  });

  it('still answers a plain loopback request with a localhost serviceUrl', async () => {
    expect((await post(s, messageActivity(connector.url, mallory, 'status'))).status).toBe(200);
    expect(connector.cards(`a:conv-${mallory.aad}`).length).toBeGreaterThan(0);
  });
});

describe('Teams with credentials: tenant allowlist and roster linking', () => {
  it('links an unknown user by roster e-mail only from an allowed tenant; another tenant gets a Danish refusal, no lookup and no link', async () => {
    const s = await setup({ MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'app-password-123', TEAMS_ALLOWED_TENANTS: `${TENANT}, 99999999-0000-0000-0000-000000000000` }, true);
    try {
      person(s.core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
      const ok = { id: '29:hans-ok', aad: '00000000-0000-0000-0000-00000000aa01', name: 'Hans Holder' };
      connector.members.set(ok.id, { email: 'hans@aeroe.dk' });
      connector.members.set(mallory.id, { email: 'hans@aeroe.dk' });

      const before = connector.calls.length;
      const res = await post(s, withTenant(messageActivity(connector.url, mallory, 'afventer'), OTHER_TENANT));
      expect(res.status).toBe(200);
      const sent = connector.calls.slice(before);
      expect(sent.some((c) => c.method === 'GET')).toBe(false); // no roster lookup
      expect(JSON.stringify(sent)).toContain('ikke sat op til din organisation');
      expect(s.core.directory.resolve(`teams:${OTHER_TENANT}:${mallory.aad}`)).toBeUndefined();
      expect(s.core.platform.conversation(`teams:${OTHER_TENANT}:${mallory.aad}`)).toBeUndefined();
      const inv = (await (await post(s, withTenant(executeInvoke(connector.url, mallory, 'report.approve', { value: 'AULA-2026-000001' }), OTHER_TENANT))).json()) as { value: unknown };
      expect(JSON.stringify(inv.value)).toContain('ikke sat op til din organisation');
      const line = s.core.logs.lines.find((l) => l.includes('not in TEAMS_ALLOWED_TENANTS'))!;
      expect(JSON.parse(line)).toMatchObject({ tenant: OTHER_TENANT });
      expect(line).not.toContain(mallory.aad);

      // Positive control: the same roster answer from the allowed tenant links the identity.
      expect((await post(s, messageActivity(connector.url, ok, 'afventer'))).status).toBe(200);
      expect(s.core.directory.resolve(`teams:${TENANT}:${ok.aad}`)?.email).toBe('hans@aeroe.dk');
    } finally {
      await teardown(s);
    }
  });

  it('with credentials and no TEAMS_ALLOWED_TENANTS nobody is linked by roster e-mail, and the start says what to set', async () => {
    const s = await setup({ MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'app-password-123' }, true);
    try {
      person(s.core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
      connector.members.set(mallory.id, { email: 'hans@aeroe.dk' });
      expect(s.core.logs.text).toMatch(/TEAMS_ALLOWED_TENANTS is empty.*set TEAMS_ALLOWED_TENANTS/);
      const before = connector.calls.length;
      expect((await post(s, withTenant(messageActivity(connector.url, mallory, 'afventer'), OTHER_TENANT))).status).toBe(200);
      expect(connector.calls.slice(before).some((c) => c.method === 'GET')).toBe(false);
      expect(s.core.directory.resolve(`teams:${OTHER_TENANT}:${mallory.aad}`)).toBeUndefined();
    } finally {
      await teardown(s);
    }
  });

  it('a forged or missing bearer token gets 401 with a small JSON body and one JSON log line, without the network', async () => {
    const s = await setup({ MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'app-password-123', TEAMS_ALLOWED_TENANTS: TENANT });
    const errors: unknown[] = [];
    const callsBefore = connector.calls.length;
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a);
    try {
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      // A well-formed JWT from "Bot Framework", signed with nothing: validation would fetch the signing keys.
      const forged = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'x' })}.${b64({ iss: 'https://api.botframework.com', aud: 'app-id', serviceurl: connector.url, exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;
      for (const auth of ['Bearer bogus', `Bearer ${forged}`, '']) {
        const before = s.core.logs.lines.length;
        const res = await post(s, messageActivity(connector.url, mallory, 'afventer'), auth ? { authorization: auth } : {});
        expect(res.status, auth).toBe(401);
        const text = await res.text();
        expect(JSON.parse(text)).toEqual({ error: 'unauthorized' });
        const lines = s.core.logs.lines.slice(before);
        expect(lines).toHaveLength(1);
        expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'teams request refused: authentication failed' });
        expect(lines[0]).not.toMatch(/https?:\/\/|\\n\s+at /);
      }
      expect(errors).toEqual([]);
      expect(connector.calls.slice(callsBefore)).toEqual([]);
    } finally {
      console.error = original;
      await teardown(s);
    }
  });
});
