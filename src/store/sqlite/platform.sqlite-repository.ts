import type { SqlDb as Db } from '../sql.js';

const REF_REWRITE_MS = 10 * 60_000;

export interface PostedMessage {
  id: number;
  reportId: number;
  platform: string;
  channel: string;
  messageId: string;
  shownVersion: number;
}

/**
 * Platform-neutral bookkeeping for adapters: a municipality's approval channel per platform, the
 * messages posted about a report (so every copy can be updated after a decision), and event ids
 * already handled (so a platform's retry never gives a second answer).
 */
export class SqlitePlatformState {
  private readonly savedRefs = new Map<string, { json: string; at: number }>();

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  setApprovalChannel(municipalityCode: string, platform: string, channel: string): void {
    this.db
      .prepare('INSERT INTO channel_settings (municipality_code, platform, channel, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (municipality_code, platform) DO UPDATE SET channel = excluded.channel, updated_at = excluded.updated_at')
      .run(municipalityCode, platform, channel, this.now().toISOString());
  }

  approvalChannel(municipalityCode: string, platform: string): string | undefined {
    return (this.db.prepare('SELECT channel FROM channel_settings WHERE municipality_code = ? AND platform = ?').get(municipalityCode, platform) as { channel: string } | undefined)?.channel;
  }

  recordPost(reportId: number, platform: string, channel: string, messageId: string, shownVersion: number): void {
    this.db
      .prepare('INSERT INTO posted_messages (report_id, platform, channel, message_id, shown_version, posted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(reportId, platform, channel, messageId, shownVersion, this.now().toISOString());
  }

  posts(reportId: number, platform: string): PostedMessage[] {
    return this.db
      .prepare('SELECT id, report_id AS reportId, platform, channel, message_id AS messageId, shown_version AS shownVersion FROM posted_messages WHERE report_id = ? AND platform = ?')
      .all(reportId, platform) as PostedMessage[];
  }

  /** Posts showing an older version of their report than `version` says (need an update). */
  stalePosts(platform: string): (PostedMessage & { version: number; shownHash: string | null })[] {
    return this.db
      .prepare(
        `SELECT m.id, m.report_id AS reportId, m.platform, m.channel, m.message_id AS messageId, m.shown_version AS shownVersion, m.shown_hash AS shownHash, r.version
         FROM posted_messages m JOIN reports r ON r.id = m.report_id WHERE m.platform = ? AND m.shown_version < r.version AND r.status != 'submitted'`,
      )
      .all(platform) as (PostedMessage & { version: number; shownHash: string | null })[];
  }

  /** The post now shows `version`; `hash` identifies what it shows, so an identical update can be skipped. */
  markShown(id: number, version: number, hash?: string): void {
    this.db.prepare('UPDATE posted_messages SET shown_version = ?, shown_hash = COALESCE(?, shown_hash) WHERE id = ?').run(version, hash ?? null, id);
  }

  /**
   * Remember how to reach an identity proactively (a platform's conversation reference, opaque
   * JSON). Returns true when the stored reference changed. Every message carries the reference, so
   * one this process stored in the last 10 minutes is not written again.
   */
  saveConversation(identity: string, platform: string, reference: unknown): boolean {
    const json = JSON.stringify(reference);
    const at = this.now().getTime();
    const known = this.savedRefs.get(identity);
    if (known && known.json === json && at - known.at < REF_REWRITE_MS) return false;
    const stored = (this.db.prepare('SELECT reference FROM conversation_refs WHERE identity = ?').get(identity) as { reference: string } | undefined)?.reference;
    this.db
      .prepare('INSERT INTO conversation_refs (identity, platform, reference, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (identity) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at')
      .run(identity, platform, json, new Date(at).toISOString());
    if (this.savedRefs.size >= 10_000) this.savedRefs.clear();
    this.savedRefs.set(identity, { json, at });
    return stored !== json;
  }

  conversation(identity: string): unknown {
    const r = this.db.prepare('SELECT reference FROM conversation_refs WHERE identity = ?').get(identity) as { reference: string } | undefined;
    return r ? JSON.parse(r.reference) : undefined;
  }

  /** Forget handled event ids older than `before` (ISO time); platforms retry within minutes. */
  pruneEvents(before: string): number {
    // In chunks, so the first run on a large table never holds the write lock for long.
    let total = 0;
    for (;;) {
      const n = this.db.prepare('DELETE FROM processed_events WHERE event_key IN (SELECT event_key FROM processed_events WHERE processed_at < ? LIMIT 5000)').run(before).changes;
      total += n;
      if (n < 5000) return total;
    }
  }

  /** True the first time `key` is seen; false for a repeat (a retry). */
  firstTime(key: string): boolean {
    return this.db.prepare('INSERT INTO processed_events (event_key, processed_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(key, this.now().toISOString()).changes === 1;
  }
}
