import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';
import { packageVersion } from '../../src/config/install-root.js';
import { createLogger } from '../../src/logging/logger.js';
import { createCore, type Core } from '../../src/core.js';
import { runConsoleChat } from '../console/console.adapter.js';
import { DatabaseUnusable } from '../../src/store/sqlite/database.js';
import { CliError, processIo, type CliIo } from './cli.output.js';
import { positiveInt, translateParseError, unknownSub, usageError, USAGE } from './cli.usage.js';
import { askCommand, feedbackCommand, knowledgeCheckCommand, municipalitiesCommand, unansweredCommand } from './faq.commands.js';
import { peopleCommand, seatsCommand } from './directory.commands.js';
import { auditCommand, outboxCommand, reportsCommand } from './report.commands.js';
import { notificationsCommand } from './notification.commands.js';
import { migrateToPostgresCommand } from './migrate.command.js';

export { USAGE } from './cli.usage.js';

/** Run the CLI; returns the exit code. Exposed for tests that run it in-process. */
export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let core: Core | undefined;
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          json: { type: 'boolean', default: false },
          as: { type: 'string' },
          limit: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
          version: { type: 'boolean', short: 'v' },
          'dry-run': { type: 'boolean', default: false },
          email: { type: 'string' },
          name: { type: 'string' },
          municipality: { type: 'string' },
          role: { type: 'string' },
          identity: { type: 'string' },
          status: { type: 'string' },
          retry: { type: 'string' },
        },
      });
    } catch (err) {
      throw translateParseError(err, argv) ?? err;
    }
    const { values, positionals } = parsed;
    const [cmd, sub, ...rest] = positionals;
    if (values.version) {
      io.out(`aula-support ${packageVersion()}`);
      return 0;
    }
    if (!cmd && !values.help) throw new CliError(USAGE, 2);
    if (values.help || cmd === 'help') {
      io.out(USAGE);
      return 0;
    }
    const config: Config = loadConfig(env);
    const getCore = () => (core ??= createCore(config, createLogger(env.CLI_LOG_LEVEL ?? 'warn', process.stderr as never)));
    switch (cmd) {
      case 'ask':
        return askCommand(getCore(), [sub, ...rest].filter((s) => s !== undefined).join(' '), values.json, io);
      case 'paths':
        io.out(`Vidensbase: ${resolve(config.KNOWLEDGE_DIR)}\nDatabase: ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : config.DATABASE_PATH === ':memory:' ? ':memory:' : resolve(config.DATABASE_PATH)}\nUdbakke (FORWARDER=file): ${resolve(config.FORWARD_DIR)}`);
        return 0;
      case 'knowledge':
        if (sub !== 'check') throw usageError('knowledge', unknownSub(sub));
        return knowledgeCheckCommand(config.KNOWLEDGE_DIR, io);
      case 'municipalities':
        return municipalitiesCommand(getCore(), values.json, io);
      case 'questions':
        if (sub === 'unanswered') return unansweredCommand(getCore(), positiveInt(values.limit, '--limit', 'questions', 50), values.json, io);
        if (sub === 'feedback') return feedbackCommand(getCore(), values.json, io);
        throw usageError('questions', unknownSub(sub));
      case 'chat': {
        const email = values.as?.trim();
        if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new CliError(`"${email}" er ikke en e-mailadresse. Brug fx --as anna@kommune.dk`, 2);
        // Approved reports are forwarded while you chat, as the server would.
        getCore().outboxWorker.start(config.OUTBOX_POLL_MS);
        await runConsoleChat(getCore().bot, { identity: `local:${email ?? 'anonym@localhost'}`, ...(email ? { email } : {}) }, io.stdin, io.stdout, getCore().reports);
        await getCore().outboxWorker.runOnce();
        return 0;
      }
      case 'people':
        return peopleCommand(getCore(), sub, rest, values, io);
      case 'seats':
        return seatsCommand(getCore(), sub, values, io);
      case 'reports':
        return reportsCommand(getCore(), sub, rest, values, io);
      case 'outbox':
        return await outboxCommand(getCore(), values, io);
      case 'notifications':
        return notificationsCommand(getCore(), values, io);
      case 'audit':
        return auditCommand(getCore(), values, io);
      case 'backup':
        return await backupCommand(getCore, sub, io);
      case 'migrate-to-postgres':
        return migrateToPostgresCommand(config, io);
      default:
        throw new CliError(`Ukendt kommando "${cmd}".\n\n${USAGE}`, 2);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(err.message);
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof DatabaseUnusable) {
      io.err(err.danish);
      return 1;
    }
    throw err;
  } finally {
    await core?.close();
  }
}

async function backupCommand(getCore: () => Core, file: string | undefined, io: CliIo): Promise<number> {
  if (!file) throw usageError('backup', 'Skriv hvor kopien skal ligge.');
  if (getCore().config.DATABASE_URL) throw new CliError('Databasen er PostgreSQL (DATABASE_URL). Tag sikkerhedskopien med pg_dump, fx pg_dump --format=custom --file=aula-support.dump "$DATABASE_URL". Se README under "Flere servere".');
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`Mappen ${folder} findes ikke. Opret den først, eller vælg en anden fil.`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new CliError(`${file} er en mappe. Skriv et filnavn, fx ${join(file, 'aula-support-backup.db')}.`);
  try {
    await getCore().backup(file);
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? ` (${String(err.code)})` : '';
    throw new CliError(`Sikkerhedskopien kunne ikke skrives til ${file}${code}. Tjek at du må skrive i mappen, og at der er plads.`);
  }
  io.out(`Databasen er kopieret til ${file}.`);
  return 0;
}
