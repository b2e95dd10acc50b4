import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryOutcome, ForwardMessage, Forwarder } from '../forwarder.port.js';

/*
 * Signature scheme, shared with the status-back endpoint (which reuses signBody / verifySignature):
 *
 *   X-Aula-Timestamp: <unix seconds when the request was signed>
 *   X-Aula-Signature: sha256=<lowercase hex HMAC-SHA256 over `${timestamp}.${body}` with the shared secret>
 *
 * `body` is the exact bytes sent (UTF-8 JSON, serialised once and never re-encoded). Signing the
 * timestamp together with the body means a captured request cannot be replayed later with a fresh
 * timestamp; the receiver rejects timestamps more than `toleranceSeconds` (default 5 min) off its clock.
 */

/** Hex HMAC-SHA256 of `${timestamp}.${body}`; the header value is `sha256=` + this. */
export function signBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * Check an `X-Aula-Signature` header against the body and `X-Aula-Timestamp`. Rejects a missing
 * secret, a malformed header, and a timestamp more than `toleranceSeconds` before or after `nowSeconds`.
 */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  signatureHeader: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (secret === '' || !Number.isFinite(nowSeconds)) return false;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signatureHeader.trim());
  if (!match) return false;
  const given = Buffer.from(match[1] ?? '', 'hex');
  const expected = Buffer.from(signBody(secret, timestamp, body), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface WebhookForwarderOptions {
  url: string;
  /** Shared HMAC secret; never sent, never logged. */
  secret: string;
  /** Whole request, connect to response headers. */
  timeoutMs?: number;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds; injectable for tests. */
  now?: () => number;
}

/** Header values must be visible ASCII; anything else would make fetch throw on every attempt. */
const HEADER_SAFE = /^[\x21-\x7e]{1,200}$/;

/** POSTs the report as signed JSON to the service desk's webhook. */
export class WebhookForwarder implements Forwarder {
  readonly name = 'webhook';
  private readonly url: URL;
  private readonly secret: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  constructor(options: WebhookForwarderOptions) {
    this.url = new URL(options.url);
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  async deliver(message: ForwardMessage): Promise<DeliveryOutcome> {
    if (!HEADER_SAFE.test(message.idempotencyKey)) return { kind: 'dead', reason: 'idempotency key is not a valid header value' };
    let body: string;
    try {
      body = JSON.stringify({ ...message.payload, reportNumber: message.reportNumber });
    } catch {
      return { kind: 'dead', reason: 'payload is not JSON-serialisable' };
    }
    const timestamp = String(Math.floor(this.now() / 1000));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'Idempotency-Key': message.idempotencyKey,
          'X-Aula-Signature': `sha256=${signBody(this.secret, timestamp, body)}`,
          'X-Aula-Timestamp': timestamp,
          'user-agent': 'aula-support-bot',
        },
        body,
        signal: controller.signal,
        // A POST silently turned into a GET by a redirect would look delivered but was not.
        redirect: 'manual',
      });
      // The status is all we need; drop the body so the connection is released.
      await res.body?.cancel().catch(() => undefined);
      return classifyStatus(res.status, res.headers.get('retry-after'), this.now());
    } catch (err) {
      if (controller.signal.aborted) return { kind: 'retry', reason: `timeout after ${this.timeoutMs} ms` };
      return { kind: 'retry', reason: `network error: ${networkCode(err)}` };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** 2xx delivered; 408, 429, 5xx retry; redirects and other 4xx dead (retrying the same request cannot help). */
export function classifyStatus(status: number, retryAfter: string | null, nowMs: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', detail: `HTTP ${status}` };
  if (status === 408 || status === 429 || status >= 500) {
    const wait = status === 429 || status === 503 ? parseRetryAfter(retryAfter, nowMs) : undefined;
    return wait === undefined ? { kind: 'retry', reason: `HTTP ${status}` } : { kind: 'retry', reason: `HTTP ${status}`, retryAfterMs: wait };
  }
  if (status >= 300 && status < 400) return { kind: 'dead', reason: `HTTP ${status}: redirect not followed, check the webhook URL` };
  if (status >= 400) return { kind: 'dead', reason: `HTTP ${status}` };
  return { kind: 'retry', reason: `HTTP ${status}` };
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from now; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000;
  // Every HTTP-date form ends in GMT; Date.parse alone would take '-5' as the year -5.
  const at = /GMT$/.test(v) ? Date.parse(v) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The error code only (ECONNREFUSED, ENOTFOUND …): messages can carry the URL. fetch wraps it in `cause`. */
function networkCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'unknown';
}
