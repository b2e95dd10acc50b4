import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { tempDbPath } from '../harness/run-cli.js';

let child: ChildProcess;
let base = '';
let logs = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['dist/adapters/http/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: tempDbPath() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (logs += d.toString()));
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${logs}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      logs += d.toString();
      const m = /"port":(\d+)/.exec(logs);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
  });
});

afterAll(() => {
  child?.kill('SIGTERM');
});

describe('npm start server', () => {
  it('GET /healthz returns 200 with status, knowledge entries and database state', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', database: 'ok', municipalities: 98 });
    expect(body.knowledgeEntries).toBeGreaterThanOrEqual(120);
  });

  it('answers unknown paths with 404 and wrong methods with 405, as JSON', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('logs JSON lines with the startup facts', () => {
    const first = logs.split('\n').find((l) => l.includes('listening'));
    expect(JSON.parse(first!)).toMatchObject({ msg: 'aula-support server listening', service: 'aula-support' });
  });
});
