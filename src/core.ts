import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { Bot } from './bot/bot.js';
import { DEFAULT_THRESHOLDS, FaqService, LoggedFaq } from './faq/faq.service.js';
import { KnowledgeStore } from './knowledge/knowledge.store.js';
import { formatProblem } from './knowledge/problem.js';
import { backupDatabase, openDatabase, type Db } from './store/sqlite/database.js';
import type { SqlDb } from './store/sql.js';
import { openPostgres } from './store/postgres/pg.open.js';
import { PgDb } from './store/postgres/pg.db.js';
import { runExclusive } from './store/exclusive.js';
import { SqliteQuestionLog } from './store/sqlite/question-log.sqlite-repository.js';
import { SqliteAskerRoles, SqliteSupportContacts } from './store/sqlite/asker.sqlite-repository.js';
import { ReportFeature } from './bot/report.commands.js';
import { registerAdminCommand } from './bot/admin.commands.js';
import { DirectoryService } from './directory/directory.service.js';
import { createForwarder } from './outbox/forwarders/index.js';
import { highestNumbersIn } from './outbox/forwarders/file.forwarder.js';
import type { Forwarder } from './outbox/forwarder.port.js';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox/outbox.worker.js';
import { SqliteAudit } from './store/sqlite/audit.sqlite-repository.js';
import { SqliteConversationState } from './store/sqlite/conversation-state.sqlite-repository.js';
import { SqliteDirectory } from './store/sqlite/directory.sqlite-repository.js';
import { SqliteNotifications } from './store/sqlite/notification.sqlite-repository.js';
import { SqliteOutbox } from './store/sqlite/outbox.sqlite-repository.js';
import { markBackup, SqliteInstallation } from './store/sqlite/installation.sqlite-repository.js';
import { SqliteReports } from './store/sqlite/report.sqlite-repository.js';
import { SqlitePlatformState } from './store/sqlite/platform.sqlite-repository.js';
import { Metrics } from './metrics/metrics.js';
import { BusyRetryQueue } from './util/busy-retry.js';
import { ReportNotifier } from './workflow/report.notifier.js';
import { ReportWorkflow } from './workflow/report.workflow.js';
import { ReportDelivery } from './workflow/report.delivery.js';
import { NotificationFallback } from './notify/notification.fallback.js';
import { SmtpMailer, type SmtpTransport } from './notify/smtp.mailer.js';

/** The platform-free core, wired to SQLite and the knowledge folder. Adapters receive this. */
export interface Core {
  config: Config;
  logger: Logger;
  /** SQLite (better-sqlite3) by default; PostgreSQL when DATABASE_URL is set. */
  db: SqlDb;
  knowledge: KnowledgeStore;
  faq: FaqService;
  bot: Bot;
  directory: DirectoryService;
  workflow: ReportWorkflow;
  delivery: ReportDelivery;
  reports: ReportFeature;
  audit: SqliteAudit;
  outbox: SqliteOutbox;
  notifications: SqliteNotifications;
  /** E-mails notifications no chat platform could deliver (when SMTP is configured); the chat notifiers run it. */
  notificationMail: NotificationFallback;
  /** Approval channels, posted messages and handled event ids, for the chat adapters. */
  platform: SqlitePlatformState;
  /** Each municipality's own Aula support contact (`admin kontakt`). */
  supportContacts: SqliteSupportContacts;
  metrics: Metrics;
  outboxWorker: OutboxWorker;
  /** Writes that met another process's write lock, retried off the request path. */
  busyRetry: BusyRetryQueue;
  /** Online backup of the database to `file` (safe while the server runs). */
  backup(file: string): Promise<void>;
  /**
   * The periodic retention pass: anonymise closed reports older than RETENTION_DAYS (returns how
   * many), delete questions older than QUESTION_RETENTION_DAYS and handled event ids older than 7 days.
   */
  anonymiseExpired(): number;
  /** Run periodic work on one replica at a time (PostgreSQL: an advisory lock; SQLite: just run it). */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Replaces the forwarder chosen by FORWARDER (tests). */
  forwarder?: Forwarder;
  outbox?: Partial<OutboxWorkerOptions>;
  now?: () => Date;
  /** Replaces nodemailer for the notification e-mail fallback (tests); used only when SMTP is configured. */
  mailTransport?: SmtpTransport;
  /** How long a statement waits for another process's write lock (the server passes a short one). */
  busyTimeoutMs?: number;
}

/** Handled event ids are kept this long: platforms retry for minutes, not days. */
const EVENT_IDS_KEPT_MS = 7 * 86_400_000;

function mailerFor(config: Config, transport: SmtpTransport | undefined): SmtpMailer | undefined {
  if (!config.SMTP_HOST || !config.FORWARD_EMAIL_FROM) return undefined;
  return new SmtpMailer({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    from: config.FORWARD_EMAIL_FROM,
    ...(config.SMTP_USER !== undefined ? { user: config.SMTP_USER, password: config.SMTP_PASSWORD } : {}),
    ...(transport ? { transport } : {}),
  });
}

export function createCore(config: Config, logger: Logger, options: CoreOptions = {}): Core {
  const now = options.now ?? (() => new Date());
  const postgres = config.DATABASE_URL !== undefined;
  const db: SqlDb = config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, { onWait: () => logger.info('another replica is migrating the database; waiting') })
    : openDatabase(config.DATABASE_PATH, 'FULL', options.busyTimeoutMs);
  // A second connection for frequent, low-value writes (one per question or chat turn): no flush per commit
  // (SQLite: synchronous=NORMAL; PostgreSQL: synchronous_commit=off).
  const chatDb: SqlDb = config.DATABASE_URL
    ? new PgDb(config.DATABASE_URL, { synchronousCommit: false })
    : config.DATABASE_PATH === ':memory:'
      ? db
      : openDatabase(config.DATABASE_PATH, 'NORMAL', options.busyTimeoutMs);
  // With PostgreSQL the high-water file would be per machine, not per database; pg_dump restores are covered in the README.
  const numbersFile = postgres || config.DATABASE_PATH === ':memory:' ? undefined : `${config.DATABASE_PATH}.numbers`;
  const knowledge = new KnowledgeStore(config.KNOWLEDGE_DIR, {
    onProblems: (problems) => logger.warn({ problems: problems.slice(0, 20).map(formatProblem), count: problems.length }, 'knowledge base has problems'),
    onReload: (s) => logger.info({ entries: s.kb.entries.length }, 'knowledge base reloaded'),
  });
  const thresholds = {
    ...DEFAULT_THRESHOLDS,
    answer: config.SEARCH_ANSWER_THRESHOLD ?? DEFAULT_THRESHOLDS.answer,
    suggest: config.SEARCH_SUGGEST_THRESHOLD ?? DEFAULT_THRESHOLDS.suggest,
  };
  const faq = new FaqService(() => knowledge.current(), thresholds);
  const questionLog = new SqliteQuestionLog(chatDb, now);
  const busyRetry = new BusyRetryQueue(logger);
  const supportContacts = new SqliteSupportContacts(db, now);
  const bot = new Bot({
    faq,
    loggedFaq: new LoggedFaq(faq, questionLog, busyRetry),
    questionLog,
    logger,
    fallbackText: config.FALLBACK_SUPPORT_TEXT,
    askerRoles: new SqliteAskerRoles(chatDb, now),
    isRegistered: (identity) => directory.resolve(identity) !== undefined,
    supportFor: (identity) => {
      const person = directory.resolve(identity);
      const contact = person && supportContacts.get(person.municipalityCode);
      const m = person && directory.municipality(person.municipalityCode);
      return contact && m ? { municipality: m.name, contact } : undefined;
    },
  });
  const audit = new SqliteAudit(db, now);
  const directory = new DirectoryService(new SqliteDirectory(db, now), audit, () => knowledge.current().kb.municipalities);
  const notifications = new SqliteNotifications(db, now);
  // The highest report number also lives next to the database, so a restored backup does not reuse numbers.
  const reportsRepo = new SqliteReports(db, now, numbersFile);
  const outbox = new SqliteOutbox(db, now);
  // Also above any report already in the forward folder (a restore that lost the high-water file).
  if (config.FORWARDER === 'file' && !options.forwarder) reportsRepo.raiseHighWater(highestNumbersIn(config.FORWARD_DIR));
  const restoredFrom = new SqliteInstallation(db).takeRestoreMark();
  if (restoredFrom) {
    const highWater = numbersFile !== undefined && existsSync(numbersFile);
    logger.warn(
      { backupTakenAt: restoredFrom, installationId: outbox.installationId, highWaterFile: highWater },
      highWater
        ? 'database restored from a backup; report numbers continue after the high-water file'
        : 'database restored from a backup WITHOUT its .numbers high-water file: report numbers may repeat (the file forwarder continues above the files in FORWARD_DIR and dead-letters a number that belongs to another report; webhook and e-mail receivers see a new idempotency key)',
    );
  }
  const findFaq = (q: string) => faq.rank(q, 3).filter((id) => !id.startsWith('data-')).map((id) => ({ id, title: faq.byId(id)?.title ?? id }));
  const notifier = new ReportNotifier(notifications, directory);
  const workflow = new ReportWorkflow(reportsRepo, outbox, audit, directory, notifier, findFaq, now);
  const delivery = new ReportDelivery(reportsRepo, audit, directory, notifier, now, outbox);
  const reports = new ReportFeature({ directory, workflow, state: new SqliteConversationState(db, now), notifications, now });
  reports.register(bot);
  const platform = new SqlitePlatformState(chatDb, now);
  registerAdminCommand(bot, { directory, platform, audit, supportContacts });
  const outboxWorker = new OutboxWorker(
    outbox,
    options.forwarder ?? createForwarder(config),
    {
      message: (item) => delivery.outboxMessage(item),
      delivered: (item) => delivery.delivered(item),
      dead: (item, reason) => delivery.dead(item, reason),
    },
    logger,
    { leaseMs: config.OUTBOX_LEASE_MS, ...options.outbox },
    now,
  );
  return {
    config,
    logger,
    db,
    knowledge,
    faq,
    bot,
    directory,
    workflow,
    delivery,
    reports,
    audit,
    outbox,
    notifications,
    platform,
    notificationMail: new NotificationFallback(notifications, mailerFor(config, options.mailTransport), logger),
    supportContacts,
    metrics: new Metrics(db, now),
    async backup(file: string) {
      if (postgres) throw new Error('backup of a PostgreSQL database: use pg_dump (README: "Flere servere")');
      await backupDatabase(db as Db, file);
      markBackup(file, now());
    },
    outboxWorker,
    busyRetry,
    exclusive: (name, fn) => runExclusive(db, name, fn),
    anonymiseExpired() {
      const before = new Date(now().getTime() - config.RETENTION_DAYS * 86_400_000).toISOString();
      const n = reportsRepo.anonymiseClosedBefore(before, JSON.stringify({ title: '[anonymiseret]' }));
      if (n) logger.info({ count: n, retentionDays: config.RETENTION_DAYS }, 'closed reports anonymised');
      const questions = questionLog.deleteBefore(new Date(now().getTime() - config.QUESTION_RETENTION_DAYS * 86_400_000).toISOString());
      if (questions) logger.info({ count: questions, retentionDays: config.QUESTION_RETENTION_DAYS }, 'old questions deleted');
      platform.pruneEvents(new Date(now().getTime() - EVENT_IDS_KEPT_MS).toISOString());
      notifications.pruneUnreachable();
      return n;
    },
    async close() {
      knowledge.stop();
      busyRetry.stop();
      await outboxWorker.stop();
      if (chatDb !== db) chatDb.close();
      db.close();
    },
  };
}
