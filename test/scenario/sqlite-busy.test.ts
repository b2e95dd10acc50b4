import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileReport, person, testCore } from '../harness/core.harness.js';

/** Another process holds the write lock for `ms`, as a CLI command or a backup might. */
function holdWriteLock(dbPath: string, ms: number): Promise<void> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(dbPath)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec('COMMIT');
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
  });
}

describe('SQLite busy', () => {
  it('a write while another process holds the lock waits (busy_timeout) and succeeds, nothing lost', async () => {
    const core = testCore();
    const reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
    const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
    const number = fileReport(core, reporter);
    await holdWriteLock(join(core.dir, 'test.db'), 700);
    const t0 = Date.now();
    const r = core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
    const waited = Date.now() - t0;
    expect(r.ok).toBe(true);
    expect(waited).toBeGreaterThan(100); // proves the lock was really held (correctness, not speed)
    expect(core.workflow.get(number)?.status).toBe('approved');
    expect(core.outbox.list()).toHaveLength(1);
    await core.close();
  });
});
