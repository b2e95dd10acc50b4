import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { signBody } from '../../src/outbox/forwarders/index.js';
import { EXTERNAL_STATUSES, type ExternalStatus } from '../../src/reports/report.types.js';
import { EXTERNAL_TRANSITIONS } from '../../src/workflow/external-status.js';
import type { Person } from '../../src/directory/directory.types.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';

const SECRET = 'status-secret-0123456789';
const core = testCore({ FORWARD_WEBHOOK_SECRET: SECRET });
const http = new HttpServer(core);
let base = '';
let number = '';
let reporter: Person;
let holder: Person;
const approver = () => ({ kind: 'person' as const, person: holder, identity: 'x' });

/** A report approved and delivered to the service desk. */
async function forwarded(by: Person = reporter): Promise<string> {
  const n = fileReport(core, by);
  core.workflow.decide(approver(), n, 'approve');
  await core.outboxWorker.runOnce();
  expect(core.workflow.get(n)?.status).toBe('forwarded');
  return n;
}

beforeAll(async () => {
  const port = await http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
  holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
  number = await forwarded();
});

afterAll(async () => {
  await http.close();
  await core.close();
});

let tick = 0;
function signed(path: string, body: string, headers: Record<string, string> = {}) {
  // A distinct timestamp per request: each signature may be used once.
  const ts = String(Math.floor(Date.now() / 1000) - 200 + (tick++ % 200));
  return { path, init: { method: 'POST', headers: { 'content-type': 'application/json', 'x-aula-timestamp': ts, 'x-aula-signature': `sha256=${signBody(SECRET, ts, body)}`, ...headers }, body } };
}
const send = (s: ReturnType<typeof signed>) => fetch(`${base}${s.path}`, s.init);
const post = (path: string, body: string, headers: Record<string, string> = {}) => send(signed(path, body, headers));
const status = (n: string, s: string, extra: Record<string, unknown> = {}) => post(`/api/reports/${n}/status`, JSON.stringify({ number: n, status: s, ...extra }));

describe('POST /api/reports/<number>/status', () => {
  it('accepts a signed status, stores it and notifies the reporter', async () => {
    const res = await status(number, 'i gang', { message: 'Vi undersøger fejlen.', reference: 'NC-4711' });
    expect(res.status).toBe(200);
    expect(core.workflow.get(number)).toMatchObject({ externalStatus: 'i gang', externalReference: 'NC-4711' });
    const told = core.notifications.pending(reporter.id).map((n) => JSON.stringify(n.reply));
    expect(told.join('\n')).toMatch(/status \*\*i gang\*\*.*Vi undersøger fejlen/);
  });

  it('closes the report when the service desk says it is solved', async () => {
    expect((await status(number, 'løst', { message: 'Rettet i version 2.4' })).status).toBe(200);
    expect(core.workflow.get(number)?.closedAt).not.toBeNull();
  });

  it('refuses a bad signature, a wrong content type, an oversized body and unknown values, storing nothing', async () => {
    const before = core.workflow.get(number)!.version;
    const body = JSON.stringify({ number, status: 'lukket' });
    expect((await post(`/api/reports/${number}/status`, body, { 'x-aula-signature': 'sha256=00' })).status).toBe(401);
    expect((await post(`/api/reports/${number}/status`, body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(`/api/reports/${number}/status`, JSON.stringify({ number, status: 'lukket', message: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await status(number, 'forsvundet')).status).toBe(422);
    expect((await post(`/api/reports/${number}/status`, '{not json')).status).toBe(400);
    expect((await status('AULA-2026-999999', 'lukket')).status).toBe(404);
    expect(core.workflow.get(number)!.version).toBe(before);
    expect(core.logs.text).not.toContain(SECRET);
  });

  it('requires the body to name the report of the path: a request signed for one report is refused on another\'s path', async () => {
    const one = await forwarded();
    const two = await forwarded();
    const noNumber = await post(`/api/reports/${two}/status`, JSON.stringify({ status: 'lukket' }));
    expect(noNumber.status).toBe(422);
    expect(((await noNumber.json()) as { issues: string[] }).issues.join('\n')).toContain('"number": "AULA-');
    const moved = await post(`/api/reports/${two}/status`, JSON.stringify({ number: one, status: 'lukket' }));
    expect(moved.status).toBe(422);
    expect(((await moved.json()) as { error: string }).error).toContain('is not the report in the path');
    expect(core.workflow.get(two)).toMatchObject({ externalStatus: null, closedAt: null });
    expect(core.workflow.get(one)).toMatchObject({ externalStatus: null, closedAt: null });
  });

  it('refuses a replayed request (same signature) with 409, also after the first was accepted', async () => {
    const n = await forwarded();
    const once = signed(`/api/reports/${n}/status`, JSON.stringify({ number: n, status: 'modtaget' }));
    expect((await send(once)).status).toBe(200);
    const again = await send(once);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/already used/);
    // Durable: the seen signature is in SQLite, not in memory.
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM seen_signatures').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('a report never delivered to the service desk gets no external status (submitted, approved, dead-lettered, rejected, withdrawn, needs info)', async () => {
    const submitted = fileReport(core, reporter);
    const approved = fileReport(core, reporter);
    core.workflow.decide(approver(), approved, 'approve');
    const dead = fileReport(core, reporter);
    core.workflow.decide(approver(), dead, 'approve');
    core.delivery.deadLetter(core.workflow.get(dead)!.id, 'HTTP 500');
    const rejected = fileReport(core, reporter);
    expect(core.workflow.decide(approver(), rejected, 'reject', 'Det er et spørgsmål om brug').ok).toBe(true);
    const withdrawn = fileReport(core, reporter);
    expect(core.workflow.withdraw(reporter, withdrawn).ok).toBe(true);
    const needsInfo = fileReport(core, reporter);
    expect(core.workflow.decide(approver(), needsInfo, 'request_info', 'Hvilken skole?').ok).toBe(true);
    for (const n of [submitted, approved, dead, rejected, withdrawn, needsInfo]) {
      const before = core.workflow.get(n)!;
      for (const s of ['modtaget', 'lukket']) {
        const res = await status(n, s);
        expect(res.status, `${before.status} → ${s}`).toBe(409);
        expect(((await res.json()) as { error: string }).error).toMatch(/has not been delivered/);
      }
      expect(core.workflow.get(n)).toMatchObject({ status: before.status, externalStatus: null, closedAt: before.closedAt, version: before.version });
    }
    // A draft has no number, so no path can name it.
    const draft = core.workflow.draftFor(reporter);
    expect((await status(String(draft.id), 'lukket')).status).toBe(422);
  });

  it('allows exactly the transitions in the table: every refused edge is refused and changes nothing', async () => {
    const all = EXTERNAL_STATUSES as readonly ExternalStatus[];
    const path: Record<ExternalStatus, ExternalStatus[]> = { modtaget: ['modtaget'], 'i gang': ['i gang'], 'afventer kommunen': ['afventer kommunen'], løst: ['løst'], lukket: ['lukket'] };
    let refusedEdges = 0;
    for (const from of all) {
      for (const to of all) {
        const n = await forwarded();
        expect((await status(n, path[from][0]!)).status).toBe(200);
        const before = core.workflow.get(n)!;
        const res = await status(n, to);
        const allowed = EXTERNAL_TRANSITIONS[from].includes(to);
        expect(res.status, `${from} → ${to}`).toBe(allowed ? 200 : 409);
        if (!allowed) {
          refusedEdges++;
          expect(core.workflow.get(n)).toMatchObject({ externalStatus: from, version: before.version, closedAt: before.closedAt });
        }
      }
    }
    expect(refusedEdges).toBeGreaterThanOrEqual(6); // lukket → anything, løst → open states, anything → modtaget once work began
    expect(EXTERNAL_TRANSITIONS.lukket).toEqual([]);
  });

  it('reopening a solved report (løst → i gang) stops the retention clock; lukket is final', async () => {
    const n = await forwarded();
    expect((await status(n, 'løst')).status).toBe(200);
    expect(core.workflow.get(n)?.closedAt).not.toBeNull();
    expect((await status(n, 'i gang')).status).toBe(200);
    expect(core.workflow.get(n)?.closedAt).toBeNull();
    expect((await status(n, 'lukket')).status).toBe(200);
    expect((await status(n, 'i gang')).status).toBe(409);
  });

  it('cleans the message and reference (CPR numbers masked) before storing or telling the reporter', async () => {
    const kim = person(core, 'kim@odense.dk', 'Kim', 'Odense', 'superuser');
    const n = await forwarded(kim);
    expect((await status(n, 'i gang', { message: 'Eleven 010190-1234 er set', reference: 'NC-010190-1234' })).status).toBe(200);
    const r = core.workflow.get(n)!;
    expect(r.externalReference).toMatch(/^NC-/);
    expect(r.externalReference).not.toContain('010190-1234');
    const told = core.notifications.pending(kim.id).map((x) => JSON.stringify(x.reply)).join('\n');
    expect(told).toContain('Eleven');
    expect(told).not.toContain('010190-1234');
  });

  it('a refused callback is logged with the route and a valid report number only, never the URL or its query string', async () => {
    const before = core.logs.lines.length;
    await post('/api/reports/0101901234/status?cpr=0101901234', JSON.stringify({ number: 'AULA-2026-000001', status: 'lukket' }), { 'x-aula-signature': 'sha256=00' });
    await post(`/api/reports/${number}/status?cpr=0101901234`, '{}', { 'x-aula-signature': 'sha256=00' });
    const lines = core.logs.lines.slice(before).join('\n');
    expect(lines).toMatch(/status callback refused/);
    expect(lines).toContain('/api/reports/:number/status');
    expect(lines).toContain(number);
    expect(lines).not.toContain('0101901234');
    expect(lines).not.toContain('cpr=');
  });
});
