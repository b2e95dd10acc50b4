import type { Logger } from 'pino';
import { isBusy } from '../store/sqlite/database.js';

interface Queued {
  label: string;
  work: () => unknown;
}

/**
 * Work that failed because another process held the database's write lock, retried later off the
 * request path. better-sqlite3 waits synchronously, so the server uses a short busy timeout and
 * answers the platform first. While anything waits here, new work is queued without trying (each
 * try would block the event loop for the busy timeout); one probe at a time retries the oldest,
 * backing off while the lock lasts, and drains the rest once it succeeds. Bounded: when full, new
 * work is dropped with a warning (question-log rows, platform events Slack has been acked for).
 * Process memory on purpose: a restart loses at most these retries, never a report.
 */
export class BusyRetryQueue {
  private readonly queue: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  private delayIndex = 0;
  private stopped = false;

  constructor(
    private readonly logger: Logger,
    private readonly max = 500,
    private readonly delaysMs: readonly number[] = [250, 500, 1000, 2000],
  ) {}

  /** How many pieces of work wait for a retry. */
  get size(): number {
    return this.queue.length;
  }

  /** Something waits for the lock: callers should queue instead of trying (and blocking). */
  get waiting(): boolean {
    return this.queue.length > 0;
  }

  /**
   * Run `work` now (or queue it at once while others wait); if it fails with SQLITE_BUSY, queue it
   * and resolve. Other errors propagate.
   */
  async run(label: string, work: () => unknown): Promise<void> {
    if (this.waiting) return this.later(label, work);
    try {
      await work();
    } catch (err) {
      if (!isBusy(err)) throw err;
      this.later(label, work);
    }
  }

  /** Queue `work` for a retry without running it now. */
  later(label: string, work: () => unknown): void {
    if (this.stopped) return;
    if (this.queue.length >= this.max) {
      this.logger.warn({ work: label, queued: this.queue.length }, 'database locked and the retry queue is full: work dropped');
      return;
    }
    if (!this.queue.length) this.logger.warn({ work: label }, 'database locked: work queued for retry');
    this.queue.push({ label, work });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.stopped || !this.queue.length) return;
    const delay = this.delaysMs[Math.min(this.delayIndex, this.delaysMs.length - 1)]!;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delay);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    while (this.queue.length && !this.stopped) {
      const head = this.queue[0]!;
      try {
        await head.work();
      } catch (err) {
        if (isBusy(err)) {
          this.delayIndex++;
          return this.schedule();
        }
        this.logger.warn({ work: head.label, err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'retried work failed; dropped');
      }
      this.queue.shift();
      this.delayIndex = 0;
    }
  }

  /** Drop every queued retry (shutdown). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }
}
