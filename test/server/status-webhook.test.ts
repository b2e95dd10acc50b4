import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { signBody } from '../../src/outbox/forwarders/index.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';

const SECRET = 'status-secret-0123456789';
const core = testCore({ FORWARD_WEBHOOK_SECRET: SECRET });
const http = new HttpServer(core);
let base = '';
let number = '';
let reporterId = 0;

beforeAll(async () => {
  const port = await http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  const reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
  reporterId = reporter.id;
  const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
  number = fileReport(core, reporter);
  core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
  await core.outboxWorker.runOnce();
});

afterAll(async () => {
  await http.close();
  await core.close();
});

function post(path: string, body: string, headers: Record<string, string> = {}) {
  const ts = String(Math.floor(Date.now() / 1000));
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-aula-timestamp': ts, 'x-aula-signature': `sha256=${signBody(SECRET, ts, body)}`, ...headers },
    body,
  });
}

describe('POST /api/reports/<number>/status', () => {
  it('accepts a signed status, stores it and notifies the reporter', async () => {
    const res = await post(`/api/reports/${number}/status`, JSON.stringify({ status: 'i gang', message: 'Vi undersøger fejlen.', reference: 'NC-4711' }));
    expect(res.status).toBe(200);
    expect(core.workflow.get(number)).toMatchObject({ externalStatus: 'i gang', externalReference: 'NC-4711' });
    const told = core.notifications.pending(reporterId).map((n) => JSON.stringify(n.reply));
    expect(told.join('\n')).toMatch(/status \*\*i gang\*\*.*Vi undersøger fejlen/);
  });

  it('closes the report when the service desk says it is solved', async () => {
    expect((await post(`/api/reports/${number}/status`, JSON.stringify({ status: 'løst', message: 'Rettet i version 2.4' }))).status).toBe(200);
    expect(core.workflow.get(number)?.closedAt).not.toBeNull();
  });

  it('refuses a bad signature, a wrong content type, an oversized body and unknown values, storing nothing', async () => {
    const before = core.workflow.get(number)!.version;
    expect((await post(`/api/reports/${number}/status`, JSON.stringify({ status: 'lukket' }), { 'x-aula-signature': 'sha256=00' })).status).toBe(401);
    expect((await post(`/api/reports/${number}/status`, JSON.stringify({ status: 'lukket' }), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(`/api/reports/${number}/status`, JSON.stringify({ status: 'lukket', message: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await post(`/api/reports/${number}/status`, JSON.stringify({ status: 'forsvundet' }))).status).toBe(422);
    expect((await post(`/api/reports/${number}/status`, '{not json')).status).toBe(400);
    expect((await post('/api/reports/AULA-2026-999999/status', JSON.stringify({ status: 'lukket' }))).status).toBe(404);
    expect(core.workflow.get(number)!.version).toBe(before);
    expect(core.logs.text).not.toContain(SECRET);
  });
});
