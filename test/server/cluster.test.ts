import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../harness/run-cli.js';
import { until } from '../harness/until.js';

/** The real server with WEB_CONCURRENCY=2: a primary and two workers sharing one port. */
let primary: ChildProcess;
let out = '';
let base = '';

const listening = () => out.split('\n').filter((l) => l.includes('aula-support server listening'));
const output = () => `the server; output so far:\n${out}`;
/** GET on a new connection each time (the cluster balances connections, not requests). */
function getFresh(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}
async function healthWorkers(n: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) seen.add((JSON.parse(await getFresh('/healthz')) as { worker: number }).worker);
  return seen;
}
const children = () => execFileSync('pgrep', ['-P', String(primary.pid)]).toString().trim().split('\n').map(Number);

beforeAll(async () => {
  primary = spawn(process.execPath, ['dist/adapters/http/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WEB_CONCURRENCY: '2', DATABASE_PATH: tempDbPath() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  primary.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  primary.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => listening().length === 2, 60_000, output);
  base = `http://127.0.0.1:${(JSON.parse(listening()[0]!) as { port: number }).port}`;
}, 90_000);

afterAll(() => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
});

describe('WEB_CONCURRENCY=2', () => {
  it('serves requests from both workers on one port', async () => {
    expect(new Set(listening().map((l) => (JSON.parse(l) as { port: number }).port)).size).toBe(1);
    expect(await healthWorkers(20)).toEqual(new Set([0, 1]));
  });

  it('/metrics sums request latency over every worker', async () => {
    const before = await healthCount();
    await healthWorkers(10);
    expect((await healthCount()) - before).toBe(10);
  });

  it('replaces a worker that dies', async () => {
    const victims = children();
    expect(victims).toHaveLength(2);
    process.kill(victims[1]!, 'SIGKILL');
    await until(() => out.includes('worker exited unexpectedly; restarting it') && listening().length === 3, 60_000, output);
    expect(await healthWorkers(20)).toEqual(new Set([0, 1]));
  }, 60_000);

  it('stops every worker on SIGTERM', async () => {
    const workers = children();
    const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 20_000);
});

async function healthCount(): Promise<number> {
  const text = await getFresh('/metrics');
  const m = /aula_http_request_duration_seconds_count\{route="\/healthz",status="200"\} (\d+)/.exec(text);
  return Number(m?.[1] ?? 0);
}
