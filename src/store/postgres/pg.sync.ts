import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { PG_WORKER_SOURCE } from './pg.worker.source.js';

export interface PgSyncOptions {
  /** Longest a statement may run (server side). */
  statementTimeoutMs?: number;
  /** Longest a statement waits for a row or advisory lock held by another replica (server side). */
  lockTimeoutMs?: number;
  connectTimeoutMs?: number;
  /**
   * false: commits return before the WAL is flushed (synchronous_commit = off). For frequent,
   * low-value writes (question log, conversation references), like SQLite's NORMAL connection:
   * a server crash may lose the last fraction of a second of them, never corrupts anything.
   */
  synchronousCommit?: boolean;
}

interface Reply {
  id: number;
  rows?: Record<string, unknown>[];
  rowCount?: number;
  error?: { message: string; code: string };
}

/** A PostgreSQL error, with its SQLSTATE in `code` like pg's own errors. */
export class PgError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'PgError';
  }
}

/**
 * Synchronous queries against PostgreSQL: a worker thread owns the pg connection and the calling
 * thread blocks (Atomics.wait) until the answer arrives, as it does for every better-sqlite3 call.
 * This keeps one repository code path for SQLite and PostgreSQL, and a transaction function runs
 * without interleaving with other requests of the same process, exactly as on SQLite. The price: the
 * event loop waits for each round trip (≈0.1–0.5 ms on a nearby server), so one process serves
 * fewer requests per second than an async driver would; scale out with replicas and WEB_CONCURRENCY.
 */
export class PgSync {
  /** How long calls fail fast after the connection could not be made (a circuit breaker). */
  static FAIL_FAST_MS = 2_000;
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private flag: Int32Array | undefined;
  private nextId = 1;
  /** After a failed connection, fail fast until then instead of blocking the event loop on each call. */
  private downUntil = 0;
  private readonly options: Required<PgSyncOptions>;

  constructor(private readonly url: string, options: PgSyncOptions = {}) {
    // Only these travel to the worker (workerData is cloned; callers may pass wider option objects).
    this.options = {
      statementTimeoutMs: options.statementTimeoutMs ?? 15_000,
      lockTimeoutMs: options.lockTimeoutMs ?? 5_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      synchronousCommit: options.synchronousCommit ?? true,
    };
  }

  query(sql: string, params: readonly unknown[] = [], opts: { prepared?: boolean; multi?: boolean } = {}): { rows: Record<string, unknown>[]; rowCount: number } {
    if (Date.now() < this.downUntil) throw new PgError('PostgreSQL unreachable (recent failure; retrying shortly)', 'PG_UNREACHABLE');
    const { port, flag } = this.start();
    const id = this.nextId++;
    const name = opts.prepared ? `s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}` : undefined;
    Atomics.store(flag, 0, 0);
    port.postMessage({ id, sql, params: params.map(toPg), name, multi: opts.multi ?? false });
    // Backstop well past the server-side timeouts: a worker that does not answer is replaced.
    const budget = this.options.statementTimeoutMs + this.options.connectTimeoutMs + 5_000;
    for (;;) {
      if (Atomics.wait(flag, 0, 0, budget) === 'timed-out') {
        this.reset();
        this.downUntil = Date.now() + PgSync.FAIL_FAST_MS;
        throw new PgError('PostgreSQL did not answer in time', 'PG_TIMEOUT');
      }
      const got = receiveMessageOnPort(port)?.message as Reply | undefined;
      if (!got) {
        Atomics.store(flag, 0, 0);
        continue;
      }
      if (got.id !== id) continue; // a late answer to a request we gave up on
      if (got.error) {
        if (isConnectionFailure(got.error.code)) this.downUntil = Date.now() + PgSync.FAIL_FAST_MS;
        throw new PgError(got.error.message, got.error.code);
      }
      return { rows: got.rows ?? [], rowCount: got.rowCount ?? 0 };
    }
  }

  close(): void {
    if (!this.worker) return;
    try {
      const { port, flag } = this.start();
      Atomics.store(flag, 0, 0);
      port.postMessage({ id: this.nextId++, op: 'close' });
      Atomics.wait(flag, 0, 0, 2_000);
    } finally {
      this.reset();
    }
  }

  private start(): { port: MessagePort; flag: Int32Array } {
    if (this.worker && this.port && this.flag) return { port: this.port, flag: this.flag };
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const pgPath = createRequire(import.meta.url).resolve('pg');
    this.worker = new Worker(PG_WORKER_SOURCE, {
      eval: true,
      workerData: { url: this.url, signal, port: port2, pgPath, ...this.options },
      transferList: [port2],
    });
    // The worker must not keep the process alive on its own, nor crash it.
    this.worker.unref();
    this.worker.on('error', () => this.reset());
    this.port = port1;
    this.flag = new Int32Array(signal);
    return { port: this.port, flag: this.flag };
  }

  private reset(): void {
    const w = this.worker;
    this.worker = undefined;
    this.port?.close();
    this.port = undefined;
    this.flag = undefined;
    if (w) void w.terminate();
  }
}

/** Could not connect or lost the connection (not a statement error). */
function isConnectionFailure(code: string): boolean {
  return /^(08|57P0|PG_UNREACHABLE|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN)/.test(code);
}

/** Values as pg expects them: bigint as text, undefined as NULL (better-sqlite3 refuses undefined; we never rely on it). */
function toPg(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v === undefined) return null;
  return v;
}
