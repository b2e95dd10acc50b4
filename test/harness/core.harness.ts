import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createCore, type Core, type CoreOptions } from '../../src/core.js';
import type { Reply } from '../../src/bot/bot.types.js';
import type { Person } from '../../src/directory/directory.types.js';
import { renderReplies } from '../../adapters/console/console.render.js';
import { LogCapture } from './bot.harness.js';
import Database from 'better-sqlite3';
import { PgSync } from '../../src/store/postgres/pg.sync.js';
import { PgDb } from '../../src/store/postgres/pg.db.js';
import type { SqlDb } from '../../src/store/sql.js';

export const OPERATOR = { kind: 'operator' } as const;

/**
 * The `postgres` test project (vitest.config.ts) provides `pgAdminUrl`: then every core gets
 * its own fresh PostgreSQL database (the same one again for `reopenCore` on the same dir).
 */
const pgDatabases = new Map<string, string>();
function storeEnv(dir: string): Record<string, string> {
  const admin = inject('pgAdminUrl');
  if (!admin) return {};
  let url = pgDatabases.get(dir);
  if (!url) {
    const name = `aula_${Math.random().toString(36).slice(2, 12)}`;
    const sync = new PgSync(admin);
    try {
      sync.query(`CREATE DATABASE ${name}`);
    } finally {
      sync.close();
    }
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    pgDatabases.set(dir, url);
  }
  return { DATABASE_URL: url };
}

/** A whole core on a fresh SQLite file in a temp dir (or a fresh PostgreSQL database), with captured logs. */
export function testCore(env: Record<string, string> = {}, options: CoreOptions = {}): Core & { dir: string; logs: LogCapture } {
  const dir = mkdtempSync(join(tmpdir(), 'aula-core-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'test.db'), FORWARD_DIR: join(dir, 'outbox'), KNOWLEDGE_DIR: 'knowledge', ...storeEnv(dir), ...env });
  const logs = new LogCapture();
  const core = createCore(config, pino({ level: 'debug' }, logs), { outbox: { backoff: { baseMs: 1, capMs: 5 } }, ...options });
  return Object.assign(core, { dir, logs });
}

/** A core on the database and FORWARD_DIR of an earlier {@link testCore} in `dir` (a restart). */
export function reopenCore(dir: string, env: Record<string, string> = {}, options: CoreOptions = {}): Core & { dir: string; logs: LogCapture } {
  const config = loadConfig({ DATABASE_PATH: join(dir, 'test.db'), FORWARD_DIR: join(dir, 'outbox'), KNOWLEDGE_DIR: 'knowledge', ...storeEnv(dir), ...env });
  const logs = new LogCapture();
  const core = createCore(config, pino({ level: 'debug' }, logs), { outbox: { backoff: { baseMs: 1, capMs: 5 } }, ...options });
  return Object.assign(core, { dir, logs });
}

/** The variables that point a child process (the CLI, a server) at `core`'s store. */
export function storeEnvOf(core: Core): Record<string, string> {
  return { DATABASE_PATH: core.config.DATABASE_PATH, ...(core.config.DATABASE_URL ? { DATABASE_URL: core.config.DATABASE_URL } : {}) };
}

/** A second, read-only look at a core's store: its SQLite file, or its PostgreSQL URL. */
export function openReader(store: string): SqlDb {
  return store.startsWith('postgres') ? new PgDb(store) : new Database(store, { readonly: true });
}

export function person(core: Core, email: string, name: string, municipality: string, role: 'staff' | 'superuser' | 'admin', seat = false): Person {
  const r = core.directory.addPerson(OPERATOR, { email, name, municipality, role });
  if (!r.ok) throw new Error(r.message);
  if (seat) {
    const s = core.directory.assignSeat(OPERATOR, municipality, email);
    if (!s.ok) throw new Error(s.message);
  }
  return r.value;
}


/** A complete valid report as a form would send it. */
export function validForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Beskeder kan ikke åbnes i forældreappen',
    area: 'beskeder',
    whatHappened: 'Når forælderen trykker på en besked, lukker appen.',
    expected: 'At beskeden åbner.',
    steps: 'Åbn appen, tryk på Beskeder, vælg en besked.',
    occurredDate: '2026-11-20',
    occurredTime: '08:15',
    workedBefore: 'ja',
    platform: 'app_foraeldre',
    os: 'iOS 17.4',
    clientVersion: 'Aula 2.3.1',
    affectedNames: 'Mette Hansen',
    profileType: 'foraelder',
    institutionName: 'Søby Skole',
    institutionCode: '280123',
    affectedScope: 'en',
    setupChecked: true,
    severity: 'alvorlig',
    ...overrides,
  };
}

/** File and submit a report for `reporter`; returns its number. */
export function fileReport(core: Core, reporter: Person, overrides: Record<string, unknown> = {}): string {
  const draft = core.workflow.draftFor(reporter);
  const r = core.workflow.submit(reporter, draft.id, validForm(overrides), true);
  if (!r.ok || r.value.kind !== 'submitted') throw new Error(`submit failed: ${JSON.stringify(r)}`);
  return r.value.report.number!;
}

export function textOf(replies: readonly Reply[]): string {
  return renderReplies(replies).text;
}
