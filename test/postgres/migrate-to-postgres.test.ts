import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createCore } from '../../src/core.js';
import { SqliteQuestionLog } from '../../src/store/sqlite/question-log.sqlite-repository.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { usePostgres } from '../harness/pg-store.js';
import { runCli } from '../harness/run-cli.js';

const pg = usePostgres();

describe('aula-support migrate-to-postgres', () => {
  it('copies people, seats, reports, outbox, audit and questions, keeps ids and numbers, counts every table, and refuses a second copy', async () => {
    const sqlite = testCore();
    const reporter = person(sqlite, 'sara@odense.dk', 'Sara Sørensen', 'Odense', 'superuser');
    const holder = person(sqlite, 'hans@odense.dk', 'Hans Hansen', 'Odense', 'staff', true);
    const first = fileReport(sqlite, reporter);
    const second = fileReport(sqlite, reporter, { title: 'Kalenderen viser forkert uge' });
    expect(sqlite.workflow.decide({ kind: 'person', person: holder, identity: 'local:hans@odense.dk' }, first, 'approve').ok).toBe(true);
    new SqliteQuestionLog(sqlite.db).record({ question: 'hvordan logger jeg ind', outcome: 'answered', entryId: 'login-foraelder-mitid', score: 0.9, identity: null, channel: 'cli' });
    const installation = sqlite.outbox.installationId;
    const key = sqlite.outbox.list()[0]!.idempotencyKey;
    const audits = sqlite.audit.list().length;
    await sqlite.close();

    const url = await pg.url();
    const dbPath = join(sqlite.dir, 'test.db');
    const run = await runCli(['migrate-to-postgres'], { env: { DATABASE_PATH: dbPath, DATABASE_URL: url } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^people\s+2\s+2$/m);
    expect(run.stdout).toMatch(/^reports\s+2\s+2$/m);
    expect(run.stdout).toMatch(/^outbox\s+1\s+1$/m);
    expect(run.stdout).toMatch(/^questions\s+1\s+1$/m);
    expect(run.stdout).toMatch(/Alle \d+ rækker er kopieret og talt efter/);
    expect(run.stdout).not.toContain('FORSKEL');

    const core = createCore(loadConfig({ DATABASE_URL: url, KNOWLEDGE_DIR: 'knowledge', FORWARD_DIR: join(sqlite.dir, 'pg-out') }), pino({ level: 'silent' }));
    try {
      expect(core.outbox.installationId).toBe(installation);
      expect(core.outbox.list().map((i) => i.idempotencyKey)).toEqual([key]);
      expect(core.workflow.get(first)?.status).toBe('approved');
      expect(core.directory.personByEmail('HANS@odense.dk')?.name).toBe('Hans Hansen');
      expect(core.directory.seats('461')[0]?.seats.map((s) => s.person.email)).toEqual(['hans@odense.dk']);
      expect(core.audit.list()).toHaveLength(audits);
      // New rows continue after the copied ids and numbers.
      const sara = core.directory.personByEmail('sara@odense.dk')!;
      const third = fileReport(core, sara, { title: 'Galleriet viser ingen billeder' });
      expect(third).toBe(second.replace(/\d{6}$/, (n) => String(Number(n) + 1).padStart(6, '0')));
      expect(core.workflow.get(third)!.id).toBe(3);
    } finally {
      await core.close();
    }

    const again = await runCli(['migrate-to-postgres'], { env: { DATABASE_PATH: dbPath, DATABASE_URL: url } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/PostgreSQL-databasen er ikke tom \(people, reports[^)]*\)\. Kopiér kun til en ny, tom database\./);
  }, 60_000);

  it('says what to set when DATABASE_URL is missing or PostgreSQL cannot be reached', async () => {
    const missing = await runCli(['migrate-to-postgres']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Sæt DATABASE_URL til den tomme PostgreSQL-database/);
    const sqlite = testCore();
    await sqlite.close();
    const down = await runCli(['migrate-to-postgres'], { env: { DATABASE_PATH: join(sqlite.dir, 'test.db'), DATABASE_URL: 'postgres://aula:hemmeligt@127.0.0.1:1/aula' } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/PostgreSQL kan ikke nås med DATABASE_URL/);
    expect(down.stderr + down.stdout).not.toContain('hemmeligt');
  }, 60_000);
});
