// Child process for the seat-quota race: one replica's core assigns one seat when told "go".
import pino from 'pino';
import { loadConfig } from '../../dist/src/config/config.js';
import { createCore } from '../../dist/src/core.js';

const [store, municipality, email] = process.argv.slice(2);
const core = createCore(loadConfig({ ...(store.startsWith('postgres') ? { DATABASE_URL: store } : { DATABASE_PATH: store }), KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
process.stdin.once('data', async () => {
  const r = core.directory.assignSeat({ kind: 'operator' }, municipality, email);
  process.stdout.write(JSON.stringify(r.ok ? { ok: true } : { ok: false, message: r.message }));
  await core.close();
});
