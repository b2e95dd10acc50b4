import { ConfigError, loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { createCore } from '../../src/core.js';
import { HttpServer } from './http.server.js';
import { mountSlack } from '../slack/slack.app.js';
import { mountTeams } from '../teams/teams.app.js';

/** `npm start`: the bot server. */
async function main(): Promise<void> {
  let config;
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
  const core = createCore(config, logger);
  core.knowledge.watch(config.KNOWLEDGE_RELOAD_MS);
  core.outboxWorker.start(config.OUTBOX_POLL_MS);
  const retention = setInterval(() => core.anonymiseExpired(), 6 * 3600_000);
  retention.unref();
  core.anonymiseExpired();
  const http = new HttpServer(core);
  const slack = mountSlack(core, http);
  const teams = mountTeams(core, http);
  if (!slack) logger.info({ platform: 'slack' }, 'slack adapter disabled (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to enable)');
  const port = await http.listen(config.PORT, config.HOST);
  logger.info({ port, host: config.HOST, forwarder: config.FORWARDER, entries: core.knowledge.current().kb.entries.length, database: config.DATABASE_PATH }, 'aula-support server listening');
  const shutdown = (signal: string) => {
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

void main();
