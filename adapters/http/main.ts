import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { createCore } from '../../src/core.js';
import { DatabaseUnusable, openDatabase } from '../../src/store/sqlite/database.js';
import { openPostgres } from '../../src/store/postgres/pg.open.js';
import { postgresProblem } from '../../src/store/postgres/pg.errors.js';
import { HttpServer } from './http.server.js';
import { runPrimary, WorkerLink } from './cluster.js';
import { mountSlack } from '../slack/slack.app.js';
import { mountTeams } from '../teams/teams.app.js';

/** How long the server's statements wait for another process's write lock (the CLI waits 5 s). */
const SERVER_BUSY_TIMEOUT_MS = 300;

/** `npm start`: the bot server (one process, or a primary with WEB_CONCURRENCY workers). */
function main(): void {
  let config: Config;
  const port = process.env.PORT?.trim();
  if (port && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) {
    process.stderr.write(`PORT=${JSON.stringify(process.env.PORT)} er ikke et portnummer. Sæt PORT til et helt tal mellem 0 og 65535, fx PORT=3978 npm start.\n`);
    process.exit(2);
  }
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (cluster.isPrimary) {
    // Open (and migrate) once before serving: a damaged file stops here with one clear line, not a
    // stack per worker restart.
    try {
      if (config.DATABASE_URL) openPostgres(config.DATABASE_URL, { onWait: () => logger.info('another replica is migrating the database; waiting') }).close();
      else openDatabase(config.DATABASE_PATH).close();
    } catch (err) {
      const pgProblem = config.DATABASE_URL ? postgresProblem(err) : undefined;
      if (pgProblem) {
        logger.fatal({ code: (err as { code?: string }).code }, 'cannot use the PostgreSQL database');
        process.stderr.write(`${pgProblem}\n`);
        setTimeout(() => process.exit(1), 100);
        return;
      }
      if (!(err instanceof DatabaseUnusable)) throw err;
      logger.fatal({ database: err.path, code: err.code }, 'database file is unusable; restore the latest backup (README: Drift)');
      process.stderr.write(`${err.danish}\n`);
      // Let pino's asynchronous destination flush the line before exiting.
      setTimeout(() => process.exit(1), 100);
      return;
    }
  }
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) runPrimary(config.WEB_CONCURRENCY, logger);
  else void serve(config, cluster.isWorker ? Number(process.env.AULA_WORKER_INDEX ?? 0) : undefined);
}

/** One HTTP server process; `worker` is its index in a cluster (0 is the leader), undefined when alone. */
async function serve(config: Config, worker: number | undefined): Promise<void> {
  const root = createLogger(config.LOG_LEVEL);
  const logger = worker === undefined ? root : root.child({ worker });
  // Short: better-sqlite3 blocks the event loop while it waits for another process's write lock.
  const core = createCore(config, logger, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
  const link = worker === undefined ? undefined : new WorkerLink(worker, () => core.metrics.snapshot());
  const leader = link?.leader ?? true;
  core.knowledge.watch(config.KNOWLEDGE_RELOAD_MS);
  if (leader) {
    // Background work runs once per installation, in the leader.
    core.outboxWorker.start(config.OUTBOX_POLL_MS);
    // With several replicas on PostgreSQL, one of them runs it at a time (core.exclusive).
    const anonymise = () =>
      void core.exclusive('retention', async () => core.anonymiseExpired()).catch((err: unknown) => {
        logger.warn({ err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'retention pass failed; it runs again later');
      });
    const retention = setInterval(anonymise, 6 * 3600_000);
    retention.unref();
    anonymise();
  }
  const http = new HttpServer(core);
  if (link) {
    http.latencySource = () => link.latency();
    http.worker = link.index;
  }
  const notify = leader ? {} : { relayKick: () => link!.kick() };
  const slack = mountSlack(core, http, notify);
  const teams = mountTeams(core, http, notify);
  if (link) link.onKick = () => void Promise.all([slack?.notifier.run(), teams.notifier.run()]);
  if (!slack) logger.info({ platform: 'slack' }, 'slack adapter disabled (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to enable)');
  const port = await http.listen(config.PORT, config.HOST).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') throw err;
    const why = err.code === 'EADDRINUSE' ? `Port ${config.PORT} på ${config.HOST} er optaget: kører serveren allerede?` : `Serveren må ikke lytte på port ${config.PORT}.`;
    process.stderr.write(`${why} Stop den anden proces, eller vælg en anden port med PORT, fx PORT=${config.PORT === 3978 ? 3979 : 3978} npm start.\n`);
    process.exit(1);
  });
  logger.info({ port, host: config.HOST, forwarder: config.FORWARDER, entries: core.knowledge.current().kb.entries.length, database: config.DATABASE_URL ? 'postgres' : config.DATABASE_PATH }, 'aula-support server listening');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void http
      .close()
      .then(() => slack?.stop())
      .then(() => teams.stop())
      .then(() => core.close())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main();
