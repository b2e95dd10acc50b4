import { startTestPostgres, type TestPostgres } from './postgres.js';

/** vitest globalSetup of the `postgres` project: one server for the run; each core creates its own database. */
let server: TestPostgres | undefined;

export async function setup(): Promise<void> {
  server = await startTestPostgres();
  process.env.AULA_TEST_PG_ADMIN_URL = server.adminUrl;
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
