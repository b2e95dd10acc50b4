import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileReport, openReader, person, testCore } from '../harness/core.harness.js';
import { startReceiver, type Receiver } from '../harness/receiver.js';
import { until } from '../harness/until.js';

const SECRET = 'test-secret-0123456789abcdef';
let receiver: Receiver | undefined;
let server: ChildProcess | undefined;

afterEach(async () => {
  server?.kill('SIGKILL');
  server = undefined;
  await receiver?.close();
  receiver = undefined;
});

function approvedReports(env: Record<string, string>, n: number) {
  const core = testCore(env);
  const reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
  const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
  const numbers = Array.from({ length: n }, (_, i) => {
    const number = fileReport(core, reporter, { title: `Fejl nummer ${i + 1} i beskeder` });
    const r = core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
    if (!r.ok) throw new Error(r.message);
    return number;
  });
  return { core, numbers };
}

describe('forwarding through the outbox', () => {
  it('the webhook target is down for a while, then recovers: every report arrives once', async () => {
    receiver = await startReceiver(SECRET);
    receiver.respond = (i) => (i <= 6 ? 503 : 200);
    const { core, numbers } = approvedReports({ FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET }, 3);
    await until(() => {
      void core.outboxWorker.runOnce();
      return core.outbox.list().every((i) => i.status === 'delivered');
    }, 10_000, 'delivery');
    expect([...receiver.processed.values()].sort()).toEqual([...numbers].sort());
    expect(receiver.requests.every((r) => r.validSignature)).toBe(true);
    expect(core.outbox.list().some((i) => i.attempts > 1)).toBe(true);
    for (const n of numbers) expect(core.workflow.get(n)?.status).toBe('forwarded');
    expect(core.logs.text).toMatch(/will retry/);
    await core.close();
  });

  it('a permanent 4xx dead-letters the report and tells the approvers; --retry requeues it', async () => {
    receiver = await startReceiver(SECRET);
    receiver.respond = () => 400;
    const { core, numbers } = approvedReports({ FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET }, 1);
    await core.outboxWorker.runOnce();
    expect(core.outbox.list()[0]?.status).toBe('dead');
    const holder = core.directory.personByEmail('hans@odense.dk')!;
    expect(core.notifications.pending(holder.id).map((n) => n.kind)).toContain('dead_letter');
    receiver.respond = () => 200;
    expect(core.outbox.requeue(core.workflow.get(numbers[0]!)!.id)).toBe(true);
    await core.outboxWorker.runOnce();
    expect(core.workflow.get(numbers[0]!)?.status).toBe('forwarded');
    await core.close();
  });

  it('the server is killed with SIGKILL during delivery and restarted: nothing lost, each report processed once', async () => {
    receiver = await startReceiver(SECRET);
    receiver.delayMs = 400;
    const env = { FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET, OUTBOX_POLL_MS: '50', OUTBOX_LEASE_MS: '1000' };
    const { core, numbers } = approvedReports(env, 8);
    const dbPath = join(core.dir, 'test.db');
    await core.close();
    const start = () =>
      spawn(process.execPath, ['dist/adapters/http/main.js'], {
        env: { PATH: process.env.PATH ?? '', ...env, DATABASE_PATH: dbPath, ...(core.config.DATABASE_URL ? { DATABASE_URL: core.config.DATABASE_URL } : {}), FORWARD_DIR: join(core.dir, 'out'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      });
    server = start();
    await until(() => receiver!.requests.length >= 2, 15_000, 'first deliveries');
    server.kill('SIGKILL');
    const atKill = receiver.requests.length;
    await new Promise((r) => setTimeout(r, 200));
    server = start();
    const db = openReader(core.config.DATABASE_URL ?? dbPath);
    await until(() => (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'delivered'").get() as { n: number }).n === numbers.length, 30_000, 'all delivered after restart');
    const statuses = db.prepare('SELECT number, status FROM reports ORDER BY id').all() as { number: string; status: string }[];
    db.close();
    expect(statuses.map((s) => s.status)).toEqual(numbers.map(() => 'forwarded'));
    expect([...receiver.processed.values()].sort()).toEqual([...numbers].sort());
    // Only deliveries in flight at the kill may be repeated, and the idempotency key makes the receiver drop them.
    expect(receiver.requests.length - numbers.length).toBeLessThanOrEqual(atKill);
    expect(atKill).toBeLessThan(numbers.length);
  });
});
