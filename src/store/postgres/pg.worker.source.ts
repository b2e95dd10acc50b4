/**
 * The worker half of the synchronous PostgreSQL bridge, as CommonJS source run with
 * `new Worker(source, { eval: true })` (so it works the same from dist/ and from vitest's src/).
 * It owns one pg connection; each request is answered on the port, then the shared flag is set
 * and the waiting main thread woken. A broken connection is dropped and reopened by the next request.
 */
export const PG_WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const flag = new Int32Array(workerData.signal);
const port = workerData.port;
// COUNT(*), SUM and BIGINT come back as strings by default; every number we store fits a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
let client = null;

async function connect() {
  const c = new pg.Client({ connectionString: workerData.url, connectionTimeoutMillis: workerData.connectTimeoutMs, application_name: 'aula-support' });
  c.on('error', () => { if (client === c) { client = null; } });
  await c.connect();
  await c.query("SET statement_timeout = " + Number(workerData.statementTimeoutMs) + "; SET lock_timeout = " + Number(workerData.lockTimeoutMs) + "; SET idle_in_transaction_session_timeout = " + Number(workerData.statementTimeoutMs * 2) + (workerData.synchronousCommit ? "" : "; SET synchronous_commit = off"));
  client = c;
}

const CONNECTION_LOST = /^(08|57P0)/;

port.on('message', async (msg) => {
  let reply;
  try {
    if (msg.op === 'close') {
      if (client) await client.end().catch(() => {});
      client = null;
      reply = { id: msg.id, rows: [], rowCount: 0 };
    } else {
      if (!client) await connect();
      const query = msg.name && !msg.multi ? { name: msg.name, text: msg.sql, values: msg.params } : msg.multi ? msg.sql : { text: msg.sql, values: msg.params };
      const r = await client.query(query);
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      reply = { id: msg.id, rows: (last && last.rows) || [], rowCount: (last && last.rowCount) || 0 };
    }
  } catch (e) {
    const code = e && e.code ? String(e.code) : undefined;
    if (!code || CONNECTION_LOST.test(code)) {
      // Unknown or connection-level failure: start from a fresh connection next time.
      const c = client; client = null;
      if (c) c.end().catch(() => {});
    }
    reply = { id: msg.id, error: { message: String((e && e.message) || e), code: code || (e && e.errno ? String(e.errno) : 'PG_UNREACHABLE') } };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;
