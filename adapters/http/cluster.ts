import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { LatencySnapshot } from '../../src/metrics/metrics.js';

/**
 * WEB_CONCURRENCY > 1: a primary process forks that many HTTP workers sharing the port (Node's
 * cluster, round-robin). All state is in SQLite, so any worker can serve any request. Worker 0 is
 * the leader: only it runs the outbox, the notification passes and retention; the others ask it,
 * through the primary, to run a notification pass now ("kick") after something worth telling.
 * `/metrics` sums request latency over every worker.
 */

/** The only messages exchanged; anything else on the IPC channel is ignored. */
export type HubMessage =
  | { aula: 'kick' }
  | { aula: 'metrics?'; id: number }
  | { aula: 'snapshot?'; id: number }
  | { aula: 'snapshot'; id: number; snapshot: LatencySnapshot }
  | { aula: 'metrics'; id: number; snapshots: LatencySnapshot[] };

export const LEADER = 0;

function isHubMessage(m: unknown): m is HubMessage {
  return typeof m === 'object' && m !== null && typeof (m as { aula?: unknown }).aula === 'string';
}

/** The primary's routing, free of process handling so it can be tested on its own. */
export class ClusterHub {
  private nextId = 1;
  private readonly collecting = new Map<number, { requester: number; requestId: number; missing: Set<number>; snapshots: LatencySnapshot[]; timer: NodeJS.Timeout }>();

  constructor(
    private readonly send: (index: number, msg: HubMessage) => void,
    private readonly alive: () => number[],
    private readonly timeoutMs = 1000,
  ) {}

  onMessage(from: number, msg: unknown): void {
    if (!isHubMessage(msg)) return;
    if (msg.aula === 'kick') {
      if (this.alive().includes(LEADER)) this.send(LEADER, { aula: 'kick' });
    } else if (msg.aula === 'metrics?') {
      const id = this.nextId++;
      const missing = new Set(this.alive());
      const timer = setTimeout(() => this.finish(id), this.timeoutMs);
      this.collecting.set(id, { requester: from, requestId: msg.id, missing, snapshots: [], timer });
      for (const i of missing) this.send(i, { aula: 'snapshot?', id });
      if (!missing.size) this.finish(id);
    } else if (msg.aula === 'snapshot') {
      const c = this.collecting.get(msg.id);
      if (!c || !c.missing.delete(from)) return;
      c.snapshots.push(msg.snapshot);
      if (!c.missing.size) this.finish(msg.id);
    }
  }

  /** A worker went away: stop waiting for its answers. */
  gone(index: number): void {
    for (const [id, c] of this.collecting) if (c.missing.delete(index) && !c.missing.size) this.finish(id);
  }

  private finish(id: number): void {
    const c = this.collecting.get(id);
    if (!c) return;
    clearTimeout(c.timer);
    this.collecting.delete(id);
    this.send(c.requester, { aula: 'metrics', id: c.requestId, snapshots: c.snapshots });
  }
}

/** The primary: fork the workers, restart any that dies (backing off when it dies young), stop them on SIGTERM. */
export function runPrimary(workers: number, logger: Logger): void {
  const byIndex = new Map<number, Worker>();
  let stopping = false;
  const hub = new ClusterHub((i, m) => void byIndex.get(i)?.send(m), () => [...byIndex].filter(([, w]) => w.isConnected()).map(([i]) => i));
  const fork = (index: number, restarts: number) => {
    const started = Date.now();
    const worker = cluster.fork({ AULA_WORKER_INDEX: String(index) });
    byIndex.set(index, worker);
    worker.on('message', (m: unknown) => hub.onMessage(index, m));
    worker.on('exit', (code, signal) => {
      if (byIndex.get(index) === worker) byIndex.delete(index);
      hub.gone(index);
      if (stopping) {
        if (!byIndex.size) process.exit(0);
        return;
      }
      const young = Date.now() - started < 10_000;
      const delay = young ? Math.min(30_000, 1000 * 2 ** restarts) : 1000;
      logger.error({ worker: index, code, signal, restartInMs: delay }, 'worker exited unexpectedly; restarting it');
      setTimeout(() => fork(index, young ? restarts + 1 : 0), delay);
    });
  };
  for (let i = 0; i < workers; i++) fork(i, 0);
  logger.info({ workers, pid: process.pid }, 'aula-support primary started');
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    for (const w of byIndex.values()) w.process.kill('SIGTERM');
    if (!byIndex.size) process.exit(0);
    setTimeout(() => process.exit(0), 8000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** A worker's side of the IPC channel. */
export class WorkerLink {
  private nextId = 1;
  private readonly pending = new Map<number, (s: LatencySnapshot[]) => void>();
  /** What the leader does when another worker asks for a notification pass. */
  onKick: () => void = () => undefined;

  constructor(readonly index: number, private readonly snapshot: () => LatencySnapshot) {
    process.on('message', (m: unknown) => this.onMessage(m));
  }

  get leader(): boolean {
    return this.index === LEADER;
  }

  kick(): void {
    process.send?.({ aula: 'kick' } satisfies HubMessage);
  }

  /** Every worker's latency histograms (this one's alone if the primary does not answer in time). */
  latency(): Promise<LatencySnapshot[]> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.pending.delete(id) && resolve([this.snapshot()]), 2000);
      this.pending.set(id, (s) => {
        clearTimeout(timer);
        resolve(s);
      });
      process.send?.({ aula: 'metrics?', id } satisfies HubMessage);
    });
  }

  private onMessage(m: unknown): void {
    if (!isHubMessage(m)) return;
    if (m.aula === 'snapshot?') process.send?.({ aula: 'snapshot', id: m.id, snapshot: this.snapshot() } satisfies HubMessage);
    else if (m.aula === 'kick') this.onKick();
    else if (m.aula === 'metrics') {
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      done?.(m.snapshots);
    }
  }
}
