import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/slack.app.js';
import { reply, text } from '../../src/bot/bot.types.js';
import type { Person } from '../../src/directory/directory.types.js';
import { person, testCore } from '../harness/core.harness.js';
import { until } from '../harness/until.js';
import { FakeSlack } from './fake-slack.js';
import { imEvent, signedHeaders } from './slack.payloads.js';

// Notification delivery over the fake Slack Web API: unreachable people never hold up the rest,
// look-ups for them are bounded, and Slack's Retry-After stops the pass.

const fake = new FakeSlack();
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let hans: Person;
const ghosts: Person[] = [];

beforeAll(async () => {
  await fake.start();
  core = testCore({ SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: `${fake.url}/api/` });
  http = new HttpServer(core);
  slack = mountSlack(core, http, { notifyIntervalMs: 3_600_000 })!;
  hans = person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff');
  fake.users.set('UHANS', { email: 'hans@aeroe.dk', name: 'Hans Holder' });
  // Five people with no Slack account.
  for (let i = 0; i < 5; i++) ghosts.push(person(core, `ghost${i}@aeroe.dk`, `Ghost ${"ABCDEFGHIJ"[i]}`, 'Ærø', 'staff'));
});

afterAll(async () => {
  await slack.stop();
  await core.close();
  await fake.stop();
});

const note = (markdown: string) => reply(text(markdown));
const dmsTo = (user: string) => fake.callsOf('chat.postMessage').filter((p) => p.channel === user);
const lookupsOf = (email: string) => fake.callsOf('users.lookupByEmail').filter((p) => p.email === email).length;

describe('Slack notification delivery', () => {
  it('delivers the one reachable notification in the first pass behind 500 unreachable ones, and looks each unreachable person up once', async () => {
    for (let i = 0; i < 500; i++) core.notifications.add(ghosts[i % 5]!.id, 'forwarded', null, note(`Gammel besked ${i}`));
    core.notifications.add(hans.id, 'forwarded', null, note('Til Hans: rapporten er sendt'));
    await slack.notifier.run();
    expect(dmsTo('UHANS').map((p) => JSON.stringify(p.blocks)).join('')).toContain('Til Hans: rapporten er sendt');
    for (const g of ghosts) expect(lookupsOf(g.email)).toBe(1);
    // The unreachable ones wait with a visible reason and a next attempt.
    const waiting = core.notifications.list('pending');
    expect(waiting).toHaveLength(500);
    expect(waiting.every((n) => n.attempts === 1 && n.lastError?.includes('ingen Slack-bruger') && n.nextAttemptAt! > new Date().toISOString())).toBe(true);
  });

  it('does not look an unreachable person up again on later passes, nor for a new notification to them', async () => {
    const before = fake.callsOf('users.lookupByEmail').length;
    core.notifications.add(ghosts[0]!.id, 'submitted', null, note('Ny besked til en uden Slack'));
    for (let i = 0; i < 5; i++) await slack.notifier.run();
    expect(fake.callsOf('users.lookupByEmail').length).toBe(before);
  });

  it('someone who had no Slack account joins and writes to the bot: what waited for them (backed off) is delivered at once', async () => {
    const late = ghosts[4]!;
    core.notifications.add(late.id, 'forwarded', null, note('Til den nye: rapporten er sendt'));
    await slack.notifier.run();
    const row = () => core.notifications.list().filter((n) => n.personId === late.id);
    expect(row().every((n) => n.status === 'pending' && n.nextAttemptAt! > new Date().toISOString())).toBe(true);
    fake.users.set('ULATE', { email: late.email, name: late.name });
    const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    const body = imEvent('ULATE', 'hej', 'Ev-late-1');
    expect((await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders('slack-signing-secret-for-tests', body, 'application/json'), body })).status).toBe(200);
    // No waiting for the 1 to 6 hours of backoff: the message itself makes them due and runs a pass.
    await until(() => dmsTo('ULATE').some((p) => JSON.stringify(p.blocks).includes('Til den nye: rapporten er sendt')), 5000, 'the waiting notification at the new Slack user');
    await until(() => row().every((n) => n.status === 'delivered'), 5000, 'all of their notifications delivered');
    await http.close();
  });

  it('stops the pass on HTTP 429 and makes no further call before Retry-After has passed', async () => {
    let limited = true;
    const callTimes: number[] = [];
    fake.override = (method) => {
      callTimes.push(Date.now());
      if (limited && method === 'chat.postMessage') {
        limited = false;
        return { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } };
      }
      return undefined;
    };
    core.notifications.add(hans.id, 'forwarded', null, note('Første efter grænsen'));
    core.notifications.add(hans.id, 'forwarded', null, note('Anden efter grænsen'));
    await slack.notifier.run();
    // One call, answered 429; the second notification was not attempted.
    expect(callTimes).toHaveLength(1);
    // Passes during the pause call nothing.
    for (let i = 0; i < 3; i++) await slack.notifier.run();
    await until(() => {
      void slack.notifier.run();
      return dmsTo('UHANS').filter((p) => /efter grænsen/.test(JSON.stringify(p.blocks))).length === 3;
    }, 10_000, 'both notifications after Retry-After');
    expect(callTimes).toHaveLength(3);
    // Every call after the refused one came after Retry-After (2 s).
    expect(callTimes[1]! - callTimes[0]!).toBeGreaterThanOrEqual(1990);
    fake.override = undefined;
  });
});
