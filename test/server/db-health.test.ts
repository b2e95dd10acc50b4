import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/sqlite/database.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { runCli, tempDbPath } from '../harness/run-cli.js';

/** Issue 11 item 7: /healthz tells the truth about a damaged database; a damaged file stops start-up with one clear line. */

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
});

interface Started {
  base?: string;
  code?: number | null;
  out: string;
  err: string;
}

/** Start the compiled server on `db`; resolves when it listens or exits. */
function startServer(db: string): Promise<Started> {
  const child = spawn(process.execPath, ['dist/adapters/http/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: db, FORWARD_DIR: join(db, '..', 'outbox') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const s: Started = { out: '', err: '' };
  child.stderr!.on('data', (d: Buffer) => (s.err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server neither started nor exited: ${s.out} ${s.err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      s.out += d.toString();
      const m = /"port":(\d+)/.exec(s.out);
      if (m) {
        clearTimeout(timer);
        resolve({ ...s, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      s.code = code;
      resolve(s);
    });
  });
}

/** A database with rows in every main table, checkpointed into the main file and closed. */
async function populatedDb(): Promise<string> {
  const core = testCore();
  const reporter = person(core, 'sara@odense.dk', 'Sara Superbruger', 'Odense', 'superuser');
  person(core, 'hans@odense.dk', 'Hans Holder', 'Odense', 'staff', true);
  for (let i = 0; i < 30; i++) fileReport(core, reporter, { title: `Fejl nummer ${i} i beskeder`, whatHappened: 'x'.repeat(2000) });
  for (let i = 0; i < 50; i++) await core.bot.handle({ type: 'message', actor: { identity: 'local:sara@odense.dk' }, conversation: { channel: 'test', id: 'c' }, text: `Hvordan logger jeg ind ${i}?` });
  (core.db as Db).pragma('wal_checkpoint(TRUNCATE)');
  await core.close();
  return join(core.dir, 'test.db');
}

describe('database health', () => {
  it('a healthy database: /healthz 200 ok; pages overwritten with garbage (under a running server or before start): /healthz 503 "corrupt"', async () => {
    const original = await populatedDb();
    const pristine = tempDbPath();
    copyFileSync(original, pristine);
    const healthy = await startServer(original);
    expect(healthy.base).toBeDefined();
    const ok = await fetch(`${healthy.base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', database: 'ok' });

    // Damage done underneath the running server shows at its next /healthz.
    const ps = readFileSync(original).readUInt16BE(16);
    const runningPages = statSync(original).size / ps;
    const fdRunning = openSync(original, 'r+');
    for (let p = Math.floor(runningPages / 2); p < runningPages; p++) writeSync(fdRunning, Buffer.alloc(ps, 0xa5), 0, ps, p * ps);
    closeSync(fdRunning);
    const afterDamage = await fetch(`${healthy.base}/healthz`);
    expect(afterDamage.status).toBe(503);

    const damaged = tempDbPath();
    copyFileSync(pristine, damaged);
    const pageSize = readFileSync(pristine).readUInt16BE(16);
    const pages = statSync(damaged).size / pageSize;
    expect(pages).toBeGreaterThan(10);
    // The schema lives in the first pages; the rows written last (reports, questions) in the last ones.
    const overwrite = (file: string, from: number) => {
      const fd = openSync(file, 'r+');
      const garbage = Buffer.alloc(pageSize, 0xa5);
      for (let p = from; p < pages; p++) writeSync(fd, garbage, 0, pageSize, p * pageSize);
      closeSync(fd);
    };
    overwrite(damaged, Math.floor(pages / 2));
    const started = await startServer(damaged);
    expect(started.base).toBeDefined();
    const res = await fetch(`${started.base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', database: 'corrupt' });

    // With the schema pages gone too, it refuses to start, with the one clear line.
    const ruined = tempDbPath();
    copyFileSync(pristine, ruined);
    overwrite(ruined, 1);
    const refused = await startServer(ruined);
    expect(refused.base).toBeUndefined();
    expect(refused.code).not.toBe(0);
    expect(refused.err.trim()).toMatch(/^Databasen .*test\.db kan ikke bruges: .*\(SQLITE_CORRUPT\)\. Gendan den seneste sikkerhedskopi/);
  }, 60_000);

  it('a file with a garbage header: the server and the CLI print one clear Danish line naming the file and exit ≠ 0, no stack', async () => {
    const bad = tempDbPath();
    writeFileSync(bad, Buffer.alloc(64 * 1024, 0x5a));
    const server = await startServer(bad);
    expect(server.base).toBeUndefined();
    expect(server.code).not.toBe(0);
    const lines = server.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(bad);
    expect(lines[0]).toMatch(/Gendan den seneste sikkerhedskopi som beskrevet i README'en under "Drift"/);
    expect(server.err).not.toMatch(/\n\s+at /);
    // The JSON log line for log collectors, in English.
    expect(JSON.parse(server.out.trim().split('\n').at(-1)!)).toMatchObject({ msg: expect.stringMatching(/database file is unusable/), database: bad, code: 'SQLITE_NOTADB' });

    const cli = await runCli(['people', 'list'], { env: { DATABASE_PATH: bad } });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain(bad);
    expect(cli.stderr).not.toMatch(/\n\s+at |Uventet fejl/);
  }, 60_000);
});
