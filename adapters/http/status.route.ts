import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Core } from '../../src/core.js';
import { verifySignature } from '../../src/outbox/forwarders/index.js';
import { EXTERNAL_STATUSES } from '../../src/reports/report.types.js';
import { SqliteSeenSignatures } from '../../src/store/sqlite/seen-signature.sqlite-repository.js';
import { sendJson } from './http.server.js';
import { BodyTooLarge, readBody } from './read-body.js';

const MAX_BODY = 64 * 1024;
/** The signature's validity window either side of now, in seconds (as `verifySignature` checks). */
const WINDOW_SECONDS = 300;
export const REPORT_NUMBER = /^AULA-\d{4}-\d{6}$/;
const ROUTE = '/api/reports/:number/status';

const statusBody = z.object({
  number: z.string({ required_error: 'the body must name the report: "number": "AULA-…"' }).regex(REPORT_NUMBER, 'must be a report number like AULA-2026-000123'),
  status: z.enum(EXTERNAL_STATUSES),
  message: z.string().max(4000).default(''),
  reference: z.string().max(200).nullable().optional(),
});

/**
 * `POST /api/reports/<number>/status`: the service desk reports progress. The body is signed like
 * our forwarded reports: `X-Aula-Signature: sha256=<HMAC of "<timestamp>.<body>">` and
 * `X-Aula-Timestamp` (unix seconds, at most 5 minutes off), with FORWARD_WEBHOOK_SECRET. The body
 * names its report (`"number"`, equal to the path's), each signature is accepted once, and only
 * the transitions in EXTERNAL_TRANSITIONS are allowed.
 */
export function statusRoute(core: Core) {
  const seen = new SqliteSeenSignatures(core.db);
  return async (req: IncomingMessage, res: ServerResponse, number: string): Promise<void> => {
    // Never the raw URL: a path or query string may carry anything, personal data included.
    const where = { route: ROUTE, ...(REPORT_NUMBER.test(number) ? { number } : {}) };
    const refused = (status: number, error: string, reason: string, extra: Record<string, unknown> = {}) => {
      core.logger.warn({ ...where, status, reason }, 'status callback refused');
      sendJson(res, status, { error, ...extra });
    };
    const secret = core.config.FORWARD_WEBHOOK_SECRET;
    if (!secret) return sendJson(res, 503, { error: 'status callbacks are not configured (set FORWARD_WEBHOOK_SECRET)' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refused(415, 'content-type must be application/json', 'content-type');
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY);
    } catch (err) {
      if (err instanceof BodyTooLarge) return refused(413, `body larger than ${MAX_BODY} bytes`, 'too large');
      throw err;
    }
    const body = raw.toString('utf8');
    const signature = String(req.headers['x-aula-signature'] ?? '');
    const timestamp = String(req.headers['x-aula-timestamp'] ?? '');
    if (!verifySignature(secret, timestamp, body, signature, Math.floor(Date.now() / 1000), WINDOW_SECONDS)) return refused(401, 'invalid signature', 'bad signature');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return refused(400, 'malformed JSON', 'malformed JSON');
    }
    const parsed = statusBody.safeParse(json);
    if (!parsed.success) return refused(422, 'invalid body', 'invalid body', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    if (parsed.data.number !== number) return refused(422, `the body's "number" (${parsed.data.number}) is not the report in the path (${REPORT_NUMBER.test(number) ? number : 'not a report number'})`, 'number mismatch');
    // A valid signature is used once: a captured request cannot be sent again while its timestamp is fresh.
    const digest = createHash('sha256').update(signature.trim().toLowerCase()).digest('hex');
    if (!seen.firstUse(digest, (Number(timestamp) + WINDOW_SECONDS + 60) * 1000)) return refused(409, 'this signature was already used; sign each callback with a fresh timestamp', 'replay');
    const r = core.delivery.externalStatus(number, parsed.data.status, parsed.data.message, parsed.data.reference ?? null);
    if (!r.ok) return refused(r.code === 'not_found' ? 404 : 409, r.message, r.code);
    sendJson(res, 200, { ok: true, number, status: parsed.data.status });
  };
}
