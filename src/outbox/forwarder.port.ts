/** One report (or supplement to a report) to deliver. `idempotencyKey` is stable for it across retries and restarts. */
export interface ForwardMessage {
  /** `supplement`: more about a report the desk already has ("samme fejl her"); absent means `report`. */
  kind?: 'report' | 'supplement';
  /** For a supplement: the idempotency key of the report it belongs to (e-mail threading). */
  relatesTo?: string;
  /** Human-facing report number; also names files and attachments, so it must be file-name safe. */
  reportNumber: string;
  /** Same value on every attempt for this report; the receiver uses it to drop duplicates. */
  idempotencyKey: string;
  /** Structured report for machines (JSON-serialisable). */
  payload: Record<string, unknown>;
  /** The report as readable Danish text for people. */
  text: string;
  /** Danish one-line subject (e-mail subject). */
  subject: string;
}

/**
 * delivered: done. retry: transient, try again later (optionally not before retryAfterMs).
 * dead: permanent, never retry.
 * `reason` and `detail` go to logs: they name status codes and error codes, never report content.
 */
export type DeliveryOutcome =
  | { kind: 'delivered'; detail?: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'dead'; reason: string };

/** Delivers approved reports and their supplements to Netcompany's service desk. */
export interface Forwarder {
  /** Short name for logs (`file`, `webhook`, `smtp`). */
  readonly name: string;
  /** Deliver one message. Never rejects: every failure is a `retry` or `dead` outcome. Safe to repeat with the same message. */
  deliver(message: ForwardMessage): Promise<DeliveryOutcome>;
}

const DEFAULT_BASE_MS = 2_000;
const DEFAULT_CAP_MS = 15 * 60_000;

/**
 * Exponential backoff with full jitter: attempt 1 → up to base, doubling, capped.
 * Returns a whole number of milliseconds in [0, min(cap, base · 2^(attempt-1))).
 * Full jitter spreads retries of many items that failed together (e.g. the desk was down).
 */
export function backoffMs(attempt: number, opts: { baseMs?: number; capMs?: number; random?: () => number } = {}): number {
  const base = Math.max(0, opts.baseMs ?? DEFAULT_BASE_MS);
  const cap = Math.max(0, opts.capMs ?? DEFAULT_CAP_MS);
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // Cap the exponent so huge attempt counts cannot overflow to Infinity (and 0 · Infinity to NaN).
  const ceiling = Math.min(cap, base * 2 ** Math.min(n - 1, 52));
  const r = (opts.random ?? Math.random)();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  // Keep the result strictly below the ceiling even if an injected random returns 1.
  return Math.min(Math.floor(unit * ceiling), Math.max(0, Math.ceil(ceiling) - 1));
}
