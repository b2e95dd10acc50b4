import type { Logger } from 'pino';
import type { SqliteOutbox, OutboxItem } from '../store/sqlite/outbox.sqlite-repository.js';
import { backoffMs, type ForwardMessage, type Forwarder } from './forwarder.port.js';

export interface OutboxWorkerOptions {
  /** How many items one pass leases. */
  batch: number;
  /** How long a leased item is reserved; a crash mid-delivery only delays it this long. */
  leaseMs: number;
  /** After this many failed attempts an item becomes a dead letter. */
  maxAttempts: number;
  backoff?: { baseMs?: number; capMs?: number; random?: () => number };
}

// The lease must outlast a whole batch of slow deliveries (5 × 10 s webhook timeout, SMTP longer).
export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = { batch: 5, leaseMs: 180_000, maxAttempts: 15 };

export interface OutboxHooks {
  /** Build what to send for an item (report or supplement: payload, Danish text), or undefined if it no longer exists. */
  message(item: OutboxItem): ForwardMessage | undefined;
  /** Runs in the same transaction that marks the item delivered, so a crash cannot separate the two. */
  delivered(item: OutboxItem): void;
  dead(item: OutboxItem, reason: string): void;
}

/** Delivers approved reports from the durable outbox through the configured forwarder. */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  private readonly options: OutboxWorkerOptions;

  constructor(
    private readonly outbox: SqliteOutbox,
    private readonly forwarder: Forwarder,
    private readonly hooks: OutboxHooks,
    private readonly logger: Logger,
    options: Partial<OutboxWorkerOptions> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.options = { ...DEFAULT_OUTBOX_OPTIONS, ...options };
  }

  /** One pass over the due items; returns how many were delivered. Never runs twice at once. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Poll every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    this.stopped = false;
    const tick = async () => {
      try {
        await this.runOnce();
      } catch (err) {
        this.logger.error({ err }, 'outbox pass failed');
      }
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async pass(): Promise<number> {
    let delivered = 0;
    for (const item of this.outbox.lease(this.options.batch, this.options.leaseMs)) {
      if (this.stopped) break;
      const message = this.hooks.message(item);
      if (!message) {
        this.outbox.markDead(item.id, 'report missing');
        continue;
      }
      let outcome;
      try {
        outcome = await this.forwarder.deliver(message);
      } catch (err) {
        outcome = { kind: 'retry' as const, reason: err instanceof Error ? err.name : 'error' };
      }
      const log = { outboxId: item.id, reportNumber: message.reportNumber, attempt: item.attempts, forwarder: this.forwarder.name };
      if (outcome.kind === 'delivered') {
        try {
          // One transaction: delivered in the outbox and forwarded on the report, or neither (then
          // the item is delivered again later under the same key, and the receiver drops the repeat).
          this.outbox.transaction(() => {
            if (this.outbox.markDelivered(item.id)) this.hooks.delivered(item);
          });
        } catch (err) {
          const wait = backoffMs(item.attempts, this.options.backoff);
          this.outbox.markRetry(item.id, new Date(this.now().getTime() + wait), 'delivered, but recording it failed');
          this.logger.error({ ...log, err, retryInMs: wait }, 'delivered but could not record it; will deliver again under the same key');
          continue;
        }
        delivered++;
        this.logger.info({ ...log, kind: item.kind }, item.kind === 'supplement' ? 'supplement delivered' : 'report delivered');
      } else if (outcome.kind === 'dead' || item.attempts >= this.options.maxAttempts) {
        const reason = outcome.kind === 'dead' ? outcome.reason : `gave up after ${item.attempts} attempts: ${outcome.reason}`;
        this.outbox.transaction(() => {
          if (this.outbox.markDead(item.id, reason)) this.hooks.dead(item, reason);
        });
        this.logger.error({ ...log, reason }, 'report delivery dead-lettered');
      } else {
        const wait = Math.max(outcome.retryAfterMs ?? 0, backoffMs(item.attempts, this.options.backoff));
        this.outbox.markRetry(item.id, new Date(this.now().getTime() + wait), outcome.reason);
        this.logger.warn({ ...log, reason: outcome.reason, retryInMs: wait }, 'report delivery failed, will retry');
      }
    }
    return delivered;
  }
}
