import { join } from 'node:path';
import { z } from 'zod';
import { INSTALL_ROOT, missingPaths } from './install-root.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const DEFAULT_FALLBACK =
  'Det kan jeg desværre ikke svare på. Kontakt din kommunes Aula-support (din superbruger eller den lokale it-support), som kan hjælpe dig videre.';

const number01 = (name: string) =>
  z.coerce.number({ invalid_type_error: `${name} skal være et tal mellem 0 og 1` }).min(0, `${name} skal være mindst 0`).max(1, `${name} skal være højst 1`);

/** A comma-separated list of ids, e.g. `a,b`; empty when unset. */
const idList = z.string().default('').transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean));

/** Every environment variable the bot reads, with defaults that make it run with nothing set. */
export const configSchema = z.object({
  DATABASE_PATH: z.string().min(1).default(join(INSTALL_ROOT, 'data', 'aula-support.db')),
  /** PostgreSQL instead of the SQLite file, for several replicas on one database (README "Flere servere"). */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL').optional(),
  KNOWLEDGE_DIR: z.string().min(1).default(join(INSTALL_ROOT, 'knowledge')),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** What the bot says when it has no answer; name the municipality's own support here. */
  FALLBACK_SUPPORT_TEXT: z.string().min(1).default(DEFAULT_FALLBACK),
  SEARCH_ANSWER_THRESHOLD: number01('SEARCH_ANSWER_THRESHOLD').optional(),
  SEARCH_SUGGEST_THRESHOLD: number01('SEARCH_SUGGEST_THRESHOLD').optional(),
  /** How often the running bot checks knowledge/ for edits. */
  KNOWLEDGE_RELOAD_MS: z.coerce.number().int().min(100).default(2000),
  /** How approved reports reach Netcompany: files to paste, a signed webhook, or e-mail. */
  FORWARDER: z.enum(['file', 'webhook', 'smtp']).default('file'),
  FORWARD_DIR: z.string().min(1).default(join(INSTALL_ROOT, 'data', 'outbox')),
  FORWARD_WEBHOOK_URL: z.string().url().optional(),
  /** Signs forwarded reports and verifies status callbacks (HMAC-SHA256). */
  FORWARD_WEBHOOK_SECRET: z.string().min(16).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  FORWARD_EMAIL_FROM: z.string().email().optional(),
  FORWARD_EMAIL_TO: z.string().email().optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(2000),
  /** How long a delivery attempt reserves an outbox item; after a crash it is retried once this expires. */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(500).default(180_000),
  /** Slack: both enable the Slack adapter at POST /slack/events. */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must start with xoxb-').optional(),
  /** Slack Socket Mode instead of the public request URL. */
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must start with xapp-').optional(),
  /** Slack Web API base URL (tests use a local fake; companies put proxies here). */
  SLACK_API_URL: z.string().url().optional(),
  /** Teams / Bot Framework credentials; without MICROSOFT_APP_ID the bot runs in local (emulator) mode. */
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /** Teams tenants (Entra tenant ids, comma-separated) whose users the bot serves and may link by roster e-mail. */
  TEAMS_ALLOWED_TENANTS: idList,
  /** Slack workspaces (team ids T…) and/or Enterprise Grid orgs (E…), comma-separated; empty: the bot token's own workspace. */
  SLACK_ALLOWED_TEAMS: idList,
  /** Text of the Danish pages at /privatliv and /vilkaar (the Teams manifest links there); blank lines separate paragraphs. */
  PRIVACY_TEXT: z.string().min(1).optional(),
  TERMS_TEXT: z.string().min(1).optional(),
  /** Closed reports are anonymised this many days after closing. */
  RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** Questions asked (and their feedback) are deleted this many days after they were asked. */
  QUESTION_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
});

export type Config = z.infer<typeof configSchema>;

/** What to set, per variable, for the fail-fast message. */
const HINTS: Record<string, string> = {
  PORT: 'a port number 0-65535, e.g. PORT=3978',
  WEB_CONCURRENCY: 'the number of HTTP worker processes, 1-16, e.g. WEB_CONCURRENCY=2',
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')}`,
  KNOWLEDGE_RELOAD_MS: 'milliseconds, at least 100, e.g. 2000',
  SEARCH_ANSWER_THRESHOLD: 'a number between 0 and 1, e.g. 0.5',
  SEARCH_SUGGEST_THRESHOLD: 'a number between 0 and 1 below SEARCH_ANSWER_THRESHOLD, e.g. 0.3',
  FORWARDER: 'file, webhook or smtp',
  FORWARD_WEBHOOK_URL: 'the https URL of the service desk endpoint',
  FORWARD_WEBHOOK_SECRET: 'a shared secret of at least 16 characters, e.g. from `openssl rand -hex 32`',
  FORWARD_EMAIL_FROM: 'an e-mail address',
  FORWARD_EMAIL_TO: 'the service desk e-mail address',
  SMTP_SECURE: 'true for port 465 (TLS), false for STARTTLS',
  SLACK_SIGNING_SECRET: 'the Signing Secret from the Slack app\'s Basic Information page',
  SLACK_BOT_TOKEN: 'the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
  SLACK_APP_TOKEN: 'an app-level token (xapp-…) with connections:write, only for Socket Mode',
  SMTP_PASSWORD: 'the SMTP account\'s password',
  MICROSOFT_APP_PASSWORD: 'the client secret of the bot\'s Entra app registration',
  TEAMS_ALLOWED_TENANTS: 'comma-separated Entra tenant ids, e.g. TEAMS_ALLOWED_TENANTS=72f988bf-…',
  SLACK_ALLOWED_TEAMS: 'comma-separated Slack team ids (T…) and/or Enterprise Grid ids (E…)',
  DATABASE_URL: 'postgres://user:password@host:5432/database, or leave it unset for the SQLite file',
};

/** Variables whose values are secrets: never echoed in errors or logs. */
export const isSecretName = (name: string): boolean => /secret|token|password|passwd|key|credential|^DATABASE_URL$/i.test(name);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Read and validate configuration; throws ConfigError naming each bad variable and what to set. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = String(i.path[0]);
      const value = env[name] ?? '';
      // A secret's value is never printed, not even inside the validator's message.
      const secret = isSecretName(name);
      const message = secret && value && i.message.includes(value) ? 'invalid value' : i.message;
      return `  ${secret ? `${name} (value not shown)` : `${name}=${JSON.stringify(value)}`}: ${message}${HINTS[name] ? ` (set ${HINTS[name]})` : ''}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  // Defaults live in the installation folder; a path the user set must exist (never create a stray database).
  const missing = missingPaths(present);
  if (missing.length) throw new ConfigError(`Ugyldig konfiguration:\n${missing.join('\n')}`);
  if (c.SEARCH_ANSWER_THRESHOLD !== undefined && c.SEARCH_SUGGEST_THRESHOLD !== undefined && c.SEARCH_SUGGEST_THRESHOLD > c.SEARCH_ANSWER_THRESHOLD) {
    throw new ConfigError('Invalid configuration:\n  SEARCH_SUGGEST_THRESHOLD must not be above SEARCH_ANSWER_THRESHOLD');
  }
  const need = (names: (keyof Config)[], why: string) => {
    const missing = names.filter((n) => c[n] === undefined);
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((n) => `  ${n} is required ${why}${HINTS[n] ? ` (set ${HINTS[n]})` : ''}`).join('\n')}`);
  };
  if (c.SLACK_SIGNING_SECRET || c.SLACK_BOT_TOKEN) need(['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'], 'to enable Slack (set both, or neither)');
  if (c.FORWARDER === 'webhook') need(['FORWARD_WEBHOOK_URL', 'FORWARD_WEBHOOK_SECRET'], 'when FORWARDER=webhook');
  if (c.FORWARDER === 'smtp') need(['SMTP_HOST', 'FORWARD_EMAIL_FROM', 'FORWARD_EMAIL_TO'], 'when FORWARDER=smtp');
  return c;
}
