// Child process for the atomic-delivery test: delivers the outbox once and dies with SIGKILL
// after the forwarder succeeded and the outbox row was marked delivered, before the report is
// marked forwarded: the moment a crash used to leave a report "approved" for good.
import pino from 'pino';
import { loadConfig } from '../../dist/src/config/config.js';
import { createCore } from '../../dist/src/core.js';

const [dbPath, url, secret] = process.argv.slice(2);
const core = createCore(
  loadConfig({ ...(dbPath.startsWith('postgres') ? { DATABASE_URL: dbPath } : { DATABASE_PATH: dbPath }), KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent', OUTBOX_LEASE_MS: '1000', FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: url, FORWARD_WEBHOOK_SECRET: secret }),
  pino({ level: 'silent' }),
);
core.delivery.markForwarded = () => {
  process.kill(process.pid, 'SIGKILL');
};
await core.outboxWorker.runOnce();
process.stdout.write('survived');
