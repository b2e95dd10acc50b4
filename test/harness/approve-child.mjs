// Child process for the concurrency test: opens the shared database and approves one report.
import pino from 'pino';
import { loadConfig } from '../../dist/src/config/config.js';
import { createCore } from '../../dist/src/core.js';

const [dbPath, email, number] = process.argv.slice(2);
// The store: a SQLite file, or a PostgreSQL URL (the postgres test project).
const store = dbPath.startsWith('postgres') ? { DATABASE_URL: dbPath } : { DATABASE_PATH: dbPath };
const core = createCore(loadConfig({ ...store, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
const person = core.directory.personByEmail(email);
// Start together: wait for the parent's "go" line so all children race for the same report.
process.stdin.once('data', async () => {
  const r = core.workflow.decide({ kind: 'person', person, identity: `local:${email}` }, number, 'approve');
  process.stdout.write(JSON.stringify(r.ok ? { ok: true } : { ok: false, code: r.code, message: r.message }));
  await core.close();
});
