import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileReport, openReader, person, reopenCore, testCore } from '../harness/core.harness.js';
import { startReceiver, type Receiver } from '../harness/receiver.js';

const SECRET = 'test-secret-0123456789abcdef';
let receiver: Receiver | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await receiver?.close();
  receiver = undefined;
});

function approvedReport(env: Record<string, string>) {
  const core = testCore(env);
  const reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
  const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
  const number = fileReport(core, reporter);
  const r = core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
  if (!r.ok) throw new Error(r.message);
  return { core, number };
}

describe('delivered in the outbox and forwarded on the report: one transaction', () => {
  it('a fault after delivery, inside the transaction, leaves both unmarked; the retry redelivers by key and the report becomes forwarded once', async () => {
    receiver = await startReceiver(SECRET);
    const { core, number } = approvedReport({ FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET });
    vi.spyOn(core.delivery, 'markForwarded').mockImplementationOnce(() => {
      throw new Error('injected fault after delivery');
    });
    await core.outboxWorker.runOnce();
    expect(receiver.requests).toHaveLength(1);
    // Neither half was recorded: not "delivered but approved for good".
    expect(core.outbox.list().map((i) => i.status)).toEqual(['pending']);
    expect(core.workflow.get(number)?.status).toBe('approved');
    expect(core.logs.text).toMatch(/delivered but could not record it/);
    await new Promise((r) => setTimeout(r, 20)); // past the (test-sized) backoff
    await core.outboxWorker.runOnce();
    expect(receiver.requests.map((r) => r.key)).toEqual([receiver.requests[0]!.key, receiver.requests[0]!.key]);
    expect([...receiver.processed.values()]).toEqual([number]);
    expect(core.outbox.list().map((i) => i.status)).toEqual(['delivered']);
    expect(core.workflow.get(number)?.status).toBe('forwarded');
    expect(core.audit.list({ limit: 100 }).filter((e) => e.action === 'report.forwarded')).toHaveLength(1);
    await core.close();
  });

  it('a process killed with SIGKILL between delivery and marking: after restart the report is forwarded exactly once', async () => {
    receiver = await startReceiver(SECRET);
    const env = { FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET, OUTBOX_LEASE_MS: '1000' };
    const { core, number } = approvedReport(env);
    const dbPath = core.config.DATABASE_URL ?? join(core.dir, 'test.db');
    await core.close();

    const child = spawn(process.execPath, ['test/harness/crash-after-deliver-child.mjs', dbPath, receiver.url, SECRET], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
    expect({ signal, out }).toEqual({ signal: 'SIGKILL', out: '' });
    expect(receiver.requests).toHaveLength(1);

    const db = openReader(dbPath);
    expect(db.prepare('SELECT status FROM outbox').all()).toEqual([{ status: 'pending' }]);
    expect(db.prepare('SELECT status FROM reports WHERE number = ?').get(number)).toEqual({ status: 'approved' });
    db.close();

    await new Promise((r) => setTimeout(r, 1100)); // the dead process's lease runs out
    const restarted = reopenCore(core.dir, env);
    await restarted.outboxWorker.runOnce();
    expect(restarted.workflow.get(number)?.status).toBe('forwarded');
    expect(restarted.outbox.list().map((i) => i.status)).toEqual(['delivered']);
    // Delivered twice under one key; the receiver processed it once.
    expect(new Set(receiver.requests.map((r) => r.key)).size).toBe(1);
    expect([...receiver.processed.values()]).toEqual([number]);
    expect(restarted.notifications.pending(restarted.workflow.get(number)!.reporterId).filter((n) => n.kind === 'forwarded')).toHaveLength(1);
    await restarted.close();
  });
});
