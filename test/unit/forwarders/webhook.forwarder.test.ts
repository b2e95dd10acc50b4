import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome } from '../../../src/outbox/forwarder.port.js';
import { WebhookForwarder, parseRetryAfter, verifySignature } from '../../../src/outbox/forwarders/webhook.forwarder.js';
import { sampleMessage } from './message.fixture.js';

const SECRET = 'delt-hemmelighed-til-test';
const NOW_MS = Date.UTC(2025, 9, 1, 8, 30, 0);

interface Received {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

type Respond = (res: ServerResponse) => void;

interface FakeDesk {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

const servers: Server[] = [];

/** A real HTTP server on 127.0.0.1; answers each request with the next responder (then 200). */
async function startDesk(responders: Respond[] = []): Promise<FakeDesk> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const respond = responders.shift() ?? ((r: ServerResponse) => r.writeHead(200).end('{"ok":true}'));
      respond(res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/aula/fejlrapporter`,
    received,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).filter((s) => s.listening).map(closeServer));
});

function forwarderFor(url: string, timeoutMs = 5_000): WebhookForwarder {
  return new WebhookForwarder({ url, secret: SECRET, timeoutMs, now: () => NOW_MS });
}

/** Reasons go to logs: no report text may leak into them. */
function expectNoReportContent(outcome: DeliveryOutcome): void {
  const m = sampleMessage();
  const logged = JSON.stringify(outcome);
  for (const secretish of [m.text, String(m.payload.description), 'Ærø', 'Søren', SECRET]) expect(logged).not.toContain(secretish);
}

describe('WebhookForwarder against a real HTTP server', () => {
  it('POSTs the signed JSON with the idempotency key and gets delivered on 200', async () => {
    const desk = await startDesk();
    const message = sampleMessage();

    const outcome = await forwarderFor(desk.url).deliver(message);

    expect(outcome).toEqual({ kind: 'delivered', detail: 'HTTP 200' });
    expect(desk.received).toHaveLength(1);
    const req = desk.received[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/aula/fejlrapporter');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toBe('aula-support-bot');
    expect(req.headers['idempotency-key']).toBe(message.idempotencyKey);
    const timestamp = String(req.headers['x-aula-timestamp']);
    expect(timestamp).toBe(String(NOW_MS / 1000));
    expect(JSON.parse(req.body)).toEqual({ ...message.payload, reportNumber: message.reportNumber });
    const signature = String(req.headers['x-aula-signature']);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, timestamp, req.body, signature, NOW_MS / 1000 + 5)).toBe(true);
    expect(verifySignature('forkert', timestamp, req.body, signature, NOW_MS / 1000)).toBe(false);
  });

  it('POSTs a supplement as signed JSON with type "supplement", the report number and its own key', async () => {
    const desk = await startDesk();
    const supplement = sampleMessage({
      kind: 'supplement',
      idempotencyKey: 'supplement-key-1',
      payload: { type: 'supplement', number: 'AULA-2025-0042', idempotencyKey: 'supplement-key-1', seenBy: { name: 'Ole', email: 'ole@aeroe.dk' } },
    });
    expect(await forwarderFor(desk.url).deliver(supplement)).toEqual({ kind: 'delivered', detail: 'HTTP 200' });
    const req = desk.received[0]!;
    expect(req.headers['idempotency-key']).toBe('supplement-key-1');
    expect(JSON.parse(req.body)).toEqual({ type: 'supplement', number: 'AULA-2025-0042', reportNumber: 'AULA-2025-0042', idempotencyKey: 'supplement-key-1', seenBy: { name: 'Ole', email: 'ole@aeroe.dk' } });
    expect(verifySignature(SECRET, String(req.headers['x-aula-timestamp']), req.body, String(req.headers['x-aula-signature']), NOW_MS / 1000)).toBe(true);
  });

  it('retries on 500 and then delivers, with the same idempotency key both times', async () => {
    const desk = await startDesk([(res) => res.writeHead(500).end('boom')]);
    const forwarder = forwarderFor(desk.url);

    const first = await forwarder.deliver(sampleMessage());
    const second = await forwarder.deliver(sampleMessage());

    expect(first).toEqual({ kind: 'retry', reason: 'HTTP 500' });
    expect(second).toEqual({ kind: 'delivered', detail: 'HTTP 200' });
    expect(desk.received.map((r) => r.headers['idempotency-key'])).toEqual([sampleMessage().idempotencyKey, sampleMessage().idempotencyKey]);
    expect(desk.received[0]!.body).toBe(desk.received[1]!.body);
  });

  it('honours Retry-After seconds on 429 and 503', async () => {
    const desk = await startDesk([
      (res) => res.writeHead(429, { 'Retry-After': '120' }).end(),
      (res) => res.writeHead(503, { 'Retry-After': '7' }).end(),
      (res) => res.writeHead(429).end(),
      (res) => res.writeHead(500, { 'Retry-After': '30' }).end(),
    ]);
    const forwarder = forwarderFor(desk.url);

    expect(await forwarder.deliver(sampleMessage())).toEqual({ kind: 'retry', reason: 'HTTP 429', retryAfterMs: 120_000 });
    expect(await forwarder.deliver(sampleMessage())).toEqual({ kind: 'retry', reason: 'HTTP 503', retryAfterMs: 7_000 });
    expect(await forwarder.deliver(sampleMessage())).toEqual({ kind: 'retry', reason: 'HTTP 429' });
    expect(await forwarder.deliver(sampleMessage())).toEqual({ kind: 'retry', reason: 'HTTP 500' });
  });

  it.each([
    [400, 'dead'],
    [401, 'dead'],
    [404, 'dead'],
    [422, 'dead'],
    [408, 'retry'],
    [502, 'retry'],
    [201, 'delivered'],
    [204, 'delivered'],
  ] as const)('classifies HTTP %i as %s', async (status, kind) => {
    const desk = await startDesk([(res) => res.writeHead(status).end(status === 204 ? undefined : '{"fejl":"Beskeder kan ikke sendes"}')]);
    const outcome = await forwarderFor(desk.url).deliver(sampleMessage());
    expect(outcome.kind).toBe(kind);
    expectNoReportContent(outcome);
  });

  it('does not follow a redirect (a POST must not turn into a GET): dead', async () => {
    const desk = await startDesk([(res) => res.writeHead(302, { Location: '/andet-sted' }).end()]);
    const outcome = await forwarderFor(desk.url).deliver(sampleMessage());
    expect(outcome).toEqual({ kind: 'dead', reason: 'HTTP 302: redirect not followed, check the webhook URL' });
    expect(desk.received).toHaveLength(1);
  });

  it('retries when the server is gone (connection refused)', async () => {
    const desk = await startDesk();
    await desk.close();
    const outcome = await forwarderFor(desk.url).deliver(sampleMessage());
    expect(outcome).toEqual({ kind: 'retry', reason: 'network error: ECONNREFUSED' });
  });

  it('retries when the server answers slower than the timeout', async () => {
    const desk = await startDesk([(res) => setTimeout(() => res.writeHead(200).end(), 3_000).unref()]);
    const started = Date.now();
    const outcome = await forwarderFor(desk.url, 150).deliver(sampleMessage());
    expect(outcome).toEqual({ kind: 'retry', reason: 'timeout after 150 ms' });
    expect(desk.received).toHaveLength(1);
    // Not a timing assertion on performance: only that the abort, not the server, ended the wait.
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('gives up on an idempotency key that cannot be a header value, without calling the server', async () => {
    const desk = await startDesk();
    const outcome = await forwarderFor(desk.url).deliver(sampleMessage({ idempotencyKey: 'key\r\nX-Injected: 1' }));
    expect(outcome).toEqual({ kind: 'dead', reason: 'idempotency key is not a valid header value' });
    expect(desk.received).toHaveLength(0);
  });

  it('gives up on a payload that cannot be serialised, without calling the server', async () => {
    const desk = await startDesk();
    const outcome = await forwarderFor(desk.url).deliver(sampleMessage({ payload: { n: 1n } }));
    expect(outcome).toEqual({ kind: 'dead', reason: 'payload is not JSON-serialisable' });
    expect(desk.received).toHaveLength(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, ignores junk', () => {
    expect(parseRetryAfter('0', NOW_MS)).toBe(0);
    expect(parseRetryAfter(' 45 ', NOW_MS)).toBe(45_000);
    expect(parseRetryAfter(new Date(NOW_MS + 90_000).toUTCString(), NOW_MS)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW_MS - 90_000).toUTCString(), NOW_MS)).toBe(0);
    expect(parseRetryAfter(null, NOW_MS)).toBeUndefined();
    expect(parseRetryAfter('snart', NOW_MS)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW_MS)).toBeUndefined();
  });
});
