import type { Reply } from '../../bot/bot.types.js';
import type { SqlDb as Db } from '../sql.js';

export type NotificationStatus = 'pending' | 'delivered' | 'undeliverable';
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['pending', 'delivered', 'undeliverable'];

export interface StoredNotification {
  id: number;
  personId: number;
  kind: string;
  reportId: number | null;
  reply: Reply;
  createdAt: string;
}

/** One notification as an operator sees it: never the payload. */
export interface NotificationOverview {
  id: number;
  personId: number;
  personName: string | null;
  kind: string;
  reportNumber: string | null;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deliveredVia: string | null;
}

/**
 * Retry policy for chat notifications: a round ends when every chat platform has failed to reach the
 * person; the next round starts 1 minute later, doubling up to 6 hours apart; a round that fails 48
 * hours or more after the notification was made gives it up as undeliverable (about 12 rounds).
 */
export const NOTIFICATION_RETRY = { baseMs: 60_000, capMs: 6 * 3600_000, giveUpAfterMs: 48 * 3600_000 };

/** E-mail fallback for undeliverable notifications: this many tries, 10 minutes doubling between them. */
const EMAIL_TRIES = 3;
const EMAIL_RETRY_MS = 10 * 60_000;

const TAG = (platform: string) => `,${platform},`;

/** Notifications decided by the core, kept until an adapter has delivered them (or given them up). */
export class SqliteNotifications {
  private readonly platforms = new Set<string>();

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** How many notifications this process has added: an adapter compares it before and after a turn to know whether to deliver now. */
  added = 0;

  /** A chat platform that delivers notifications in this process; a round of attempts ends when all of them have missed. */
  registerPlatform(platform: string): void {
    this.platforms.add(platform);
  }

  add(personId: number, kind: string, reportId: number | null, reply: Reply): void {
    this.added++;
    const at = this.now().toISOString();
    this.db.prepare('INSERT INTO notifications (person_id, kind, report_id, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)').run(personId, kind, reportId, JSON.stringify(reply), at, at);
  }

  /** Not yet delivered: for one person (pending or given up, e.g. shown when they next talk to the bot), or all pending ones. */
  pending(personId?: number, limit = 100): StoredNotification[] {
    const cols = 'SELECT id, person_id AS personId, kind, report_id AS reportId, payload, created_at AS createdAt FROM notifications';
    const rows = (personId === undefined
      ? this.db.prepare(`${cols} WHERE status = 'pending' ORDER BY id LIMIT ?`).all(limit)
      : this.db.prepare(`${cols} WHERE person_id = ? AND delivered_at IS NULL ORDER BY id LIMIT ?`).all(personId, limit)) as RawRow[];
    return rows.map(parse);
  }

  /** Pending notifications whose next attempt is due and that `platform` has not yet missed in this round, oldest due first. */
  due(platform: string, limit = 200): StoredNotification[] {
    const rows = this.db
      .prepare(
        `SELECT id, person_id AS personId, kind, report_id AS reportId, payload, created_at AS createdAt FROM notifications
         WHERE status = 'pending' AND next_attempt_at <= ? AND instr(missed_by, ?) = 0 ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(this.now().toISOString(), TAG(platform), limit) as RawRow[];
    return rows.map(parse);
  }

  markDelivered(id: number, via: string): void {
    this.db.prepare("UPDATE notifications SET status = 'delivered', delivered_at = ?, delivered_via = ?, missed_by = '' WHERE id = ? AND delivered_at IS NULL").run(this.now().toISOString(), via, id);
  }

  /**
   * `platform` could not deliver notification `id` (`reason`: short, no personal data). Once every
   * registered platform has missed it, the round counts as one attempt and the next is scheduled.
   */
  missed(id: number, platform: string, reason: string): NotificationStatus | undefined {
    return this.db.transaction(() => this.missOne(id, platform, reason))();
  }

  /** `missed` for every due notification of a person (one unreachable person costs one look-up per round). */
  missedPerson(personId: number, platform: string, reason: string): number {
    return this.db.transaction(() => {
      const ids = this.db
        .prepare("SELECT id FROM notifications WHERE person_id = ? AND status = 'pending' AND next_attempt_at <= ? AND instr(missed_by, ?) = 0")
        .all(personId, this.now().toISOString(), TAG(platform)) as { id: number }[];
      for (const { id } of ids) this.missOne(id, platform, reason);
      return ids.length;
    })();
  }

  private missOne(id: number, platform: string, reason: string): NotificationStatus | undefined {
    const row = this.db.prepare('SELECT status, attempts, missed_by AS missedBy, last_error AS lastError, created_at AS createdAt FROM notifications WHERE id = ?').get(id) as
      | { status: NotificationStatus; attempts: number; missedBy: string; lastError: string | null; createdAt: string }
      | undefined;
    if (!row || row.status !== 'pending') return row?.status;
    const missed = new Set(row.missedBy.split(',').filter(Boolean));
    const error = missed.size && row.lastError ? `${row.lastError}; ${reason}` : reason;
    missed.add(platform);
    const now = this.now();
    if (![...this.platforms].every((p) => missed.has(p))) {
      this.db.prepare('UPDATE notifications SET missed_by = ?, last_error = ? WHERE id = ?').run(`,${[...missed].join(',')},`, error.slice(0, 500), id);
      return 'pending';
    }
    const attempts = row.attempts + 1;
    const giveUp = now.getTime() - Date.parse(row.createdAt) >= NOTIFICATION_RETRY.giveUpAfterMs;
    const next = giveUp ? now : new Date(now.getTime() + Math.min(NOTIFICATION_RETRY.baseMs * 2 ** Math.min(attempts - 1, 30), NOTIFICATION_RETRY.capMs));
    const status: NotificationStatus = giveUp ? 'undeliverable' : 'pending';
    this.db.prepare("UPDATE notifications SET status = ?, attempts = ?, next_attempt_at = ?, missed_by = '', last_error = ? WHERE id = ?").run(status, attempts, next.toISOString(), error.slice(0, 500), id);
    return status;
  }

  /**
   * The person just wrote to the bot, so a chat platform can reach them now: notifications waiting for
   * a later round (backed off after misses), and those given up and not e-mailed, become due at once,
   * as Teams does when it first learns how to reach someone. Reads first, so an ordinary message with
   * nothing waiting writes nothing. Returns whether any became due.
   */
  wake(personId: number): boolean {
    const at = this.now().toISOString();
    const waiting = this.db
      .prepare("SELECT 1 AS x FROM notifications WHERE person_id = ? AND delivered_at IS NULL AND ((status = 'pending' AND (next_attempt_at > ? OR missed_by <> '')) OR status = 'undeliverable') LIMIT 1")
      .get(personId, at);
    if (!waiting) return false;
    this.db.prepare("UPDATE notifications SET status = 'pending', next_attempt_at = ?, missed_by = '' WHERE person_id = ? AND status IN ('pending', 'undeliverable') AND delivered_at IS NULL").run(at, personId);
    return true;
  }

  /** Negative look-up cache: `platform` found no account for the person; do not look again before `ms` have passed. */
  markUnreachable(personId: number, platform: string, ms: number): void {
    this.db
      .prepare('INSERT INTO notification_unreachable (person_id, platform, until) VALUES (?, ?, ?) ON CONFLICT (person_id, platform) DO UPDATE SET until = excluded.until')
      .run(personId, platform, new Date(this.now().getTime() + ms).toISOString());
  }

  /** True while a negative look-up for the person on `platform` is fresh. */
  knownUnreachable(personId: number, platform: string): boolean {
    const r = this.db.prepare('SELECT until FROM notification_unreachable WHERE person_id = ? AND platform = ?').get(personId, platform) as { until: string } | undefined;
    return !!r && r.until > this.now().toISOString();
  }

  /** Undeliverable notifications whose e-mail fallback is due, with the person's address. */
  dueForEmail(limit = 50): (StoredNotification & { email: string; name: string })[] {
    const rows = this.db
      .prepare(
        `SELECT n.id, n.person_id AS personId, n.kind, n.report_id AS reportId, n.payload, n.created_at AS createdAt, p.email, p.name
         FROM notifications n JOIN people p ON p.id = n.person_id
         WHERE n.status = 'undeliverable' AND n.delivered_at IS NULL AND n.email_attempts < ? AND n.next_attempt_at <= ? ORDER BY n.id LIMIT ?`,
      )
      .all(EMAIL_TRIES, this.now().toISOString(), limit) as (RawRow & { email: string; name: string })[];
    return rows.map((r) => ({ ...parse(r), email: r.email, name: r.name }));
  }

  /** The e-mail fallback failed (`reason`: no personal data); tried again later, at most EMAIL_TRIES times. */
  emailFailed(id: number, reason: string): void {
    const r = this.db.prepare('SELECT email_attempts AS n FROM notifications WHERE id = ?').get(id) as { n: number } | undefined;
    if (!r) return;
    const next = new Date(this.now().getTime() + EMAIL_RETRY_MS * 2 ** r.n).toISOString();
    this.db.prepare('UPDATE notifications SET email_attempts = email_attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?').run(next, `e-mail: ${reason}`.slice(0, 500), id);
  }

  /** For operators (`aula-support notifications`): newest first, never the payload. */
  list(status?: NotificationStatus, limit = 500): NotificationOverview[] {
    const sql = `SELECT n.id, n.person_id AS personId, p.name AS personName, n.kind, r.number AS reportNumber, n.status, n.attempts,
        CASE WHEN n.delivered_at IS NULL AND (n.status = 'pending' OR n.email_attempts < ${EMAIL_TRIES}) THEN n.next_attempt_at END AS nextAttemptAt,
        n.last_error AS lastError, n.created_at AS createdAt, n.delivered_at AS deliveredAt, n.delivered_via AS deliveredVia
      FROM notifications n LEFT JOIN people p ON p.id = n.person_id LEFT JOIN reports r ON r.id = n.report_id
      ${status ? 'WHERE n.status = ?' : ''} ORDER BY n.id DESC LIMIT ?`;
    return (status ? this.db.prepare(sql).all(status, limit) : this.db.prepare(sql).all(limit)) as NotificationOverview[];
  }

  /** How many notifications wait (pending) or were given up (undeliverable and not sent by e-mail either). */
  counts(): { pending: number; undeliverable: number } {
    const r = this.db.prepare("SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending, SUM(CASE WHEN status = 'undeliverable' THEN 1 ELSE 0 END) AS undeliverable FROM notifications WHERE status IN ('pending', 'undeliverable')").get() as { pending: number | null; undeliverable: number | null };
    return { pending: r.pending ?? 0, undeliverable: r.undeliverable ?? 0 };
  }

  forReport(reportId: number): { personId: number; kind: string; delivered: boolean }[] {
    return (this.db.prepare('SELECT person_id AS personId, kind, delivered_at IS NOT NULL AS delivered FROM notifications WHERE report_id = ? ORDER BY id').all(reportId) as { personId: number; kind: string; delivered: number }[]).map((r) => ({ ...r, delivered: r.delivered === 1 }));
  }

  /** Forget expired negative look-ups. */
  pruneUnreachable(): number {
    return this.db.prepare('DELETE FROM notification_unreachable WHERE until <= ?').run(this.now().toISOString()).changes;
  }
}

type RawRow = Omit<StoredNotification, 'reply'> & { payload: string };

function parse({ payload, ...r }: RawRow): StoredNotification {
  return { ...r, reply: JSON.parse(payload) as Reply };
}
