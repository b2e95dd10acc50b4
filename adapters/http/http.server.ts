import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Core } from '../../src/core.js';
import type { LatencySnapshot } from '../../src/metrics/metrics.js';
import { databaseOk } from '../../src/store/sqlite/database.js';
import { newCorrelationId } from '../../src/logging/logger.js';
import { statusRoute } from './status.route.js';
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

  constructor(private readonly core: Core) {
    this.route('GET', '/healthz', (_req, res) => this.health(res));
    this.route('GET', '/metrics', async (_req, res) => {
      const body = core.metrics.render(this.latencySource ? await this.latencySource() : undefined);
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    mountLegalPages(this, core.config);
    const status = statusRoute(core);
    this.patterns.push({ method: 'POST', pattern: /^\/api\/reports\/([A-Za-z0-9-]{1,40})\/status$/, handler: (req, res, m) => status(req, res, m[1]!) });
    this.server = createServer((req, res) => void this.dispatch(req, res));
  }

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
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
    try {
      if (!handler) {
        const known = [...this.routes.keys()].some((k) => k.endsWith(` ${path}`));
        return sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      }
      await handler(req, res);
    } catch (err) {
      const correlationId = newCorrelationId();
      this.core.logger.error({ err, correlationId, path }, 'unexpected fault in HTTP handler');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', correlationId });
      else res.end();
    }
  }

  private health(res: ServerResponse): void {
    const snap = this.core.knowledge.current();
    const dbOk = databaseOk(this.core.db);
    sendJson(res, dbOk ? 200 : 503, {
      status: dbOk ? 'ok' : 'degraded',
      knowledgeEntries: snap.kb.entries.length,
      municipalities: snap.kb.municipalities.length,
      knowledgeLoadedAt: snap.loadedAt.toISOString(),
      database: dbOk ? 'ok' : 'error',
      ...(this.worker === undefined ? {} : { worker: this.worker }),
    });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}
