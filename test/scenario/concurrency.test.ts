import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { tempDbPath } from '../harness/run-cli.js';
import { race } from '../harness/race.js';

describe('concurrent approvals', () => {
  it('many seat holders approving the same report at once in separate processes give exactly one forward', async () => {
    const core = testCore();
    const reporter = person(core, 'sara@koebenhavn.dk', 'Sara', 'København', 'superuser');
    const holders = Array.from({ length: 8 }, (_, i) => person(core, `h${i}@koebenhavn.dk`, `Holder ${'ABCDEFGH'[i]}`, '101', 'staff', true));
    const number = fileReport(core, reporter);
    const dbPath = core.config.DATABASE_URL ?? join(core.dir, 'test.db');
    const results = await race<{ ok: boolean; code?: string; message?: string }>('test/harness/approve-child.mjs', holders.map((h) => [dbPath, h.email, number]));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(7);
    for (const l of losers) {
      expect(l.code).toBe('already_decided');
      expect(l.message).toMatch(new RegExp(`${number} er allerede godkendt af Holder [A-H]`));
    }
    expect(core.outbox.list()).toHaveLength(1);
    expect(core.audit.list().filter((e) => e.action === 'report.approve' && e.outcome === 'ok')).toHaveLength(1);
    expect(core.directory.seats('101')[0]?.seats).toHaveLength(8);
    await core.close();
  });
});

// SQLite files only; the PostgreSQL twin is in test/postgres/replicas.test.ts.
describe.skipIf(Boolean(inject('pgAdminUrl')))('processes starting together on a new database', () => {
  it('apply every migration exactly once (cluster workers, the CLI beside the server)', async () => {
    const path = tempDbPath();
    const results = await race<{ ok: boolean; version?: number; error?: string }>('test/harness/open-child.mjs', Array.from({ length: 6 }, () => [path]));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toEqual(Array.from({ length: 6 }, () => ({ ok: true, version: MIGRATIONS.length })));
  });
});
