/**
 * `npm run bench` (after the search benchmark): the Slack and Teams endpoints under load, the
 * report pipeline, and start-up time and memory. Prints and writes bench/results/system.md and .json.
 * `--quick` shortens everything (for a smoke run); numbers in the results file come from a full run.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createCore } from '../src/core.js';
import { OPERATOR_ACTOR, sampleReport } from './bench.fixtures.js';
import { syntheticDocs } from './synthetic.js';
import { fmt, summarize } from './stats.js';

const quick = process.argv.includes('--quick');
const DURATION = quick ? 3 : 20;
const RUNS = quick ? 1 : 3;
const REPORTS = quick ? 300 : 10_000;
const SECRET = 'bench-signing-secret';
const out: Record<string, unknown> = {};
const md: string[] = [];
const log = (s: string) => process.stdout.write(`${s}\n`);

/** A server answering every request with a fixed JSON body (fake Slack API, fake Bot Connector, webhook target). */
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

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/adapters/http/main.js'], { env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('server did not start')), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (buf === null) return;
      buf += d.toString();
      const m = /"port":(\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const ms = performance.now() - t0;
  child.stdout!.resume();
  return { child, port, ms };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function load(name: string, port: number, path: string, headers: Record<string, string>, body: string) {
  const rows: { connections: number; rps: number[]; p50: number[]; p99: number[]; errors: number }[] = [];
  for (const connections of [50, 200]) {
    const row = { connections, rps: [] as number[], p50: [] as number[], p99: [] as number[], errors: 0 };
    for (let r = 0; r < RUNS; r++) {
      const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, method: 'POST', headers, body, connections, duration: DURATION });
      row.rps.push(result.requests.average);
      row.p50.push(result.latency.p50);
      row.p99.push(result.latency.p99);
      row.errors += result.errors + result.non2xx;
    }
    const s = (a: number[]) => summarize(a);
    log(`${name} ${connections} conn: ${fmt(s(row.rps).median, 0)} req/s (min ${fmt(s(row.rps).min, 0)}, max ${fmt(s(row.rps).max, 0)}), p50 ${fmt(s(row.p50).median, 1)} ms, p99 ${fmt(s(row.p99).median, 1)} ms (max ${fmt(s(row.p99).max, 1)}), errors ${row.errors}`);
    rows.push(row);
  }
  return rows;
}

async function endpoints(): Promise<void> {
  const slackApi = await stub('{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1","user":{"id":"U1","profile":{}}}');
  const connector = await stub('{"id":"activity-1"}');
  const dir = mkdtempSync(join(tmpdir(), 'aula-bench-'));
  const { child, port } = await startServer({ DATABASE_PATH: join(dir, 'bench.db'), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `${slackApi.url}/api/` });
  try {
    const slackBody = new URLSearchParams({ token: 't', team_id: 'T1', team_domain: 'kommune', channel_id: 'C1', channel_name: 'general', user_id: 'U1', user_name: 'u1', command: '/aula', text: 'hvem må kontakte netcompany', api_app_id: 'A1', response_url: `${slackApi.url}/response/1`, trigger_id: 't1' }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${slackBody}`).digest('hex')}`;
    const slack = await load('slack /aula', port, '/slack/events', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig }, slackBody);
    const activity = JSON.stringify({
      type: 'message', id: 'm1', serviceUrl: `${connector.url}/`, channelId: 'msteams', text: 'hvem må kontakte netcompany', from: { id: '29:u', aadObjectId: 'aad-u' },
      recipient: { id: '28:bot' }, conversation: { id: 'a:c1', conversationType: 'personal', tenantId: 't' }, channelData: { tenant: { id: 't' } },
    });
    const teams = await load('teams message', port, '/api/messages', { 'content-type': 'application/json' }, activity);
    out.endpoints = { durationSeconds: DURATION, runs: RUNS, slack, teams };
    const table = (name: string, rows: Awaited<ReturnType<typeof load>>) =>
      rows.map((r) => `| ${name} | ${r.connections} | ${fmt(summarize(r.rps).median, 0)} (${fmt(summarize(r.rps).min, 0)}–${fmt(summarize(r.rps).max, 0)}) | ${fmt(summarize(r.p50).median, 1)} | ${fmt(summarize(r.p99).median, 1)} (${fmt(summarize(r.p99).min, 1)}–${fmt(summarize(r.p99).max, 1)}) | ${r.errors} |`).join('\n');
    md.push(`## Endpoints under load\n\nautocannon against the real server (SQLite on disk, info logging), ${DURATION} s per run, ${RUNS} runs; medians with min–max. Goal: p99 under 100 ms at 200 connections (Slack's limit is 3 s).\n\n| endpoint | connections | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n${table('Slack `/aula` (signed)', slack)}\n${table('Teams message (local mode)', teams)}\n`);
  } finally {
    child.kill('SIGTERM');
    slackApi.server.close();
    connector.server.close();
  }
}

async function pipeline(): Promise<void> {
  const results: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const forwarder of ['file', 'webhook'] as const) {
    const target = await stub('{}');
    const dir = mkdtempSync(join(tmpdir(), 'aula-pipe-'));
    const env = { DATABASE_PATH: join(dir, 'p.db'), FORWARD_DIR: join(dir, 'out'), KNOWLEDGE_DIR: 'knowledge', FORWARDER: forwarder, FORWARD_WEBHOOK_URL: `${target.url}/in`, FORWARD_WEBHOOK_SECRET: 'bench-secret-0123456789' };
    const core = createCore(loadConfig(env), pino({ level: 'silent' }), { outbox: { batch: 50 } });
    const reporter = core.directory.addPerson(OPERATOR_ACTOR, { email: 'r@odense.dk', name: 'R', municipality: 'Odense', role: 'superuser' });
    const holder = core.directory.addPerson(OPERATOR_ACTOR, { email: 'h@odense.dk', name: 'H', municipality: 'Odense', role: 'staff' });
    if (!reporter.ok || !holder.ok) throw new Error('setup failed');
    core.directory.assignSeat(OPERATOR_ACTOR, 'Odense', 'h@odense.dk');
    const t0 = performance.now();
    for (let i = 0; i < REPORTS; i++) {
      const draft = core.workflow.draftFor(reporter.value);
      const r = core.workflow.submit(reporter.value, draft.id, sampleReport(i), true);
      if (!r.ok || r.value.kind !== 'submitted') throw new Error('submit failed');
      const d = core.workflow.decide({ kind: 'person', person: holder.value, identity: 'bench' }, r.value.report.number!, 'approve');
      if (!d.ok) throw new Error(d.message);
    }
    const submitMs = performance.now() - t0;
    const t1 = performance.now();
    while (core.outbox.depth().pending > 0) await core.outboxWorker.runOnce();
    const deliverMs = performance.now() - t1;
    results[forwarder] = { reports: REPORTS, submitAndApproveMs: submitMs, reportsPerSecond: REPORTS / (submitMs / 1000), outboxEmptyAfterMs: deliverMs, deliveriesPerSecond: REPORTS / (deliverMs / 1000), receiverHits: forwarder === 'webhook' ? target.hits() : undefined };
    log(`pipeline ${forwarder}: ${REPORTS} reports submitted+approved in ${fmt(submitMs / 1000, 1)} s (${fmt(REPORTS / (submitMs / 1000), 0)}/s); outbox empty after ${fmt(deliverMs / 1000, 1)} s (${fmt(REPORTS / (deliverMs / 1000), 0)}/s)`);
    lines.push(`| ${forwarder} | ${REPORTS} | ${fmt(REPORTS / (submitMs / 1000), 0)} | ${fmt(deliverMs / 1000, 1)} | ${fmt(REPORTS / (deliverMs / 1000), 0)} |`);
    await core.close();
    target.server.close();
  }
  out.pipeline = results;
  md.push(`## Report pipeline\n\nThrough the core with SQLite on disk (\`synchronous=FULL\`): each report saved, submitted (numbered) and approved (outbox row), then delivered by the forwarder (one run).\n\n| forwarder | reports | submitted+approved per s | outbox empty after s | delivered per s |\n|---|---|---|---|---|\n${lines.join('\n')}\n`);
}

async function startup(): Promise<void> {
  const rows: { kb: string; ms: number[]; rss: number[] }[] = [];
  const big = mkdtempSync(join(tmpdir(), 'aula-kb50k-'));
  cpSync('knowledge', big, { recursive: true });
  mkdirSync(join(big, 'faq', 'syn'), { recursive: true });
  for (const d of syntheticDocs(quick ? 2000 : 50_000)) {
    writeFileSync(join(big, 'faq', 'syn', `${d.id}.md`), `---\nid: ${d.id}\ntitle: "${d.title.replace(/"/g, '')}"\ncategory: syn\ntags: [${d.tags.join(', ')}]\naudience: [staff]\nsource: syntetisk\n---\n${d.body}\n`);
  }
  for (const [kb, dir] of [['real', 'knowledge'], [quick ? '2k' : '50k', big]] as const) {
    const row = { kb, ms: [] as number[], rss: [] as number[] };
    for (let r = 0; r < RUNS; r++) {
      const db = join(mkdtempSync(join(tmpdir(), 'aula-start-')), 's.db');
      const { child, ms } = await startServer({ DATABASE_PATH: db, KNOWLEDGE_DIR: dir });
      await new Promise((res) => setTimeout(res, 500));
      row.ms.push(ms);
      row.rss.push(rssMb(child.pid!));
      child.kill('SIGTERM');
      await new Promise((res) => child.once('exit', res));
    }
    log(`startup ${kb}: ${fmt(summarize(row.ms).median, 0)} ms (min ${fmt(summarize(row.ms).min, 0)}, max ${fmt(summarize(row.ms).max, 0)}), RSS ${fmt(summarize(row.rss).median, 0)} MB`);
    rows.push(row);
  }
  out.startup = rows;
  md.push(`## Start-up\n\nFrom spawning \`node dist/adapters/http/main.js\` to the "listening" log line (knowledge loaded and indexed, migrations applied), and resident memory half a second later; ${RUNS} runs.\n\n| knowledge | start-up ms (min–max) | RSS MB |\n|---|---|---|\n${rows.map((r) => `| ${r.kb} | ${fmt(summarize(r.ms).median, 0)} (${fmt(summarize(r.ms).min, 0)}–${fmt(summarize(r.ms).max, 0)}) | ${fmt(summarize(r.rss).median, 0)} |`).join('\n')}\n`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
await endpoints();
await pipeline();
await startup();
mkdirSync('bench/results', { recursive: true });
const date = new Date().toISOString();
if (!quick) {
  writeFileSync('bench/results/system.json', JSON.stringify({ date, machine, ...out }, null, 2));
  writeFileSync('bench/results/system.md', `# System benchmarks\n\nGenerated by \`npm run bench\` on ${date} (${machine}). One noisy 2-core machine: compare medians and ratios.\n\n${md.join('\n')}`);
  log('Wrote bench/results/system.md and bench/results/system.json');
}
