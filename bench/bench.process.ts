/**
 * Shared by the system and replica benchmarks: server processes started and stopped as in
 * production, the stub HTTP servers, the signed Slack `/aula` request, and one measurement of an
 * endpoint under a given load (closed loop with autocannon, or open loop).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLoop, type OpenLoopResult } from './open-loop.js';
import { summarize } from './stats.js';

/** Scratch directory of this benchmark run (databases, process logs). */
export const work = mkdtempSync(join(tmpdir(), 'aula-bench-'));
let spawned = 0;

export interface Proc {
  child: ChildProcess;
  port: number;
  ms: number;
  /** The file its stdout goes to. */
  logFile: string;
}

/** Start `node <args>` with stdout to a file (as under a log collector) and wait for `lines` lines matching `ready`. */
export async function spawnNode(args: string[], env: Record<string, string>, ready: RegExp, lines = 1): Promise<Proc> {
  const file = join(work, `proc-${++spawned}.log`);
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  for (;;) {
    const matching = readFileSync(file, 'utf8').split('\n').filter((l) => ready.test(l));
    if (matching.length >= lines) return { child, port: Number(/"port":(\d+)/.exec(matching[0]!)?.[1] ?? 0), ms: performance.now() - t0, logFile: file };
    if (child.exitCode !== null || performance.now() - t0 > 180_000) throw new Error(`${args.join(' ')} did not start`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function stop(p: Proc): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await exited;
}

/** bench/stub.server.js in its own process, answering every request with `body`. */
export const stubServer = (body: string) => spawnNode(['dist/bench/stub.server.js', body], {}, /"port"/);

/** What the stub Slack Web API answers (auth.test, users.info, chat.postMessage …). */
export const SLACK_API_REPLY = '{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1","user":{"id":"U1","profile":{}}}';
export const SLACK_SECRET = 'bench-signing-secret';
export const QUESTION = 'hvem må kontakte netcompany';

export type Request = () => { headers: Record<string, string>; body: string };

/** A Slack `/aula` slash command, signed when each run starts (Slack refuses requests older than 5 minutes). */
export function signedSlackAula(slackApiPort: number, secret = SLACK_SECRET): Request {
  const body = new URLSearchParams({ token: 't', team_id: 'T1', team_domain: 'kommune', channel_id: 'C1', channel_name: 'general', user_id: 'U1', user_name: 'u1', command: '/aula', text: QUESTION, api_app_id: 'A1', response_url: `http://127.0.0.1:${slackApiPort}/response/1`, trigger_id: 't1' }).toString();
  return () => {
    const ts = Math.floor(Date.now() / 1000);
    return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}` } };
  };
}

export interface Load {
  connections: number;
  rate?: number;
}

export interface Row {
  endpoint: string;
  server: string;
  load: Load;
  rps: number[];
  p50: number[];
  p99: number[];
  errors: number;
}

export const loadName = (l: Load) => (l.rate ? `open loop, ${l.rate} req/s over ≤ ${l.connections} connections` : `${l.connections} connections`);

/** One run of `load` against `url` for `seconds`: closed loop (autocannon) or open loop (bench/open-loop.ts). */
export async function measure(url: string, request: Request, load: Load, seconds: number): Promise<OpenLoopResult> {
  const { headers, body } = request();
  return load.rate
    ? openLoop({ url, headers, body, rate: load.rate, seconds, connections: load.connections })
    : autocannon({ url, method: 'POST', headers, body, connections: load.connections, duration: seconds }).then((a) => ({ requestsPerSecond: a.requests.average, p50: a.latency.p50, p99: a.latency.p99, errors: a.errors + a.non2xx }));
}

/** `load` split evenly over `n` generators: a share of the connections and of the rate each. */
export function splitLoad(load: Load, n: number): Load[] {
  return Array.from({ length: n }, (_, i) => ({
    connections: Math.floor(load.connections / n) + (i < load.connections % n ? 1 : 0),
    ...(load.rate ? { rate: load.rate / n } : {}),
  }));
}

/** Summed throughput, worst p50 and worst p99 of generators that ran at the same time. */
export function combine(results: OpenLoopResult[]): OpenLoopResult {
  return {
    requestsPerSecond: results.reduce((s, r) => s + r.requestsPerSecond, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((s, r) => s + r.errors, 0),
  };
}

/**
 * Let the server finish what the previous run left (requests the load generator gave up on are
 * still answered) before the next run starts: wait until /healthz answers quickly again.
 */
export async function settle(port: number): Promise<void> {
  await new Promise((r) => setTimeout(r, 2000));
  for (let i = 0; i < 150; i++) {
    const t0 = performance.now();
    await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.text(), () => '');
    if (performance.now() - t0 < 20) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A fixed single-threaded workload (arithmetic, strings, short-lived objects), timed 5 times: the
 * machine's speed at the time, so that results from different runs can be compared.
 */
export function cpuReference(): number {
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    let x = 0;
    const kept: { i: number; s: string }[] = [];
    for (let i = 0; i < 3e7; i++) {
      x += Math.sqrt(i) * (i % 7);
      if (i % 1000 === 0) kept.push({ i, s: String(x) });
      if (kept.length > 10_000) kept.length = 0;
    }
    times.push(performance.now() - t0);
  }
  return summarize(times).median;
}
