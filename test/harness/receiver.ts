import { createServer, type Server } from 'node:http';
import { verifySignature } from '../../src/outbox/forwarders/index.js';

export interface Receiver {
  url: string;
  /** Every request, in arrival order. */
  requests: { key: string; number: string; validSignature: boolean; body: Record<string, unknown> }[];
  /** Deduplicated by Idempotency-Key, as a well-behaved service desk would. */
  processed: Map<string, string>;
  /** Status to answer with for the next request (default 200). */
  respond: (n: number) => number;
  delayMs: number;
  close(): Promise<void>;
}

/** A local stand-in for the service desk's webhook. */
export async function startReceiver(secret: string): Promise<Receiver> {
  const r: Omit<Receiver, 'url' | 'close'> = { requests: [], processed: new Map(), respond: () => 200, delayMs: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const json = JSON.parse(body) as { reportNumber: string } & Record<string, unknown>;
      const validSignature = verifySignature(secret, String(req.headers['x-aula-timestamp']), body, String(req.headers['x-aula-signature']), Math.floor(Date.now() / 1000));
      r.requests.push({ key, number: json.reportNumber, validSignature, body: json });
      const status = r.respond(r.requests.length);
      setTimeout(() => {
        if (status < 300 && !r.processed.has(key)) r.processed.set(key, json.reportNumber);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{}');
      }, r.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return Object.assign(r, {
    url: `http://127.0.0.1:${port}/aula`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as Receiver;
}
