import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { Bot } from './bot/bot.js';
import { DEFAULT_THRESHOLDS, FaqService, LoggedFaq } from './faq/faq.service.js';
import { KnowledgeStore } from './knowledge/knowledge.store.js';
import { formatProblem } from './knowledge/problem.js';
import { openDatabase, type Db } from './store/sqlite/database.js';
import { SqliteQuestionLog } from './store/sqlite/question-log.sqlite-repository.js';
import { SqliteAskerRoles, SqliteSupportContacts } from './store/sqlite/asker.sqlite-repository.js';
import { ReportFeature } from './bot/report.commands.js';
import { registerAdminCommand } from './bot/admin.commands.js';
import { DirectoryService } from './directory/directory.service.js';
import { createForwarder } from './outbox/forwarders/index.js';
import type { Forwarder } from './outbox/forwarder.port.js';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox/outbox.worker.js';
import { SqliteAudit } from './store/sqlite/audit.sqlite-repository.js';
import { SqliteConversationState } from './store/sqlite/conversation-state.sqlite-repository.js';
import { SqliteDirectory } from './store/sqlite/directory.sqlite-repository.js';
import { SqliteNotifications } from './store/sqlite/notification.sqlite-repository.js';
import { SqliteOutbox } from './store/sqlite/outbox.sqlite-repository.js';
import { SqliteReports } from './store/sqlite/report.sqlite-repository.js';
import { SqlitePlatformState } from './store/sqlite/platform.sqlite-repository.js';
import { Metrics } from './metrics/metrics.js';
import { ReportNotifier } from './workflow/report.notifier.js';
import { ReportWorkflow } from './workflow/report.workflow.js';
import { ReportDelivery } from './workflow/report.delivery.js';

/** The platform-free core, wired to SQLite and the knowledge folder. Adapters receive this. */
export interface Core {
  config: Config;
  logger: Logger;
  db: Db;
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
  /** Approval channels, posted messages and handled event ids, for the chat adapters. */
  platform: SqlitePlatformState;
  /** Each municipality's own Aula support contact (`admin kontakt`). */
  supportContacts: SqliteSupportContacts;
  metrics: Metrics;
  outboxWorker: OutboxWorker;
  /** Online backup of the database to `file` (safe while the server runs). */
  backup(file: string): Promise<void>;
  /** Anonymise closed reports older than RETENTION_DAYS; returns how many. */
  anonymiseExpired(): number;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Replaces the forwarder chosen by FORWARDER (tests). */
  forwarder?: Forwarder;
  outbox?: Partial<OutboxWorkerOptions>;
  now?: () => Date;
}

export function createCore(config: Config, logger: Logger, options: CoreOptions = {}): Core {
  const now = options.now ?? (() => new Date());
  const db = openDatabase(config.DATABASE_PATH);
  // A second connection for frequent, low-value writes (one per question or chat turn): no fsync per commit.
  const chatDb = config.DATABASE_PATH === ':memory:' ? db : openDatabase(config.DATABASE_PATH, 'NORMAL');
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
  const questionLog = new SqliteQuestionLog(chatDb);
  const supportContacts = new SqliteSupportContacts(db, now);
  const bot = new Bot({
    faq,
    loggedFaq: new LoggedFaq(faq, questionLog),
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
  const reportsRepo = new SqliteReports(db, now);
  const outbox = new SqliteOutbox(db, now);
  const findFaq = (q: string) => faq.rank(q, 3).filter((id) => !id.startsWith('data-')).map((id) => ({ id, title: faq.byId(id)?.title ?? id }));
  const notifier = new ReportNotifier(notifications, directory);
  const workflow = new ReportWorkflow(reportsRepo, outbox, audit, directory, notifier, findFaq, now);
  const delivery = new ReportDelivery(reportsRepo, audit, directory, notifier, now);
  const reports = new ReportFeature({ directory, workflow, state: new SqliteConversationState(db, now), notifications, now });
  reports.register(bot);
  const platform = new SqlitePlatformState(chatDb, now);
  registerAdminCommand(bot, { directory, platform, audit, supportContacts });
  const outboxWorker = new OutboxWorker(
    outbox,
    options.forwarder ?? createForwarder(config),
    {
      message: (reportId, key) => delivery.forwardMessage(reportId, key),
      delivered: (item) => delivery.markForwarded(item.reportId),
      dead: (item, reason) => delivery.deadLetter(item.reportId, reason),
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
    supportContacts,
    metrics: new Metrics(db, now),
    async backup(file: string) {
      await db.backup(file);
    },
    outboxWorker,
    anonymiseExpired() {
      const before = new Date(now().getTime() - config.RETENTION_DAYS * 86_400_000).toISOString();
      const n = reportsRepo.anonymiseClosedBefore(before, JSON.stringify({ title: '[anonymiseret]' }));
      if (n) logger.info({ count: n, retentionDays: config.RETENTION_DAYS }, 'closed reports anonymised');
      return n;
    },
    async close() {
      knowledge.stop();
      await outboxWorker.stop();
      if (chatDb !== db) chatDb.close();
      db.close();
    },
  };
}
