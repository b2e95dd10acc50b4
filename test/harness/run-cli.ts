import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh database path per test so runs never share state. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'aula-db-')), 'test.db');
}

const BIN = resolve('bin/aula-support.js');

/**
 * Run the real `aula-support` command (compiled) as a child process. `cwd`: run it from another
 * folder; `noDb`: do not set DATABASE_PATH (only for commands that never open the database);
 * `closeStdout`: the reader goes away at once, as `| head` does.
 */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string; noDb?: boolean; closeStdout?: boolean } = {}): Promise<CliRun> {
  // Never the installation's own data/: each run forwards into a folder next to its database.
  const db = opts.env?.DATABASE_PATH ?? tempDbPath();
  const forwardDir = opts.env?.FORWARD_DIR ?? join(dirname(db), 'outbox');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', FORWARD_DIR: forwardDir, ...(opts.noDb ? {} : { DATABASE_PATH: db }), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
    });
    if (opts.closeStdout) child.stdout.destroy();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
