import type { Logger } from 'pino';
import { isBusy } from '../store/sqlite/database.js';

/**
 * Work that failed because another process held the database's write lock, retried later off the
 * request path. better-sqlite3 waits synchronously, so the server uses a short busy timeout and
 * answers the platform first; this queue then retries with backoff. Bounded: when full, or after
 * the last delay, the work is dropped with a warning (it was low-value or the platform retries).
 * Process memory on purpose: a restart loses at most these retries, never a report.
 */
export class BusyRetryQueue {
  private pending = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly logger: Logger,
    private readonly max = 200,
    private readonly delaysMs: readonly number[] = [250, 500, 1000, 2000, 4000, 8000],
  ) {}

  /** How many pieces of work wait for a retry (for tests and metrics). */
  get size(): number {
    return this.pending;
  }

  /**
   * Run `work` now; if it fails with SQLITE_BUSY, queue it for retries and resolve at once.
   * Other errors are not this queue's business: they propagate.
   */
  async run(label: string, work: () => unknown): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (!isBusy(err)) throw err;
      this.retry(label, work, 0);
    }
  }

  /** Queue `work` for retries without running it now (it just failed with SQLITE_BUSY). */
  later(label: string, work: () => unknown): void {
    this.retry(label, work, 0);
  }

  private retry(label: string, work: () => unknown, attempt: number): void {
    const delay = this.delaysMs[attempt];
    if (delay === undefined || (attempt === 0 && this.pending >= this.max)) {
      this.logger.warn({ work: label, attempts: attempt, queued: this.pending }, 'database locked: work dropped after retries or with the retry queue full');
      return;
    }
    if (attempt === 0) this.pending++;
    if (attempt === 0) this.logger.warn({ work: label }, 'database locked: work queued for retry');
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void (async () => {
        try {
          await work();
          this.pending--;
        } catch (err) {
          if (isBusy(err) && this.delaysMs[attempt + 1] !== undefined) return this.retry(label, work, attempt + 1);
          this.pending--;
          this.logger.warn({ work: label, attempts: attempt + 1, err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'retried work failed; dropped');
        }
      })();
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** Drop every queued retry (shutdown). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending = 0;
  }
}
