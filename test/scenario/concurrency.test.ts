import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileReport, person, testCore } from '../harness/core.harness.js';

describe('concurrent approvals', () => {
  it('many seat holders approving the same report at once in separate processes give exactly one forward', async () => {
    const core = testCore();
    const reporter = person(core, 'sara@koebenhavn.dk', 'Sara', 'København', 'superuser');
    const holders = Array.from({ length: 8 }, (_, i) => person(core, `h${i}@koebenhavn.dk`, `Holder ${i}`, '101', 'staff', true));
    const number = fileReport(core, reporter);
    const dbPath = join(core.dir, 'test.db');
    const children = holders.map((h) =>
      spawn(process.execPath, ['test/harness/approve-child.mjs', dbPath, h.email, number], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const outputs = children.map(
      (c) =>
        new Promise<{ ok: boolean; code?: string; message?: string }>((resolve, reject) => {
          let out = '';
          c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
          c.on('close', () => {
            try {
              resolve(JSON.parse(out));
            } catch {
              reject(new Error(`child printed ${out}`));
            }
          });
        }),
    );
    await new Promise((r) => setTimeout(r, 1500)); // let every child open the database
    for (const c of children) c.stdin!.end('go\n');
    const results = await Promise.all(outputs);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(7);
    for (const l of losers) {
      expect(l.code).toBe('already_decided');
      expect(l.message).toMatch(new RegExp(`${number} er allerede godkendt af Holder \\d`));
    }
    expect(core.outbox.list()).toHaveLength(1);
    expect(core.audit.list().filter((e) => e.action === 'report.approve' && e.outcome === 'ok')).toHaveLength(1);
    expect(core.directory.seats('101')[0]?.seats).toHaveLength(8);
    await core.close();
  });
});
