import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createCore, type Core } from '../../src/core.js';
import { MIGRATION_LOCK_KEY } from '../../src/store/postgres/pg.open.js';
import { PgSync } from '../../src/store/postgres/pg.sync.js';
import { fileReport, person } from '../harness/core.harness.js';
import { usePostgres } from '../harness/pg-store.js';
import { race } from '../harness/race.js';
import { startReceiver, type Receiver } from '../harness/receiver.js';
import { health, startReplica, type Replica } from '../harness/replica.js';
import { until } from '../harness/until.js';

/**
 * Several machines on one PostgreSQL database (issue 15): real server processes and separate core
 * processes racing on the same rows. Approvals come from core processes (no chat platform here);
 * delivery is done by the server replicas' outbox workers.
 */
const pg = usePostgres();
const SECRET = 'replica-test-secret-0123456789';
let replicas: Replica[] = [];
let receiver: Receiver | undefined;
const cores: Core[] = [];

afterEach(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  replicas = [];
  await receiver?.close();
  receiver = undefined;
  for (const c of cores.splice(0)) await c.close();
});

function coreOn(url: string, env: Record<string, string> = {}): Core {
  const core = createCore(loadConfig({ DATABASE_URL: url, KNOWLEDGE_DIR: 'knowledge', ...env }), pino({ level: 'silent' }));
  cores.push(core);
  return core;
}

const webhook = (r: Receiver) => ({ FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: r.url, FORWARD_WEBHOOK_SECRET: SECRET, OUTBOX_POLL_MS: '50', OUTBOX_LEASE_MS: '1500' });

describe('several replicas on one PostgreSQL database', () => {
  it('8 seat holders approving one report at once in separate processes, 3 server replicas delivering: exactly one forward', async () => {
    const url = await pg.url();
    receiver = await startReceiver(SECRET);
    const core = coreOn(url);
    const reporter = person(core, 'sara@koebenhavn.dk', 'Sara', 'København', 'superuser');
    const holders = Array.from({ length: 8 }, (_, i) => person(core, `h${i}@koebenhavn.dk`, `Holder ${'ABCDEFGH'[i]}`, '101', 'staff', true));
    const number = fileReport(core, reporter);
    replicas = await Promise.all([0, 1, 2].map(() => startReplica({ DATABASE_URL: url, ...webhook(receiver!) })));
    const results = await race<{ ok: boolean; code?: string; message?: string }>('test/harness/approve-child.mjs', holders.map((h) => [url, h.email, number]));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const l of results.filter((r) => !r.ok)) expect(l.code).toBe('already_decided');
    await until(() => core.workflow.get(number)?.status === 'forwarded', 20_000, 'the report to be forwarded');
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong second delivery to show up
    expect(receiver.requests.map((r) => r.number)).toEqual([number]);
    expect(core.outbox.list()).toHaveLength(1);
    expect(core.audit.list().filter((e) => e.action === 'report.approve' && e.outcome === 'ok')).toHaveLength(1);
  }, 90_000);

  it('6 replicas assigning seats in Ærø (quota 3) at once never exceed the quota', async () => {
    const url = await pg.url();
    const core = coreOn(url);
    const people = Array.from({ length: 6 }, (_, i) => person(core, `p${i}@aeroe.dk`, `Person ${'ABCDEF'[i]}`, 'Ærø', 'staff'));
    const results = await race<{ ok: boolean; message?: string }>('test/harness/seat-child.mjs', people.map((p) => [url, 'Ærø', p.email]));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((x) => !x.ok)) expect(r.message).toMatch(/3/);
    expect(core.directory.seats('492')[0]?.seats).toHaveLength(3);
  }, 90_000);

  it('kill -9 of one replica during delivery: every report is delivered, each processed once by its key', async () => {
    const url = await pg.url();
    receiver = await startReceiver(SECRET);
    receiver.delayMs = 300;
    const core = coreOn(url, webhook(receiver));
    const reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
    const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
    const numbers = Array.from({ length: 12 }, (_, i) => {
      const n = fileReport(core, reporter, { title: `Fejl nummer ${i + 1} i beskeder` });
      const r = core.workflow.decide({ kind: 'person', person: holder, identity: 'local:hans@odense.dk' }, n, 'approve');
      if (!r.ok) throw new Error(r.message);
      return n;
    });
    replicas = await Promise.all([0, 1, 2].map(() => startReplica({ DATABASE_URL: url, ...webhook(receiver!) })));
    await until(() => receiver!.requests.length >= 2, 20_000, 'first deliveries');
    replicas[0]!.child.kill('SIGKILL');
    await until(() => core.outbox.list().every((i) => i.status === 'delivered'), 40_000, () => `all delivered (${core.outbox.list().filter((i) => i.status === 'delivered').length}/12)`);
    expect(numbers.map((n) => core.workflow.get(n)?.status)).toEqual(numbers.map(() => 'forwarded'));
    expect([...receiver.processed.values()].sort()).toEqual([...numbers].sort());
    expect(new Set(receiver.requests.map((r) => r.key)).size).toBe(12);
    // Only what the killed replica had in flight may arrive twice (same key): at most its batch.
    expect(receiver.requests.length - 12).toBeLessThanOrEqual(10);
  }, 120_000);

  it('a replica started while another one migrates waits, then serves', async () => {
    const url = await pg.url();
    const holder = new PgSync(url);
    try {
      holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const replica = await startReplica({ DATABASE_URL: url });
      replicas = [replica];
      await until(() => replica.output().includes('another replica is migrating the database; waiting'), 20_000, 'the waiting line');
      expect(await health(replica.port)).toBeUndefined();
      holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    } finally {
      holder.close();
    }
    let h: Awaited<ReturnType<typeof health>>;
    const end = Date.now() + 30_000;
    while (!(h = await health(replicas[0]!.port)) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    expect(h).toMatchObject({ status: 200 });
    const core = coreOn(url);
    expect(core.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
  }, 90_000);
});
