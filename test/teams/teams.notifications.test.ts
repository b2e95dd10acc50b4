import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { reply, text } from '../../src/bot/bot.types.js';
import type { Person } from '../../src/directory/directory.types.js';
import { OPERATOR, person, storeEnvOf, testCore } from '../harness/core.harness.js';
import { runCli } from '../harness/run-cli.js';
import { until } from '../harness/until.js';
import { FakeConnector } from './fake-connector.js';
import { TENANT, messageActivity } from './teams.activities.js';

// Proactive delivery reaches only people who have talked to the bot; the rest must not hold up
// anyone, are retried with backoff, and are finally given up visibly (or e-mailed when SMTP is set).

const connector = new FakeConnector();
const note = (markdown: string) => reply(text(markdown));

beforeAll(async () => {
  await connector.start();
});
afterAll(async () => {
  await connector.stop();
});

async function teamsCore(env: Record<string, string> = {}, options: Parameters<typeof testCore>[1] = {}) {
  const core = testCore(env, options);
  const http = new HttpServer(core);
  const teams = mountTeams(core, http, { notifyIntervalMs: 3_600_000 });
  const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  const close = async () => {
    await teams.stop();
    await http.close();
    await core.close();
  };
  return { core, teams, base, close };
}

describe('Teams notification delivery', () => {
  it('delivers the one reachable notification in the first pass behind 500 unreachable ones', async () => {
    const { core, teams, base, close } = await teamsCore();
    const ida = { id: '29:ida', aad: '00000000-0000-0000-0000-0000000000d4', name: 'Ida Holder' };
    person(core, 'ida@odense.dk', 'Ida Holder', 'Odense', 'staff');
    expect(core.directory.link(OPERATOR, `teams:${TENANT}:${ida.aad}`, 'ida@odense.dk').ok).toBe(true);
    // Ida has talked to the bot (her conversation reference is stored); nobody else has.
    await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity(connector.url, ida, 'hej')) });
    await teams.notifier.run();
    const silent: Person[] = [];
    for (let i = 0; i < 50; i++) silent.push(person(core, `stille${i}@odense.dk`, `Stille ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, 'Odense', 'staff'));
    for (let i = 0; i < 500; i++) core.notifications.add(silent[i % 50]!.id, 'forwarded', null, note(`Gammel besked ${i}`));
    core.notifications.add(core.directory.resolve(`teams:${TENANT}:${ida.aad}`)!.id, 'forwarded', null, note('Til Ida: rapporten er sendt'));
    await teams.notifier.run();
    expect(JSON.stringify(connector.cards(`a:conv-${ida.aad}`))).toContain('Til Ida: rapporten er sendt');
    const waiting = core.notifications.list('pending');
    expect(waiting).toHaveLength(500);
    expect(waiting.every((n) => n.attempts === 1 && n.lastError === 'teams: har ikke skrevet til botten')).toBe(true);
    await close();
  });

  it('gives a notification up after 48 hours of backoff: visible in the CLI and /metrics without its text; delivered at once when the person writes', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const { core, teams, base, close } = await teamsCore({}, { now: () => now });
    const olga = { id: '29:olga', aad: '00000000-0000-0000-0000-0000000000e5', name: 'Olga Superbruger' };
    const p = person(core, 'olga@odense.dk', 'Olga Superbruger', 'Odense', 'superuser');
    expect(core.directory.link(OPERATOR, `teams:${TENANT}:${olga.aad}`, 'olga@odense.dk').ok).toBe(true);
    core.notifications.add(p.id, 'decision.reject', null, note('Hemmelig afvisningsgrund XYZ'));
    const tries: string[] = [];
    for (let i = 0; i < 40 && core.notifications.counts().pending; i++) {
      await teams.notifier.run();
      const row = core.notifications.list()[0]!;
      if (row.nextAttemptAt && row.status === 'pending') {
        tries.push(row.nextAttemptAt);
        now = new Date(Date.parse(row.nextAttemptAt));
      }
    }
    const row = core.notifications.list()[0]!;
    expect(row.status).toBe('undeliverable');
    // Backoff doubles from 1 minute to at most 6 hours; given up after 48 hours.
    const gaps = tries.map((t, i) => (Date.parse(t) - (i ? Date.parse(tries[i - 1]!) : Date.parse('2026-03-02T08:00:00Z'))) / 60_000);
    expect(gaps.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...gaps)).toBe(360);
    expect(now.getTime() - Date.parse('2026-03-02T08:00:00Z')).toBeGreaterThanOrEqual(48 * 3600_000);
    expect(core.metrics.render()).toContain('aula_notifications{state="undeliverable"} 1');
    const cli = await runCli(['notifications', '--status', 'ikke-leveret'], { env: storeEnvOf(core) });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/ikke-leveret\s+Olga Superbruger\s+rapport afvist/);
    expect(cli.stdout).toMatch(/forsøg \d+/);
    expect(cli.stdout).toContain('teams: har ikke skrevet til botten');
    expect(cli.stdout).not.toContain('XYZ');
    const json = JSON.parse((await runCli(['notifications', '--json'], { env: storeEnvOf(core) })).stdout) as { statusLabel: string; person: string }[];
    expect(json).toEqual([expect.objectContaining({ statusLabel: 'ikke-leveret', person: 'Olga Superbruger' })]);
    expect(JSON.stringify(json)).not.toContain('XYZ');
    // Olga writes to the bot: what waited for her is shown now.
    await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity(connector.url, olga, 'status')) });
    await until(() => JSON.stringify(connector.cards(`a:conv-${olga.aad}`)).includes('Hemmelig afvisningsgrund XYZ'), 5000, 'the given-up notification at Olga');
    await until(() => core.notifications.list()[0]?.status === 'delivered', 5000, 'the notification marked delivered');
    expect(core.notifications.list()[0]).toMatchObject({ status: 'delivered', deliveredVia: 'teams' });
    await close();
  });

  it('e-mails an undeliverable notification to the person when SMTP is configured, once', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const sent: { from: string; to: string; subject: string; text: string }[] = [];
    const transport = { sendMail: async (m: { from: string; to: string; subject: string; text: string }) => void sent.push(m) };
    const { core, teams, close } = await teamsCore({ SMTP_HOST: 'smtp.example', FORWARD_EMAIL_FROM: 'aula-support@kommune.example' }, { now: () => now, mailTransport: transport });
    const p = person(core, 'olga@odense.dk', 'Olga Superbruger', 'Odense', 'superuser');
    core.notifications.add(p.id, 'decision.reject', null, note('Din fejlrapport **AULA-1** er afvist.\n\nBegrundelse: Brug'));
    for (let i = 0; i < 40 && core.notifications.counts().pending; i++) {
      await teams.notifier.run();
      now = new Date(now.getTime() + 6 * 3600_000);
    }
    await teams.notifier.run();
    await teams.notifier.run();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: 'aula-support@kommune.example', to: 'olga@odense.dk', subject: 'Aula-supportbotten: rapport afvist' });
    expect(sent[0]!.text).toContain('Din fejlrapport AULA-1 er afvist.');
    expect(sent[0]!.text).toContain('ikke kunne nå dig i Slack eller Teams');
    expect(core.notifications.list()[0]).toMatchObject({ status: 'delivered', deliveredVia: 'email' });
    expect(core.metrics.render()).toContain('aula_notifications{state="undeliverable"} 0');
    await close();
  });
  it('a connector that refuses one person (403) does not stop the others; throttling (429) is waited out: no call before Retry-After', async () => {
    const { core, teams, base, close } = await teamsCore();
    const ida = { id: '29:ida', aad: '00000000-0000-0000-0000-0000000000f6', name: 'Ida Blokeret' };
    const ole = { id: '29:ole', aad: '00000000-0000-0000-0000-0000000000f7', name: 'Ole Olsen' };
    const people: Record<string, Person> = {};
    for (const [u, email] of [[ida, 'ida@odense.dk'], [ole, 'ole@odense.dk']] as const) {
      people[u.aad] = person(core, email, u.name, 'Odense', 'staff');
      expect(core.directory.link(OPERATOR, `teams:${TENANT}:${u.aad}`, email).ok).toBe(true);
      await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity(connector.url, u, 'hej')) });
    }
    await teams.notifier.run();
    connector.override = (c) => (c.method === 'POST' && c.path.includes(`a:conv-${ida.aad}/activities`) ? { status: 403 } : undefined);
    core.notifications.add(people[ida.aad]!.id, 'forwarded', null, note('Til Ida'));
    core.notifications.add(people[ole.aad]!.id, 'forwarded', null, note('Til Ole'));
    await teams.notifier.run();
    expect(JSON.stringify(connector.cards(`a:conv-${ole.aad}`))).toContain('Til Ole');
    expect(core.notifications.list('pending')).toEqual([expect.objectContaining({ personName: 'Ida Blokeret', attempts: 1, lastError: 'teams: HTTP 403' })]);

    // botbuilder's connector client itself waits out a 429's Retry-After; the notifier pauses when it gives up.
    const times: number[] = [];
    let throttled = true;
    connector.override = (c) => {
      if (c.method !== 'POST' || !c.path.includes(`a:conv-${ole.aad}/activities`)) return undefined;
      times.push(Date.now());
      if (!throttled) return undefined;
      throttled = false;
      return { status: 429, headers: { 'retry-after': '2' } };
    };
    core.notifications.add(people[ole.aad]!.id, 'forwarded', null, note('Ole efter grænsen 1'));
    core.notifications.add(people[ole.aad]!.id, 'forwarded', null, note('Ole efter grænsen 2'));
    await teams.notifier.run();
    await teams.notifier.run();
    await until(() => {
      void teams.notifier.run();
      return /Ole efter grænsen 1[\s\S]*Ole efter grænsen 2/.test(JSON.stringify(connector.cards(`a:conv-${ole.aad}`)));
    }, 10_000, 'both cards after Retry-After');
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1990);
    connector.override = undefined;
    await close();
  });
});
