import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startTestPostgres } from '../../bench/pg.server.js';
import { embeddedPostgresUsable } from '../harness/postgres.js';

const external = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(external || !embeddedPostgresUsable())('embedded PostgreSQL for benchmarks', () => {
  it('runs with fsync on when asked (benchmarks) and off by default (tests)', async () => {
    for (const [options, expected] of [[{ fsync: true }, 'on'], [{}, 'off']] as const) {
      const server = await startTestPostgres(options);
      try {
        const client = new pg.Client({ connectionString: await server.createDatabase() });
        await client.connect();
        const { rows } = await client.query('SHOW fsync');
        await client.end();
        expect(rows[0]?.fsync).toBe(expected);
      } finally {
        await server.stop();
      }
    }
  }, 120_000);
});
