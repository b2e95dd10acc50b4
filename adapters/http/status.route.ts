import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Core } from '../../src/core.js';
import { verifySignature } from '../../src/outbox/forwarders/index.js';
import { EXTERNAL_STATUSES } from '../../src/reports/report.types.js';
import { sendJson } from './http.server.js';
import { BodyTooLarge, readBody } from './read-body.js';

const MAX_BODY = 64 * 1024;
const statusBody = z.object({
  status: z.enum(EXTERNAL_STATUSES),
  message: z.string().max(4000).default(''),
  reference: z.string().max(200).nullable().optional(),
});

/**
 * `POST /api/reports/<number>/status`: the service desk reports progress. The body is signed like
 * our forwarded reports: `X-Aula-Signature: sha256=<HMAC of "<timestamp>.<body>">` and
 * `X-Aula-Timestamp` (unix seconds, at most 5 minutes old), with FORWARD_WEBHOOK_SECRET.
 */
export function statusRoute(core: Core) {
  return async (req: IncomingMessage, res: ServerResponse, number: string): Promise<void> => {
    const secret = core.config.FORWARD_WEBHOOK_SECRET;
    if (!secret) return sendJson(res, 503, { error: 'status callbacks are not configured (set FORWARD_WEBHOOK_SECRET)' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { error: 'content-type must be application/json' });
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY);
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendJson(res, 413, { error: `body larger than ${MAX_BODY} bytes` });
      throw err;
    }
    const body = raw.toString('utf8');
    const signature = String(req.headers['x-aula-signature'] ?? '');
    const timestamp = String(req.headers['x-aula-timestamp'] ?? '');
    if (!verifySignature(secret, timestamp, body, signature, Math.floor(Date.now() / 1000))) {
      core.logger.warn({ path: req.url }, 'status callback refused: bad signature');
      return sendJson(res, 401, { error: 'invalid signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { error: 'malformed JSON' });
    }
    const parsed = statusBody.safeParse(json);
    if (!parsed.success) return sendJson(res, 422, { error: 'invalid body', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const r = core.delivery.externalStatus(number, parsed.data.status, parsed.data.message, parsed.data.reference ?? null);
    if (!r.ok) return sendJson(res, r.code === 'not_found' ? 404 : 409, { error: r.message });
    sendJson(res, 200, { ok: true, number, status: parsed.data.status });
  };
}
