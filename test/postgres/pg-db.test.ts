import { escapeMarkdown } from '../../src/text/markup.js';
import { spawn } from 'node:child_process';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { loadConfig } from '../../src/config/config.js';
import { createCore } from '../../src/core.js';
import { PgDb, toPostgresSql, WRITE_LOCK_KEY } from '../../src/store/postgres/pg.db.js';
import { openPostgres } from '../../src/store/postgres/pg.open.js';
import { runExclusive } from '../../src/store/exclusive.js';
import { PgSync } from '../../src/store/postgres/pg.sync.js';
import { isBusy } from '../../src/store/sqlite/database.js';
import { fileReport, person, textOf } from '../harness/core.harness.js';
import { usePostgres } from '../harness/pg-store.js';
import { freePort } from '../harness/replica.js';
import { until } from '../harness/until.js';

const pg = usePostgres();

describe('SQL as the repositories write it, for PostgreSQL', () => {
  it('numbers placeholders outside string literals, makes COLLATE NOCASE a lower() comparison, and quotes camelCase aliases everywhere they are used', () => {
    expect(toPostgresSql("SELECT * FROM reports WHERE number = ? COLLATE NOCASE AND x = 'a?b' AND y IN (?, ?)")).toBe("SELECT * FROM reports WHERE lower(number) = lower($1) AND x = 'a?b' AND y IN ($2, $3)");
    expect(toPostgresSql('SELECT entry_id AS entryId, SUM(1 - helpful) AS notHelpful FROM f GROUP BY entry_id ORDER BY notHelpful DESC')).toBe('SELECT entry_id AS "entryId", SUM(1 - helpful) AS "notHelpful" FROM f GROUP BY entry_id ORDER BY "notHelpful" DESC');
    expect(toPostgresSql('SELECT id FROM n WHERE instr(missed_by, ?) = 0')).toBe('SELECT id FROM n WHERE strpos(missed_by, $1) = 0');
  });
});

describe('PgDb', () => {
  it('a failing nested transaction rolls back to its savepoint and the outer one commits', () => {
    const db = pg.fresh();
    db.transaction(() => {
      db.prepare("INSERT INTO installation (key, value) VALUES ('outer', '1')").run();
      expect(() => db.transaction(() => {
        db.prepare("INSERT INTO installation (key, value) VALUES ('inner', '1')").run();
        throw new Error('inner fails');
      })()).toThrow('inner fails');
      expect(db.inTransaction).toBe(true);
    })();
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT key FROM installation WHERE key IN ('outer', 'inner') ORDER BY key").all()).toEqual([{ key: 'outer' }]);
  });

  it('refuses a transaction function that returns a promise, and rolls it back', () => {
    const db = pg.fresh();
    expect(() => db.transaction(async () => db.prepare("INSERT INTO installation (key, value) VALUES ('async', '1')").run())()).toThrow(/promise/);
    expect(db.prepare("SELECT key FROM installation WHERE key = 'async'").get()).toBeUndefined();
  });

  it('waiting longer than lock_timeout for another replica\'s write lock is "busy" (retried later), not a fault', async () => {
    const url = await pg.url();
    openPostgres(url).close();
    const other = new PgSync(url);
    const db = new PgDb(url, { lockTimeoutMs: 200 });
    try {
      other.query('BEGIN');
      other.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
      let caught: unknown;
      try {
        db.transaction(() => db.prepare("INSERT INTO installation (key, value) VALUES ('late', '1')").run())();
      } catch (err) {
        caught = err;
      }
      expect(isBusy(caught)).toBe(true);
      other.query('ROLLBACK');
      db.transaction(() => db.prepare("INSERT INTO installation (key, value) VALUES ('late', '1')").run())();
      expect(db.prepare("SELECT value FROM installation WHERE key = 'late'").get()).toEqual({ value: '1' });
    } finally {
      other.close();
      db.close();
    }
  });
});

/** A TCP pass-through to PostgreSQL (test/harness/outage-proxy.mjs) that the test can cut and restore. */
async function outageProxy(target: URL): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['test/harness/outage-proxy.mjs', String(port), target.hostname, target.port], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const answered = async (n: number) => until(() => out.split('\n').filter(Boolean).length >= n, 10_000, 'the proxy');
  await answered(1);
  let lines = 1;
  const command = async (cmd: string) => {
    child.stdin.write(`${cmd}\n`);
    await answered(++lines);
  };
  const url = new URL(target.toString());
  url.host = `127.0.0.1:${port}`;
  return { url: url.toString(), cut: () => command('cut'), restore: () => command('restore'), close: () => child.kill() };
}

describe('periodic work on several replicas', () => {
  it('runs on one replica at a time: the other skips the round while the first holds the lock, and runs once it is done', async () => {
    const url = await pg.url();
    openPostgres(url).close();
    const a = new PgDb(url);
    const b = new PgDb(url);
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first = runExclusive(a, 'notify-teams', async () => {
        await held;
        return 'a ran';
      });
      expect(await runExclusive(b, 'notify-teams', async () => 'b ran')).toBeUndefined();
      expect(await runExclusive(b, 'retention', async () => 'b ran retention')).toBe('b ran retention');
      release();
      expect(await first).toBe('a ran');
      expect(await runExclusive(b, 'notify-teams', async () => 'b ran')).toBe('b ran');
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('when PostgreSQL cannot be reached', () => {
  it('/healthz answers 503, the bot apologises in Danish and gives the typed text back, and nothing stored is lost', async () => {
    const proxy = await outageProxy(new URL(await pg.url()));
    const core = createCore(loadConfig({ DATABASE_URL: proxy.url, KNOWLEDGE_DIR: 'knowledge' }), pino({ level: 'silent' }));
    const http = new HttpServer(core);
    const port = await http.listen(0, '127.0.0.1');
    const say = async (text: string) =>
      textOf(await core.bot.handle({ type: 'message', actor: { identity: 'local:sara@odense.dk', email: 'sara@odense.dk' }, conversation: { channel: 'test', id: 'c1' }, text }));
    try {
      const sara = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
      const number = fileReport(core, sara);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      await proxy.cut();
      const down = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ database: 'error' });
      const said = await say('Hvordan nulstiller jeg min kode? Barnets cpr er 010203-1234');
      expect(said).toMatch(/Beklager, jeg kan ikke nå min database lige nu, så jeg har ikke gemt noget fra denne besked/);
      expect(said).toMatch(/Det du skrev, så du kan sende det igen:/);
      expect(said).toContain('Hvordan nulstiller jeg min kode?');
      expect(said).not.toContain('010203-1234');
      // The text given back is the person's own, shown literally: no mention, link or formatting.
      const typed = 'Hjælp <!channel> **fed** [klik](https://evil.example)';
      const marked = await core.bot.handle({ type: 'message', actor: { identity: 'local:sara@odense.dk', email: 'sara@odense.dk' }, conversation: { channel: 'test', id: 'c1' }, text: typed });
      expect(JSON.stringify(marked)).toContain(JSON.stringify(escapeMarkdown(typed)).slice(1, -1));
      expect(JSON.stringify(marked)).not.toContain('**fed**');
      expect(JSON.stringify(marked)).not.toContain('<!channel>');

      await proxy.restore();
      // Calls fail fast for a moment after a failed connection (PgSync.FAIL_FAST_MS), then reconnect.
      let status = 0;
      for (const end = Date.now() + 15_000; status !== 200 && Date.now() < end; ) {
        status = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
      expect(core.workflow.get(number)?.status).toBe('submitted');
      expect(await say(`vis ${number}`)).toContain(number);
    } finally {
      await http.close();
      await core.close().catch(() => undefined);
      proxy.close();
    }
  }, 90_000);
});
