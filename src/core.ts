import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { Bot } from './bot/bot.js';
import { DEFAULT_THRESHOLDS, FaqService, LoggedFaq } from './faq/faq.service.js';
import { KnowledgeStore } from './knowledge/knowledge.store.js';
import { formatProblem } from './knowledge/problem.js';
import { openDatabase, type Db } from './store/sqlite/database.js';
import { SqliteQuestionLog } from './store/sqlite/question-log.sqlite-repository.js';

/** The platform-free core, wired to SQLite and the knowledge folder. Adapters receive this. */
export interface Core {
  config: Config;
  logger: Logger;
  db: Db;
  knowledge: KnowledgeStore;
  faq: FaqService;
  bot: Bot;
  close(): void;
}

export function createCore(config: Config, logger: Logger): Core {
  const db = openDatabase(config.DATABASE_PATH);
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
  const questionLog = new SqliteQuestionLog(db);
  const bot = new Bot({ faq, loggedFaq: new LoggedFaq(faq, questionLog), questionLog, logger, fallbackText: config.FALLBACK_SUPPORT_TEXT });
  return {
    config,
    logger,
    db,
    knowledge,
    faq,
    bot,
    close() {
      knowledge.stop();
      db.close();
    },
  };
}
