import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { createCore, type Core } from '../../src/core.js';
import { runConsoleChat } from '../console/console.adapter.js';
import { DatabaseUnusable } from '../../src/store/sqlite/database.js';
import { CliError, processIo, type CliIo } from './cli.output.js';
import { askCommand, knowledgeCheckCommand, municipalitiesCommand, unansweredCommand } from './faq.commands.js';
import { peopleCommand, seatsCommand } from './directory.commands.js';
import { auditCommand, outboxCommand, reportsCommand } from './report.commands.js';
import { notificationsCommand } from './notification.commands.js';

const USAGE = `Brug: aula-support <kommando>

  ask "<spørgsmål>" [--json]          Stil et spørgsmål til vidensbasen
  knowledge check                     Tjek alle filer i vidensbasen
  municipalities [--json]             Kommuner med kode, region og supportberettigede
  questions unanswered [--limit N] [--json]
                                      Spørgsmål, botten ikke kunne svare på
  chat [--as <email>]                 Chat med botten i terminalen

  people add --email <e> --name <n> --municipality <kode|navn> --role <staff|superuser|admin>
  people import <fil.csv>             Kolonner: email, navn, kommunekode, rolle
  people link --email <e> --identity <slack:T:U|teams:tenant:aad|local:email>
  people unlink --identity <…>        Fjerner en kobling (en kobling flyttes aldrig stille)
  people move --email <e> --municipality <kode|navn>
                                      Flytter en person til en anden kommune; pladser andre steder fjernes
  seats assign|revoke --municipality <kode|navn> --email <e>
  seats list [--municipality <kode|navn>] [--json]
  reports list [--municipality …] [--status …] [--json]
  reports show <nummer>
  outbox [--retry <nummer>] [--json]  Udbakken til Netcompany; --retry sender død post igen
  notifications [--status venter|ikke-leveret|leveret] [--json]
                                      Beskeder til personer i Slack/Teams, og dem der ikke kunne leveres
  audit [--json]                      Revisionsspor
  backup <fil>                        Sikkerhedskopi af databasen (mens serveren kører)`;

/** Run the CLI; returns the exit code. Exposed for tests that run it in-process. */
export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let core: Core | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        as: { type: 'string' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        email: { type: 'string' },
        name: { type: 'string' },
        municipality: { type: 'string' },
        role: { type: 'string' },
        identity: { type: 'string' },
        status: { type: 'string' },
        retry: { type: 'string' },
      },
    });
    const [cmd, sub, ...rest] = positionals;
    if (values.help || !cmd || cmd === 'help') {
      io.out(USAGE);
      return cmd || values.help ? 0 : 2;
    }
    const config: Config = loadConfig(env);
    const getCore = () => (core ??= createCore(config, createLogger(env.CLI_LOG_LEVEL ?? 'warn', process.stderr as never)));
    switch (cmd) {
      case 'ask':
        return askCommand(getCore(), [sub, ...rest].filter((s) => s !== undefined).join(' '), values.json, io);
      case 'knowledge':
        if (sub !== 'check') throw new CliError('Brug: aula-support knowledge check', 2);
        return knowledgeCheckCommand(config.KNOWLEDGE_DIR, io);
      case 'municipalities':
        return municipalitiesCommand(getCore(), values.json, io);
      case 'questions':
        if (sub !== 'unanswered') throw new CliError('Brug: aula-support questions unanswered [--limit N] [--json]', 2);
        return unansweredCommand(getCore(), Number(values.limit ?? 50) || 50, values.json, io);
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
      case 'backup': {
        if (!sub) throw new CliError('Brug: aula-support backup <fil>', 2);
        await getCore().backup(sub);
        io.out(`Databasen er kopieret til ${sub}.`);
        return 0;
      }
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
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  } finally {
    await core?.close();
  }
}
