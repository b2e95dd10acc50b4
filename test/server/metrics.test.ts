import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';
import { runCli } from '../harness/run-cli.js';

const core = testCore();
const http = new HttpServer(core);
let base = '';

beforeAll(async () => {
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});
afterAll(async () => {
  await http.close();
  await core.close();
});

describe('operations', () => {
  it('GET /metrics reports questions, reports by status, the outbox and request latency in Prometheus format', async () => {
    await core.bot.handle({ type: 'message', actor: { identity: 'local:a@b.dk' }, conversation: { channel: 't', id: 'c' }, text: 'hvor mange supportberettigede har Odense' });
    await core.bot.handle({ type: 'message', actor: { identity: 'local:a@b.dk' }, conversation: { channel: 't', id: 'c' }, text: 'hvordan laver jeg en pivottabel i excel' });
    const reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
    const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
    const number = fileReport(core, reporter);
    core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
    await fetch(`${base}/healthz`);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('aula_questions_total{outcome="answered"} 1');
    expect(text).toContain('aula_questions_total{outcome="unanswered"} 1');
    expect(text).toContain('aula_reports{status="approved"} 1');
    expect(text).toContain('aula_outbox_depth 1');
    expect(text).toMatch(/aula_outbox_oldest_age_seconds \d/);
    expect(text).toMatch(/aula_http_request_duration_seconds_count\{route="\/healthz",status="200"\} 1/);
    await core.outboxWorker.runOnce();
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('aula_deliveries_total 1');
  });

  it('aula-support backup copies the database online', async () => {
    const env = { DATABASE_PATH: join(core.dir, 'live.db') };
    await runCli(['people', 'add', '--email', 'x@odense.dk', '--name', 'X', '--municipality', 'Odense', '--role', 'staff'], { env });
    const target = join(core.dir, 'backup.db');
    const r = await runCli(['backup', target], { env });
    expect(r.code).toBe(0);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n).toBe(1);
    copy.close();
  });
});
