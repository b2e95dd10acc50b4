/**
 * `npm run bench` (after the search benchmark): the Slack and Teams endpoints under load, the
 * report pipeline, and start-up time and memory, each beside a baseline measured the same way on
 * the same machine. Prints and writes bench/results/system.md and .json.
 * `--quick` shortens everything (for a smoke run); numbers in the results file come from a full run.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { closeSync, cpSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createCore } from '../src/core.js';
import { runReportPipeline } from './bench.fixtures.js';
import { openLoop } from './open-loop.js';
import { cpuReference, loadName, measure, QUESTION, SLACK_API_REPLY, SLACK_SECRET as SECRET, settle, signedSlackAula, spawnNode, stop, stubServer, work, type Load, type Request, type Row } from './bench.process.js';
import { syntheticDocs } from './synthetic.js';
import { fmt, summarize } from './stats.js';

const quick = process.argv.includes('--quick');
/** `--only-lock`: just the locked-ack measurement (printed, not written to the results file). */
const onlyLock = process.argv.includes('--only-lock');
const DURATION = quick ? 3 : 20;
const RUNS = quick ? 1 : 3;
const REPORTS = quick ? 300 : 10_000;
const BASELINE_OPS = quick ? 300 : 5000;
/** Offered load for the open-loop runs: far above any real rush, well below saturation. */
const OPEN_RATE = 300;
const out: Record<string, unknown> = {};
const md: string[] = [];
const log = (s: string) => process.stdout.write(`${s}\n`);

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Case {
  endpoint: string;
  server: string;
  port: number;
  path: string;
  request: Request;
  loads: Load[];
}
async function endpoints(): Promise<void> {
  const slackApi = await stubServer(SLACK_API_REPLY);
  const connector = await stubServer('{"id":"activity-1"}');
  const server = (workers: number) =>
    spawnNode(['dist/adapters/http/main.js'], {
      DATABASE_PATH: join(mkdtempSync(join(work, 'db-')), 'bench.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WEB_CONCURRENCY: String(workers),
      SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `http://127.0.0.1:${slackApi.port}/api/`,
    }, /server listening/, workers);
  const one = await server(1);
  const two = await server(2);
  const slack = signedSlackAula(slackApi.port);
  const activity = JSON.stringify({
    type: 'message', id: 'm1', serviceUrl: `http://127.0.0.1:${connector.port}/`, channelId: 'msteams', text: QUESTION, from: { id: '29:u', aadObjectId: 'aad-u' },
    recipient: { id: '28:bot' }, conversation: { id: 'a:c1', conversationType: 'personal', tenantId: 't' }, channelData: { tenant: { id: 't' } },
  });
  const teams: Request = () => ({ body: activity, headers: { 'content-type': 'application/json' } });
  // The baseline answers every request with the bot's real /aula reply, doing nothing else.
  const first = slack();
  const reply = await (await fetch(`http://127.0.0.1:${one.port}/slack/events`, { method: 'POST', headers: first.headers, body: first.body })).text();
  const bare = await stubServer(reply);
  const closed: Load[] = [{ connections: 50 }, { connections: 200 }];
  const all: Load[] = [...closed, { connections: 200, rate: OPEN_RATE }];
  const cases: Case[] = [
    { endpoint: 'same request and reply', server: 'bare Node HTTP (baseline)', port: bare.port, path: '/slack/events', request: slack, loads: all },
    { endpoint: 'Slack `/aula` (signed)', server: '1 process', port: one.port, path: '/slack/events', request: slack, loads: all },
    { endpoint: 'Slack `/aula` (signed)', server: '2 workers', port: two.port, path: '/slack/events', request: slack, loads: closed },
    { endpoint: 'Teams message (local mode)', server: '1 process', port: one.port, path: '/api/messages', request: teams, loads: all },
    { endpoint: 'Teams message (local mode)', server: '2 workers', port: two.port, path: '/api/messages', request: teams, loads: closed },
  ];
  const rows: Row[] = cases.flatMap((c) => c.loads.map((load) => ({ endpoint: c.endpoint, server: c.server, load, rps: [], p50: [], p99: [], errors: 0 })));
  try {
    // Runs are interleaved so that the machine's drifts touch every case alike.
    for (let r = 0; r < RUNS; r++) {
      for (const c of cases) {
        for (const load of c.loads) {
          await settle(c.port);
          const result = await measure(`http://127.0.0.1:${c.port}${c.path}`, c.request, load, DURATION);
          const row = rows.find((x) => x.endpoint === c.endpoint && x.server === c.server && x.load === load)!;
          row.rps.push(result.requestsPerSecond);
          row.p50.push(result.p50);
          row.p99.push(result.p99);
          row.errors += result.errors;
          log(`run ${r + 1}/${RUNS} ${c.endpoint} ${c.server} ${loadName(load)}: ${fmt(result.requestsPerSecond, 0)} req/s, p50 ${fmt(result.p50, 1)} ms, p99 ${fmt(result.p99, 1)} ms, errors ${result.errors}`);
        }
      }
    }
  } finally {
    for (const p of [one, two, bare, slackApi, connector]) await stop(p);
  }
  out.endpoints = { durationSeconds: DURATION, runs: RUNS, openRate: OPEN_RATE, rows };
  const med = (a: number[]) => summarize(a).median;
  const range = (a: number[], d: number) => `${fmt(med(a), d)} (${fmt(summarize(a).min, d)}–${fmt(summarize(a).max, d)})`;
  const table = rows.map((r) => `| ${r.endpoint} | ${r.server} | ${loadName(r.load)} | ${range(r.rps, 0)} | ${fmt(med(r.p50), 0)} | ${range(r.p99, 0)} | ${r.errors} |`).join('\n');
  const at = (server: string, endpoint: string, connections: number) => rows.find((r) => r.server === server && r.endpoint === endpoint && r.load.connections === connections && !r.load.rate)!;
  const ratios = ['Slack `/aula` (signed)', 'Teams message (local mode)'].map((e) => {
    const base = med(at('bare Node HTTP (baseline)', 'same request and reply', 200).rps);
    const a = med(at('1 process', e, 200).rps);
    const b = med(at('2 workers', e, 200).rps);
    return `- ${e}, 200 connections: 1 process ${fmt((100 * a) / base, 1)} % of the baseline's requests/s; 2 workers ${fmt(b / a, 2)} × 1 process.`;
  });
  md.push(`## Endpoints under load

Load against the real server (\`dist/adapters/http/main.js\`, SQLite on disk, info logging to a file), ${DURATION} s per run, ${RUNS} runs interleaved, each starting once the server is idle again; medians with min–max; errors summed over the runs. The load generator, the stub Slack API and the stub Bot Connector run on the same 2 cores. "2 workers" is \`WEB_CONCURRENCY=2\`. Closed loop: every connection sends its next request when the answer arrives, so the server is saturated and, by Little's law, mean latency = connections ÷ throughput: p99 under 100 ms at 200 connections needs well over 2,000 requests/s. Open loop: requests start every ${fmt(1000 / OPEN_RATE, 1)} ms (${OPEN_RATE}/s) whatever the server does, as independent users' do, over at most 200 connections, and latency counts from the planned start (\`bench/open-loop.ts\`; autocannon's own rate option sends each second's quota as one burst). ${OPEN_RATE}/s is far above any real rush: over a million questions an hour. The baseline is a bare Node HTTP server answering the bot's real reply without any work: the ceiling of Node and the load generator on this machine. Goal: p99 under 100 ms at 200 connections, never near Slack's 3 s.

| endpoint | server | load | req/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|---|
${table}

${ratios.join('\n')}
`);
}

async function stub(body: string): Promise<{ url: string; server: Server; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return { url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, server, hits: () => hits };
}

async function pipeline(): Promise<void> {
  const results: Record<string, unknown> = {};
  const lines: string[] = [];
  let sampleMessage = '{}';
  for (const forwarder of ['file', 'webhook'] as const) {
    const target = await stub('{}');
    const dir = mkdtempSync(join(work, 'pipe-'));
    const env = { DATABASE_PATH: join(dir, 'p.db'), FORWARD_DIR: join(dir, 'out'), KNOWLEDGE_DIR: 'knowledge', FORWARDER: forwarder, FORWARD_WEBHOOK_URL: `${target.url}/in`, FORWARD_WEBHOOK_SECRET: 'bench-secret-0123456789' };
    const core = createCore(loadConfig(env), pino({ level: 'silent' }), { outbox: { batch: 50 } });
    const { submitMs, deliverMs } = await runReportPipeline(core, REPORTS);
    if (forwarder === 'file') sampleMessage = readFileSync(join(dir, 'out', readdirSync(join(dir, 'out')).find((f) => f.endsWith('.json'))!), 'utf8');
    results[forwarder] = { reports: REPORTS, submitAndApproveMs: submitMs, reportsPerSecond: REPORTS / (submitMs / 1000), outboxEmptyAfterMs: deliverMs, deliveriesPerSecond: REPORTS / (deliverMs / 1000), receiverHits: forwarder === 'webhook' ? target.hits() : undefined };
    log(`pipeline ${forwarder}: ${REPORTS} reports submitted+approved in ${fmt(submitMs / 1000, 1)} s (${fmt(REPORTS / (submitMs / 1000), 0)}/s); outbox empty after ${fmt(deliverMs / 1000, 1)} s (${fmt(REPORTS / (deliverMs / 1000), 0)}/s)`);
    lines.push(`| ${forwarder} | ${REPORTS} | ${fmt(REPORTS / (submitMs / 1000), 0)} | ${fmt(deliverMs / 1000, 1)} | ${fmt(REPORTS / (deliverMs / 1000), 0)} |`);
    await core.close();
    target.server.close();
  }
  const base = await pipelineBaselines(sampleMessage);
  out.pipeline = { ...results, baselines: base };
  md.push(`## Report pipeline

Through the core with SQLite on disk (\`synchronous=FULL\`): each report saved, submitted (numbered) and approved (outbox row, notifications, audit), then delivered by the forwarder one at a time, as in production (one run).

| forwarder | reports | submitted+approved per s | outbox empty after s | delivered per s |
|---|---|---|---|---|
${lines.join('\n')}

Baselines on the same disk, ${BASELINE_OPS} operations each, doing only the unavoidable part:

| baseline | per s |
|---|---|
| SQLite: one single-row INSERT per transaction (WAL, \`synchronous=FULL\`) | ${fmt(base.sqliteCommitsPerSecond, 0)} |
| file: write a ${sampleMessage.length}-byte forwarded report to a temp file, fsync, rename | ${fmt(base.fileWritesPerSecond, 0)} |
| webhook: one POST of the same report at a time to the same local receiver | ${fmt(base.postsPerSecond, 0)} |

Submitting and approving one report takes several fsync'd transactions (draft, submission with its number, decision with outbox row, notifications and audit), so the pipeline's rate is bounded by the commit rate divided by that count.
`);
}

async function pipelineBaselines(message: string): Promise<{ sqliteCommitsPerSecond: number; fileWritesPerSecond: number; postsPerSecond: number }> {
  const dir = mkdtempSync(join(work, 'base-'));
  const db = new Database(join(dir, 'b.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  let t0 = performance.now();
  for (let i = 0; i < BASELINE_OPS; i++) insert.run(message);
  const sqliteCommitsPerSecond = BASELINE_OPS / ((performance.now() - t0) / 1000);
  db.close();
  mkdirSync(join(dir, 'out'));
  t0 = performance.now();
  for (let i = 0; i < BASELINE_OPS; i++) {
    const temp = join(dir, 'out', `.tmp-${i}`);
    const fd = openSync(temp, 'w');
    writeSync(fd, message);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, join(dir, 'out', `${i}.json`));
  }
  const fileWritesPerSecond = BASELINE_OPS / ((performance.now() - t0) / 1000);
  const target = await stub('{}');
  t0 = performance.now();
  for (let i = 0; i < BASELINE_OPS; i++) await (await fetch(`${target.url}/in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: message })).text();
  const postsPerSecond = BASELINE_OPS / ((performance.now() - t0) / 1000);
  target.server.close();
  log(`baselines: SQLite ${fmt(sqliteCommitsPerSecond, 0)} commits/s, file ${fmt(fileWritesPerSecond, 0)} writes/s, webhook ${fmt(postsPerSecond, 0)} POSTs/s`);
  return { sqliteCommitsPerSecond, fileWritesPerSecond, postsPerSecond };
}

async function startup(): Promise<void> {
  const rows: { kb: string; ms: number[]; rss: number[] }[] = [];
  const big = mkdtempSync(join(work, 'kb50k-'));
  cpSync('knowledge', big, { recursive: true });
  mkdirSync(join(big, 'faq', 'syn'), { recursive: true });
  for (const d of syntheticDocs(quick ? 2000 : 50_000)) {
    writeFileSync(join(big, 'faq', 'syn', `${d.id}.md`), `---\nid: ${d.id}\ntitle: "${d.title.replace(/"/g, '')}"\ncategory: syn\ntags: [${d.tags.join(', ')}]\naudience: [staff]\nsource: syntetisk\n---\n${d.body}\n`);
  }
  const bareNode = ['-e', 'console.log(JSON.stringify({ port: 0, msg: "listening" })); setInterval(() => {}, 1000)'];
  for (const [kb, dir] of [['bare Node (baseline)', ''], ['real', 'knowledge'], [quick ? '2k' : '50k', big]] as const) {
    const row = { kb, ms: [] as number[], rss: [] as number[] };
    for (let r = 0; r < RUNS; r++) {
      const db = join(mkdtempSync(join(work, 'start-')), 's.db');
      const p = dir ? await spawnNode(['dist/adapters/http/main.js'], { DATABASE_PATH: db, KNOWLEDGE_DIR: dir, PORT: '0', HOST: '127.0.0.1' }, /server listening/) : await spawnNode(bareNode, {}, /listening/);
      await new Promise((res) => setTimeout(res, 500));
      row.ms.push(p.ms);
      row.rss.push(rssMb(p.child.pid!));
      await stop(p);
    }
    log(`startup ${kb}: ${fmt(summarize(row.ms).median, 0)} ms (min ${fmt(summarize(row.ms).min, 0)}, max ${fmt(summarize(row.ms).max, 0)}), RSS ${fmt(summarize(row.rss).median, 0)} MB`);
    rows.push(row);
  }
  out.startup = rows;
  md.push(`## Start-up

From spawning \`node dist/adapters/http/main.js\` to the "listening" log line (knowledge loaded and indexed, migrations applied), and resident memory half a second later; ${RUNS} runs. The baseline is \`node -e\` printing one line: Node's own start-up and memory.

| knowledge | start-up ms (min–max) | RSS MB |
|---|---|---|
${rows.map((r) => `| ${r.kb} | ${fmt(summarize(r.ms).median, 0)} (${fmt(summarize(r.ms).min, 0)}–${fmt(summarize(r.ms).max, 0)}) | ${fmt(summarize(r.rss).median, 0)} |`).join('\n')}
`);
}

/**
 * Issue 11 item 8: Slack `/aula` acks while another process (a backup, a CLI migration) holds the
 * database's write lock for the whole run, beside the same run without the lock. Open loop at a
 * modest rate, one server process.
 */
async function lockedAck(): Promise<void> {
  const slackApi = await stubServer('{"ok":true}');
  const dbPath = join(mkdtempSync(join(work, 'db-')), 'bench.db');
  const server = await spawnNode(['dist/adapters/http/main.js'], {
    DATABASE_PATH: dbPath, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
    SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `http://127.0.0.1:${slackApi.port}/api/`,
  }, /server listening/);
  const body = new URLSearchParams({ team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/aula', text: QUESTION, response_url: `http://127.0.0.1:${slackApi.port}/response/1`, trigger_id: 't1' }).toString();
  const signed = () => {
    const ts = Math.floor(Date.now() / 1000);
    return { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` };
  };
  const rate = 20;
  const url = `http://127.0.0.1:${server.port}/slack/events`;
  const rows: { lock: string; p50: number[]; p99: number[]; errors: number }[] = [{ lock: 'none', p50: [], p99: [], errors: 0 }, { lock: 'held by another process', p50: [], p99: [], errors: 0 }];
  try {
    for (let r = 0; r < RUNS; r++) {
      for (const row of rows) {
        await settle(server.port);
        let holder: ChildProcess | undefined;
        if (row.lock !== 'none') {
          holder = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(${JSON.stringify(dbPath)}); db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${(DURATION + 3) * 1000}); db.exec('COMMIT');`], { stdio: ['ignore', 'pipe', 'inherit'] });
          await new Promise((resolve) => holder!.stdout!.once('data', resolve));
        }
        const result = await openLoop({ url, headers: signed(), body, rate, seconds: DURATION, connections: 50 });
        if (holder) await new Promise((resolve) => holder!.once('exit', resolve));
        row.p50.push(result.p50);
        row.p99.push(result.p99);
        row.errors += result.errors;
        log(`run ${r + 1}/${RUNS} Slack /aula ack, lock ${row.lock}: p50 ${fmt(result.p50, 1)} ms, p99 ${fmt(result.p99, 1)} ms, errors ${result.errors}`);
      }
    }
  } finally {
    for (const p of [server, slackApi]) await stop(p);
  }
  out.lockedAck = { rate, durationSeconds: DURATION, runs: RUNS, rows };
  const med = (a: number[]) => summarize(a).median;
  md.push(`## Acks while another process holds the write lock

Slack \`/aula\` (signed), open loop at ${rate} requests/s for ${DURATION} s, ${RUNS} runs, one server process; in the locked runs another process holds \`BEGIN EXCLUSIVE\` on the database for the whole run (as a backup or a CLI migration might). The server waits at most 300 ms for the lock, answers, and retries the question-log write after the lock is gone. Slack retries an ack that takes over 3 s.

| write lock | p50 ms | p99 ms | errors |
|---|---|---|---|
${rows.map((r) => `| ${r.lock} | ${fmt(med(r.p50), 0)} | ${fmt(med(r.p99), 0)} | ${r.errors} |`).join('\n')}
`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const cpuBefore = cpuReference();
log(`CPU reference before: ${fmt(cpuBefore, 0)} ms`);
if (onlyLock) {
  await lockedAck();
  log(md.join('\n'));
  process.exit(0);
}
await endpoints();
await lockedAck();
await pipeline();
await startup();
const cpuAfter = cpuReference();
log(`CPU reference after: ${fmt(cpuAfter, 0)} ms`);
out.cpuReferenceMs = { before: cpuBefore, after: cpuAfter };
mkdirSync('bench/results', { recursive: true });
const date = new Date().toISOString();
if (!quick) {
  writeFileSync('bench/results/system.json', JSON.stringify({ date, machine, ...out }, null, 2));
  writeFileSync('bench/results/system.md', `# System benchmarks\n\nGenerated by \`npm run bench\` on ${date} (${machine}). One noisy 2-core machine: compare medians and ratios. CPU reference (a fixed single-threaded loop, median of 5; lower is faster): ${fmt(cpuBefore, 0)} ms before and ${fmt(cpuAfter, 0)} ms after this run.\n\n${md.join('\n')}`);
  log('Wrote bench/results/system.md and bench/results/system.json');
}
