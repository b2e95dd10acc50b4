import type { TestProject } from 'vitest/node';
import { startTestPostgres, type TestPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set only in the `postgres` project: the admin URL of its PostgreSQL server. */
    pgAdminUrl: string;
  }
}

/**
 * vitest globalSetup of the `postgres` project: one server for the run; each core creates its own
 * database. Given to that project's tests with provide/inject (not process.env, which every
 * project's workers would inherit).
 */
let server: TestPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startTestPostgres();
  project.provide('pgAdminUrl', server.adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
