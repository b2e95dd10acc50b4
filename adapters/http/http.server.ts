import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Core } from '../../src/core.js';
import type { LatencySnapshot } from '../../src/metrics/metrics.js';
import { DatabaseHealth, type DatabaseHealthReport } from '../../src/store/sqlite/database.health.js';
import { PgHealth } from '../../src/store/postgres/pg.health.js';
import type { PgDb } from '../../src/store/postgres/pg.db.js';
import type { Db } from '../../src/store/sqlite/database.js';
import { newCorrelationId } from '../../src/logging/logger.js';
import { statusRoute } from './status.route.js';
import { homeRoutes } from './home.route.js';
import { mountLegalPages } from './legal.route.js';

/**
 * How a chat adapter gets its stored notifications out: by its own periodic pass (every
 * `notifyIntervalMs`, and at once after an action), or, in a cluster worker that is not the
 * leader, by asking the leader for a pass (`relayKick`) and running none itself.
 */
export interface NotifyOptions {
  notifyIntervalMs?: number;
  relayKick?: () => void;
}

/**
 * Limits that keep slow or idle clients from holding memory and sockets. Defaults suit Slack and
 * Teams (they send a whole request at once); tests pass short ones.
 */
export interface HttpLimits {
  /** Open connections at most; beyond it the oldest idle one (no request in progress) is closed. */
  maxConnections: number;
  /** Time to receive the request headers. */
  headersTimeoutMs: number;
  /** Time to receive the whole request. */
  requestTimeoutMs: number;
  /** A kept-alive connection with no new request is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection with no request in progress (never sent one, or kept alive after one) is closed after this. */
  idleTimeoutMs: number;
  /** How often Node checks the headers and request timeouts. */
  checkIntervalMs: number;
  /** PRAGMA quick_check runs at most this often for /healthz. */
  quickCheckEveryMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 15_000,
  checkIntervalMs: 1_000,
  quickCheckEveryMs: 60_000,
};

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The one HTTP server: health now; the Slack and Teams adapters mount their routes on it. */
export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly patterns: { method: string; pattern: RegExp; handler: (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => void | Promise<void> }[] = [];
  readonly server: Server;
  /** Set in a cluster worker: request latency from every worker, for `/metrics`. */
  latencySource?: () => Promise<LatencySnapshot[]>;
  /** Set in a cluster worker: its index, shown by /healthz. */
  worker?: number;

  private readonly limits: HttpLimits;
  private readonly dbHealth: { check(): DatabaseHealthReport };
  /** Connections with no request in progress, oldest first: the ones shed when over the cap. */
  /** Slack's requests are a few kB; its signature can only be checked after the body is read. */
  private readonly bodyLimits = new Map<string, number>([['/slack/events', 64 * 1024]]);
  private readonly idle = new Map<Socket, NodeJS.Timeout>();
  private open = 0;
  private shedding = 0;

  constructor(private readonly core: Core, limits: Partial<HttpLimits> = {}) {
    this.limits = { ...DEFAULT_HTTP_LIMITS, ...limits };
    this.dbHealth = core.db.dialect === 'postgres' ? new PgHealth(core.db as PgDb) : new DatabaseHealth(core.db as Db, this.limits.quickCheckEveryMs);
    this.route('GET', '/healthz', (_req, res) => this.health(res));
    this.route('GET', '/metrics', async (_req, res) => {
      const body = core.metrics.render(this.latencySource ? await this.latencySource() : undefined);
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    for (const [method, path, handler] of homeRoutes(core)) this.route(method, path, handler);
    mountLegalPages(this, core.config);
    const status = statusRoute(core);
    this.patterns.push({ method: 'POST', pattern: /^\/api\/reports\/([A-Za-z0-9-]{1,40})\/status$/, handler: (req, res, m) => status(req, res, m[1]!) });
    this.server = createServer({ connectionsCheckingInterval: this.limits.checkIntervalMs }, (req, res) => void this.dispatch(req, res));
    this.server.headersTimeout = this.limits.headersTimeoutMs;
    this.server.requestTimeout = this.limits.requestTimeoutMs;
    this.server.keepAliveTimeout = this.limits.keepAliveTimeoutMs;
    this.server.on('connection', (socket: Socket) => this.onConnection(socket));
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.busy(req.socket);
      res.once('finish', () => {
        if (!req.socket.destroyed) this.markIdle(req.socket);
      });
    });
  }

  /**
   * Unauthenticated clients can open connections and send nothing (slowloris). Such connections
   * time out (`idleTimeoutMs`, `headersTimeoutMs`), and above the cap the oldest idle connection is closed so that a new
   * client (a real Slack or Teams request) is still served; if none is idle, the new one is refused.
   */
  private onConnection(socket: Socket): void {
    this.open++;
    this.markIdle(socket);
    socket.once('close', () => {
      this.open--;
      this.busy(socket);
    });
    while (this.open - this.shedding > this.limits.maxConnections) {
      const oldest = [...this.idle.keys()].find((s) => s !== socket);
      if (!oldest) {
        socket.destroy();
        break;
      }
      this.busy(oldest);
      // Counted as gone now: 'close' comes a tick later.
      this.shedding++;
      oldest.once('close', () => this.shedding--);
      oldest.destroy();
    }
  }

  /** Idle: no request in progress. Node's own socket timeout does not fire for a connection that never sent a byte, so a timer of our own. */
  private markIdle(socket: Socket): void {
    this.busy(socket);
    const timer = setTimeout(() => {
      if (this.idle.get(socket) === timer) socket.destroy();
    }, this.limits.idleTimeoutMs);
    timer.unref();
    this.idle.set(socket, timer);
  }

  private busy(socket: Socket): void {
    const timer = this.idle.get(socket);
    if (timer) clearTimeout(timer);
    this.idle.delete(socket);
  }

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** Refuse (413) a request to `path` that declares more than `bytes`, before anything is buffered or verified. */
  bodyLimit(path: string, bytes: number): void {
    this.bodyLimits.set(path, bytes);
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const addr = this.server.address();
    return typeof addr === 'object' && addr ? addr.port : port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const started = process.hrtime.bigint();
    const route = this.routes.has(`${req.method} ${path}`) ? path : this.patterns.some((p) => p.pattern.test(path)) ? '/api/reports/:number/status' : 'other';
    res.once('finish', () => this.core.metrics.observe(route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    let handler = this.routes.get(`${req.method} ${path}`);
    for (const p of this.patterns) {
      const m = p.method === req.method ? p.pattern.exec(path) : null;
      if (m) handler = (rq, rs) => p.handler(rq, rs, m);
    }
    const limit = this.bodyLimits.get(path);
    if (limit !== undefined && Number(req.headers['content-length'] ?? 0) > limit) {
      // Refused before reading a byte of it; the connection is closed so the unread rest cannot linger.
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { error: `body larger than ${limit} bytes` });
    }
    try {
      if (!handler) {
        const known = [...this.routes.keys()].some((k) => k.endsWith(` ${path}`));
        return sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      }
      await handler(req, res);
    } catch (err) {
      const correlationId = newCorrelationId();
      // The route, not the path: a path may carry anything a caller put there.
      this.core.logger.error({ err, correlationId, route }, 'unexpected fault in HTTP handler');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', correlationId });
      else res.end();
    }
  }

  /**
   * 200 when the database reads (a row from each main table, a cached quick_check) and its write
   * lock is free; 200 with status "degraded" and database "locked" while another process holds the
   * write lock (restarting would not help, and reads still work); 503 when it is corrupt or fails.
   */
  private health(res: ServerResponse): void {
    const snap = this.core.knowledge.current();
    const db = this.dbHealth.check();
    const failed = db.state === 'corrupt' || db.state === 'error';
    if (failed) this.core.logger.error({ database: db.state, detail: db.detail }, 'health check: database failed');
    sendJson(res, failed ? 503 : 200, {
      status: db.state === 'ok' ? 'ok' : 'degraded',
      knowledgeEntries: snap.kb.entries.length,
      municipalities: snap.kb.municipalities.length,
      knowledgeLoadedAt: snap.loadedAt.toISOString(),
      database: db.state === 'error' ? 'error' : db.state,
      ...(db.state === 'locked' ? { detail: 'degraded: database locked' } : {}),
      ...(this.worker === undefined ? {} : { worker: this.worker }),
    });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}
