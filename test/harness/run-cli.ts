import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh database path per test so runs never share state. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'aula-db-')), 'test.db');
}

/** Run the real `aula-support` command (compiled) as a child process. */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/aula-support.js', ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: tempDbPath(), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
