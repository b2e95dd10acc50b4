import { connect, type Socket } from 'node:net';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/slack.app.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { until } from '../harness/until.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { signedHeaders } from '../slack/slack.payloads.js';

/** Issue 11 item 9: bounded buffering, connections and time per unauthenticated client; private files. */
const SECRET = 'limits-signing-secret';
const CAP = 8;
const fake = new FakeSlack();
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let slack: SlackAdapter;
let port = 0;

beforeAll(async () => {
  await fake.start();
  core = testCore({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-limits', SLACK_API_URL: `${fake.url}/api/` });
  // Short limits for the test; production defaults are in DEFAULT_HTTP_LIMITS.
  http = new HttpServer(core, { maxConnections: CAP, idleTimeoutMs: 1500, headersTimeoutMs: 1000, requestTimeoutMs: 2000, checkIntervalMs: 200 });
  slack = mountSlack(core, http, { notifyIntervalMs: 60_000 })!;
  port = await http.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await slack.stop();
  http.server.closeAllConnections();
  await http.close();
  await core.close();
  await fake.stop();
});

function openIdle(n: number): Promise<{ socket: Socket; closed: boolean }[]> {
  return Promise.all(
    Array.from({ length: n }, () => new Promise<{ socket: Socket; closed: boolean }>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const entry = { socket, closed: false };
      socket.on('close', () => (entry.closed = true));
      socket.on('error', () => undefined);
      socket.resume(); // read, so that the server's close is seen
      socket.once('connect', () => resolve(entry));
    })),
  );
}

describe('bounded resources', () => {
  it('idle connections beyond the cap do not lock out a real request, and idle ones are closed after the timeout', async () => {
    const idle = await openIdle(CAP * 3);
    // A half-sent request (headers never finished), the slowloris way.
    const slow = (await openIdle(1))[0]!;
    slow.socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slack-Signature: v0=');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    // Shed above the cap: at most CAP connections stay open at once.
    await until(() => idle.filter((c) => !c.closed).length <= CAP, 5000, 'the oldest idle connections shed above the cap');
    // And the rest time out: nothing idle or half-sent is kept.
    await until(() => idle.every((c) => c.closed) && slow.closed, 10_000, () => `idle connections closed (${idle.filter((c) => !c.closed).length} still open)`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 20_000);

  it('buffers at most 64 KB of a Slack request before its signature is checked', async () => {
    const body = `payload=${'x'.repeat(70 * 1024)}`;
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(413);
    const signed = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body, 'application/x-www-form-urlencoded'), body });
    expect(signed.status).toBe(413);
  });

  it('creates the database, its -wal and -shm and backups owner-only (0600); forwarded files stay 0640', async () => {
    const mode = (f: string) => statSync(f).mode & 0o777;
    const db = core.config.DATABASE_PATH;
    expect(mode(db)).toBe(0o600);
    for (const f of [`${db}-wal`, `${db}-shm`]) if (existsSync(f)) expect(mode(f)).toBe(0o600);
    expect(existsSync(`${db}-wal`)).toBe(true);
    const backup = join(core.dir, 'backups', 'backup.db');
    await core.backup(backup);
    expect(mode(backup)).toBe(0o600);

    const reporter = person(core, 'sara@odense.dk', 'Sara Superbruger', 'Odense', 'superuser');
    const holder = person(core, 'hans@odense.dk', 'Hans Holder', 'Odense', 'staff', true);
    const number = fileReport(core, reporter);
    expect(core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve').ok).toBe(true);
    await core.outboxWorker.runOnce();
    const out = join(core.dir, 'outbox');
    const files = readdirSync(out).filter((f) => f.startsWith(number));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(mode(join(out, f))).toBe(0o640);
  });
});
