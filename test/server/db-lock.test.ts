import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/slack.app.js';
import { mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { OPERATOR, person, testCore } from '../harness/core.harness.js';
import { until } from '../harness/until.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { imEvent, signedHeaders, slashCommand } from '../slack/slack.payloads.js';
import { FakeConnector } from '../teams/fake-connector.js';
import { messageActivity, TENANT } from '../teams/teams.activities.js';

/**
 * Issue 11 item 8: while another process holds the database's write lock, the server still
 * answers: /healthz says "locked", a Slack command gets its answer (its question-log write is
 * retried after the lock is gone), a Slack event is acked and handled after, a Teams message gets
 * "prøv igen om lidt". Every answer must arrive before the lock is released: arrival times are
 * compared with the release time the lock holder reports, not with a fixed threshold.
 */
const SECRET = 'lock-test-signing-secret';
const HOLD_MS = 5000;
const fake = new FakeSlack();
const connector = new FakeConnector();
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let teams: TeamsAdapterHandle;
let base = '';
const tove = { id: '29:tove', aad: '00000000-0000-0000-0000-0000000000e5', name: 'Tove Teams' };

beforeAll(async () => {
  await fake.start();
  await connector.start();
  // The server's short busy timeout (adapters/http/main.ts passes the same kind of value).
  core = testCore({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-lock', SLACK_API_URL: `${fake.url}/api/` }, { busyTimeoutMs: 300 });
  http = new HttpServer(core);
  slack = mountSlack(core, http, { notifyIntervalMs: 60_000 })!;
  teams = mountTeams(core, http, { notifyIntervalMs: 60_000 });
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  person(core, 'mads@aeroe.dk', 'Mads Medarbejder', 'Ærø', 'staff');
  person(core, 'tove@aeroe.dk', 'Tove Teams', 'Ærø', 'superuser');
  fake.users.set('UMADS', { email: 'mads@aeroe.dk', name: 'Mads Medarbejder' });
  const r = core.directory.link(OPERATOR, `teams:${TENANT}:${tove.aad}`, 'tove@aeroe.dk');
  if (!r.ok) throw new Error(r.message);
});

afterAll(async () => {
  await slack.stop();
  await teams.stop();
  await http.close();
  await core.close();
  await fake.stop();
  await connector.stop();
});

/** Another process takes the write lock (BEGIN EXCLUSIVE) for `ms`; `released` resolves with the wall-clock time it let go. */
function holdExclusiveLock(dbPath: string, ms: number): Promise<{ released: Promise<number> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(dbPath)});
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    const at = Date.now();
    db.exec('COMMIT');
    process.stdout.write('released ' + at + '\\n');
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const released = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /released (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`lock holder exited ${code}`))));
  });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({ released }));
    child.once('error', reject);
  });
}

const questions = () => (core.db.prepare('SELECT COUNT(*) AS n FROM questions').get() as { n: number }).n;

describe('a write lock held by another process', () => {
  it('does not freeze the server: /healthz, a Slack command, a Slack event and a Teams message are all answered before the lock is released', async () => {
    const before = questions();
    const lock = await holdExclusiveLock(join(core.dir, 'test.db'), HOLD_MS);
    const arrivals: Record<string, number> = {};

    const health = await fetch(`${base}/healthz`);
    arrivals.healthz = Date.now();
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', database: 'locked', detail: 'degraded: database locked' });

    const cmd = slashCommand('/aula', 'Hvor mange supportberettigede har Odense?', 'UMADS', `${fake.url}/response/lock`);
    const ack = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, cmd, 'application/x-www-form-urlencoded'), body: cmd });
    const answer = await ack.text();
    arrivals.slackCommand = Date.now();
    expect(ack.status).toBe(200);
    expect(answer).toContain('*15*');

    const ev = imEvent('UMADS', 'hvem må kontakte netcompany', 'EvLock1');
    const evAck = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, ev, 'application/json'), body: ev });
    await evAck.text();
    arrivals.slackEvent = Date.now();
    expect(evAck.status).toBe(200);

    const teamsRes = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity(connector.url, tove, 'fejl')) });
    await teamsRes.text();
    await until(() => JSON.stringify(connector.calls).includes('Prøv igen om lidt'), HOLD_MS, 'the Teams "prøv igen om lidt" reply');
    arrivals.teamsReply = Date.now();

    const releasedAt = await lock.released;
    for (const [what, at] of Object.entries(arrivals)) expect({ what, beforeRelease: at < releasedAt }).toEqual({ what, beforeRelease: true });

    // After the lock: the question log entry and the Slack event's answer were retried, nothing lost.
    await until(() => questions() >= before + 2, 15_000, 'the retried question-log writes');
    await until(() => fake.callsOf('chat.postMessage').some((p) => p.channel === 'DUMADS'), 15_000, 'the retried Slack event answer');
    expect(core.busyRetry.size).toBe(0);
  }, 40_000);
});
