import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { migrate } from '../../src/store/sqlite/database.js';
import { fileReport, person, reopenCore, testCore } from '../harness/core.harness.js';
import { startReceiver, type Receiver } from '../harness/receiver.js';

const SECRET = 'test-secret-0123456789abcdef';
let receiver: Receiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function people(core: Core) {
  const reporter = core.directory.personByEmail('sara@odense.dk') ?? person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
  const holder = core.directory.personByEmail('hans@odense.dk') ?? person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
  return { reporter, holder };
}

/** File, approve and run the outbox once; returns the number. */
async function fileAndForward(core: Core, title: string): Promise<string> {
  const { reporter, holder } = people(core);
  const number = fileReport(core, reporter, { title });
  const r = core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
  if (!r.ok) throw new Error(r.message);
  await core.outboxWorker.runOnce();
  return number;
}

/** The README's restore: stop the server, copy the backup file back to DATABASE_PATH. */
function restore(dir: string, backup: string): void {
  for (const f of ['test.db-wal', 'test.db-shm']) rmSync(join(dir, f), { force: true });
  copyFileSync(backup, join(dir, 'test.db'));
}

/** Back up, forward report A, restore the backup, return a core on the restored database. */
async function afterRestore(env: Record<string, string>, keepHighWater = true) {
  const core = testCore(env);
  people(core);
  const backup = join(core.dir, 'backup.db');
  await core.backup(backup);
  const a = await fileAndForward(core, 'Fejl A i beskeder');
  expect(core.workflow.get(a)?.status).toBe('forwarded');
  const keyA = core.outbox.list()[0]!.idempotencyKey;
  await core.close();
  restore(core.dir, backup);
  if (!keepHighWater) rmSync(join(core.dir, 'test.db.numbers'));
  const restored = reopenCore(core.dir, env);
  expect(restored.workflow.get(a)).toBeUndefined(); // the restore really went back in time
  return { restored, a, keyA, dir: core.dir };
}

describe('after a backup restore no report is lost or taken for another', () => {
  it('file forwarder: B gets the next number, its own file and its own key; A\'s file is untouched', async () => {
    const { restored, a, keyA, dir } = await afterRestore({});
    const aJson = readFileSync(join(dir, 'outbox', `${a}.json`), 'utf8');
    expect(restored.logs.text).toMatch(/database restored from a backup; report numbers continue after the high-water file/);
    const b = await fileAndForward(restored, 'Fejl B i kalenderen');
    expect(b).not.toBe(a);
    expect(restored.workflow.get(b)?.status).toBe('forwarded');
    const bJson = JSON.parse(readFileSync(join(dir, 'outbox', `${b}.json`), 'utf8')) as Record<string, unknown>;
    expect(bJson).toMatchObject({ title: 'Fejl B i kalenderen', installationId: restored.outbox.installationId });
    expect(bJson.idempotencyKey).not.toBe(keyA);
    expect(bJson.reportUid).not.toBe((JSON.parse(aJson) as Record<string, unknown>).reportUid);
    expect(readFileSync(join(dir, 'outbox', `${a}.json`), 'utf8')).toBe(aJson);
    expect(readFileSync(join(dir, 'outbox', `${b}.txt`), 'utf8')).toMatch(new RegExp(`Aula-supportbot installation ${restored.outbox.installationId}, rapport-id [0-9a-f-]{36}`));
    // The next restart is not taken for another restore.
    await restored.close();
    const again = reopenCore(dir);
    expect(again.logs.text).not.toMatch(/restored from a backup/);
    await again.close();
  });

  it('webhook: the receiver gets B under a new key and a new number', async () => {
    receiver = await startReceiver(SECRET);
    const env = { FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET };
    const { restored, a } = await afterRestore(env);
    const b = await fileAndForward(restored, 'Fejl B i kalenderen');
    expect(b).not.toBe(a);
    expect(restored.workflow.get(b)?.status).toBe('forwarded');
    expect([...receiver.processed.values()]).toEqual([a, b]);
    expect(new Set(receiver.requests.map((r) => r.key)).size).toBe(2);
    await restored.close();
  });

  it('restored WITHOUT the high-water file: the file forwarder continues above the numbers in FORWARD_DIR; a webhook still gets a new key', async () => {
    const { restored, a, dir } = await afterRestore({}, false);
    const aJson = readFileSync(join(dir, 'outbox', `${a}.json`), 'utf8');
    expect(restored.logs.text).toMatch(/WITHOUT its \.numbers high-water file/);
    const b = await fileAndForward(restored, 'Fejl B i kalenderen');
    expect(b).not.toBe(a);
    expect(restored.workflow.get(b)?.status).toBe('forwarded');
    expect(readFileSync(join(dir, 'outbox', `${a}.json`), 'utf8')).toBe(aJson);
    await restored.close();

    receiver = await startReceiver(SECRET);
    const env = { FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET };
    const w = await afterRestore(env, false);
    const wb = await fileAndForward(w.restored, 'Fejl B i kalenderen');
    expect(wb).toBe(w.a); // nothing outside the database remembers the number …
    expect(receiver.processed.size).toBe(2); // … but the key is new, so the receiver does not drop B
    await w.restored.close();
  });

  it('two installations sending to the same receiver and the same FORWARD_DIR never take each other\'s report', async () => {
    receiver = await startReceiver(SECRET);
    const shared = mkdtempSync(join(tmpdir(), 'aula-shared-'));
    const hook = { FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: receiver.url, FORWARD_WEBHOOK_SECRET: SECRET };
    const one = testCore(hook);
    const two = testCore(hook);
    expect(one.outbox.installationId).not.toBe(two.outbox.installationId);
    const n1 = await fileAndForward(one, 'Fejl i kommune et');
    const n2 = await fileAndForward(two, 'Fejl i kommune to');
    expect(n1).toBe(n2); // each database numbers from 1
    expect(receiver.processed.size).toBe(2);
    expect(one.workflow.get(n1)?.status).toBe('forwarded');
    expect(two.workflow.get(n2)?.status).toBe('forwarded');
    await Promise.all([one.close(), two.close()]);

    const f1 = testCore({ FORWARD_DIR: shared });
    const f2 = testCore({ FORWARD_DIR: shared });
    const m1 = await fileAndForward(f1, 'Fejl i kommune et');
    const m2 = await fileAndForward(f2, 'Fejl i kommune to');
    expect(f1.workflow.get(m1)?.status).toBe('forwarded');
    expect(f2.workflow.get(m2)?.status).toBe('approved');
    expect(f2.outbox.list()[0]!.lastError).toContain(`installation ${f1.outbox.installationId}; this is report`);
    expect(f2.outbox.list()[0]!.lastError).toContain(`of installation ${f2.outbox.installationId})`);
    // Not "already written": B is a dead letter the seat holders are told about, and A's file is A's.
    const holder = f2.directory.personByEmail('hans@odense.dk')!;
    expect(f2.notifications.pending(holder.id).map((n) => n.kind)).toContain('dead_letter');
    expect(JSON.parse(readFileSync(join(shared, `${m1}.json`), 'utf8'))).toMatchObject({ title: 'Fejl i kommune et' });
    await Promise.all([f1.close(), f2.close()]);
  });
});

describe('the migration to installation id and report uids', () => {
  it('gives existing reports distinct uids, creates one installation id, and keeps outbox rows', () => {
    const at = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE installation'));
    expect(at).toBeGreaterThan(0);
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.slice(0, at)) db.exec(m);
    db.pragma(`user_version = ${at}`);
    db.prepare("INSERT INTO people (id, email, name, municipality_code, role, created_at, updated_at) VALUES (1, 'a@b.dk', 'A', '461', 'superuser', 'x', 'x')").run();
    for (const id of [1, 2, 3]) {
      db.prepare("INSERT INTO reports (id, number, municipality_code, reporter_id, status, fields, created_at, updated_at) VALUES (?, ?, '461', 1, 'forwarded', '{}', 'x', 'x')").run(id, `AULA-2026-00000${id}`);
    }
    db.prepare("INSERT INTO outbox (report_id, idempotency_key, status, next_attempt_at, created_at) VALUES (1, 'old-key', 'delivered', 'x', 'x')").run();
    migrate(db);
    const uids = db.prepare('SELECT uid FROM reports').all() as { uid: string }[];
    expect(new Set(uids.map((u) => u.uid)).size).toBe(3);
    expect(db.prepare("SELECT value FROM installation WHERE key = 'id'").get()).toEqual({ value: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    expect(db.prepare('SELECT report_id, kind, idempotency_key, status FROM outbox').all()).toEqual([{ report_id: 1, kind: 'report', idempotency_key: 'old-key', status: 'delivered' }]);
    db.close();
  });
});
